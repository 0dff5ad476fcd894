/**
 * The cluster registry: registered clusters with their sealed kubeconfigs, their health and version, and the
 * fleet-wide health sync. Kubeconfigs never leave this package unsealed except towards {@code kube}.
 */
package dev.cloudops.cluster;
