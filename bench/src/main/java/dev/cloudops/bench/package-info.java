/** Benchmarks of CloudOps K8s against named peers; results in bench/RESULTS.md. */
package dev.cloudops.bench;
