package dev.cloudops.kube;

import java.util.Set;

/**
 * How to reach a cluster: the kubeconfig text (unsealed, held only in memory), the context to use, and the
 * namespaces the platform may touch there (empty: all).
 */
public record ClusterSpec(long id, String name, String kubeconfig, String context, Set<String> namespaces) {

    public ClusterSpec {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    }

    @Override
    public String toString() {
        // Never print the kubeconfig.
        return "ClusterSpec[id=" + id + ", name=" + name + ", context=" + context + ", namespaces=" + namespaces + "]";
    }
}
