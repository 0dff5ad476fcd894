/**
 * {@code cloudops cluster ...}: register, list and remove the Kubernetes clusters the platform manages,
 * through {@code /api/k8s/cluster/*}.
 */
package dev.cloudops.cli.cluster;
