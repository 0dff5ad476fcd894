package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A manifest document checked against the cluster's discovery and ready to apply.
 *
 * @param index the document's position in the submitted manifest, from 0
 * @param namespace its namespace, or null for a cluster-scoped kind
 */
public record PreparedObject(
        int index, ApiResourceInfo type, String namespace, String name, GenericKubernetesResource object) {}
