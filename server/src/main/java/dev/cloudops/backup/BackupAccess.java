package dev.cloudops.backup;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Who may do what with backups. Definitions, backups and their jobs belong to the backup's (source) cluster as a
 * whole: reading them needs the viewer role on the whole cluster, managing and running them the operator role
 * there. A record on a cluster the caller holds no grant on answers 404, as if it did not exist.
 */
@Component
class BackupAccess {

    private final AccessPolicy access;

    BackupAccess(AccessPolicy access) {
        this.access = access;
    }

    CurrentUser caller() {
        return access.current();
    }

    /** Requires {@code action} on the whole cluster; 404 {@code cluster-not-found} when it cannot be seen. */
    void requireCluster(Action action, long clusterId) {
        if (!access.canSee(clusterId)) {
            throw ApiException.notFound("cluster-not-found", "No cluster " + clusterId);
        }
        access.require(action, clusterId, null);
    }

    /** As {@link #requireCluster}, but a cluster the caller cannot see answers {@code notFound}. */
    void requireVisible(Action action, long clusterId, Supplier<ApiException> notFound) {
        if (!access.canSee(clusterId)) {
            throw notFound.get();
        }
        access.require(action, clusterId, null);
    }

    /** Requires {@code action} on a namespace (null: the whole cluster) of a target cluster. */
    void require(Action action, long clusterId, String namespace) {
        access.require(action, clusterId, namespace);
    }

    /**
     * The clusters whose backups the caller may read (viewer on the whole cluster), narrowed to {@code only} when
     * set; null means every cluster.
     */
    List<Long> readableClusters(Long only) {
        List<Long> ids = new ArrayList<>();
        for (Grant g : access.current().grants()) {
            if (g.namespace() != null || !g.role().covers(Action.READ.minimum())) {
                continue;
            }
            if (g.clusterId() == null) {
                return only == null ? null : List.of(only);
            }
            if (only == null || only.equals(g.clusterId())) {
                ids.add(g.clusterId());
            }
        }
        return ids;
    }
}
