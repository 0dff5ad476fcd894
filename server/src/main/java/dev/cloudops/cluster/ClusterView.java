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

    /** A cluster as a successful probe just found it: healthy, seen now. */
    static ClusterView probed(
            long id,
            String name,
            String env,
            List<String> tags,
            List<String> namespaces,
            dev.cloudops.kube.ProbeResult probe,
            boolean simulated,
            Instant createdAt,
            Instant now) {
        return new ClusterView(
                id,
                name,
                probe.context(),
                env,
                tags,
                namespaces,
                probe.serverUrl(),
                probe.version(),
                probe.nodeCount(),
                ClusterStatus.Healthy,
                null,
                simulated,
                now,
                createdAt,
                now);
    }
}
