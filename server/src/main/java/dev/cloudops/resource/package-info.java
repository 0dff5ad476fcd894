/**
 * Generic resources of any kind on any cluster: discovery, list, get (JSON or YAML), multi-document apply with
 * dry run, delete, events, workload scale and restart, and the cross-cluster list served from caches.
 */
package dev.cloudops.resource;
