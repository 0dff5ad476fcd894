/**
 * Multi-cloud clusters: cloud accounts (sealed credentials, per-account grants), the provider-neutral
 * {@link dev.cloudops.cloud.CloudClusterProvider} and its adapters (one sub-package per provider), cloud cluster
 * records with drift detection, long cloud operations as polled jobs, credential renewal of the registered
 * clusters, provider detection, and copying objects between clusters. It reaches clusters only through the
 * {@code cluster} and {@code resource} services.
 */
package dev.cloudops.cloud;
