/**
 * The only package that talks to Kubernetes API servers (imports {@code io.fabric8.kubernetes.client}): one
 * client per cluster with timeouts and a rate limit, informer caches for the hot kinds, discovery, a generic
 * resource operator, and the translation of Kubernetes errors into {@code ApiException}s.
 */
package dev.cloudops.kube;
