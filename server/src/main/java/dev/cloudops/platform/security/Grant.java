package dev.cloudops.platform.security;

/**
 * A role in a scope. A null cluster id means every cluster; a null namespace means the whole cluster,
 * including cluster-scoped objects such as nodes and namespaces.
 */
public record Grant(Role role, Long clusterId, String namespace) {

    /** True when this grant gives {@code action} on objects in {@code namespace} of cluster {@code cluster}. */
    public boolean allows(Action action, long cluster, String targetNamespace) {
        return role.covers(action.minimum())
                && (clusterId == null || clusterId == cluster)
                && (namespace == null || namespace.equals(targetNamespace));
    }

    public boolean coversCluster(long cluster) {
        return clusterId == null || clusterId == cluster;
    }
}
