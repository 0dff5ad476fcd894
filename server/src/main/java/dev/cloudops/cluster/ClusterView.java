package dev.cloudops.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A registered cluster as the API shows it. There is deliberately no kubeconfig here.
 *
 * @param namespaces the namespaces the platform may touch on this cluster; empty means all
 * @param simulated true for the in-process demo cluster
 */
public record ClusterView(
        long id,
        String name,
        String context,
        String env,
        List<String> tags,
        List<String> namespaces,
        String serverUrl,
        String version,
        Integer nodeCount,
        ClusterStatus status,
        String statusMessage,
        boolean simulated,
        Instant lastSeenAt,
        Instant createdAt,
        Instant updatedAt) {

    public ClusterView {
        tags = List.copyOf(tags);
        namespaces = List.copyOf(namespaces);
    }
}
