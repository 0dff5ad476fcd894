/**
 * {@code cloudops exec}, {@code cloudops exec-history} and {@code cloudops logs}: run commands in containers and
 * read their logs through {@code /api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/*}. A container is
 * named as with kubectl (cluster, namespace, pod and {@code -c}); the cluster may be given by name and the
 * container left out when the pod has only one.
 */
package dev.cloudops.cli.container;
