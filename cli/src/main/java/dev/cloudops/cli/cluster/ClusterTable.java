package dev.cloudops.cli.cluster;

import dev.cloudops.cli.core.Ages;
import dev.cloudops.cli.core.Table;
import java.time.Clock;
import java.util.List;

/** Clusters as the {@code -o table} columns ID NAME ENV STATUS VERSION NODES SIMULATED LAST-SEEN. */
final class ClusterTable {

    private ClusterTable() {}

    static Table of(List<ClusterView> clusters, Clock clock) {
        Table table = new Table("ID", "NAME", "ENV", "STATUS", "VERSION", "NODES", "SIMULATED", "LAST-SEEN");
        for (ClusterView cluster : clusters) {
            table.row(
                    cluster.id() == null ? null : String.valueOf(cluster.id()),
                    cluster.name(),
                    cluster.env(),
                    cluster.status(),
                    cluster.version(),
                    cluster.nodeCount() == null ? null : String.valueOf(cluster.nodeCount()),
                    Boolean.TRUE.equals(cluster.simulated()) ? "yes" : "no",
                    Ages.since(cluster.lastSeenAt(), clock));
        }
        return table;
    }
}
