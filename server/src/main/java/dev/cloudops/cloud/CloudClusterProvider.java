package dev.cloudops.cloud;

import java.util.List;
import java.util.Set;

/**
 * One cloud's managed Kubernetes service behind the platform's one API. Every adapter uses its cloud's official
 * SDK; every failure is an {@link dev.cloudops.platform.error.ApiException} with a {@code cloud-*} code (see
 * {@link CloudProblems}). Calls are synchronous; what the cloud does asynchronously (create, delete, upgrade,
 * node group changes) answers a {@link CloudOperation} that {@link #poll} follows until it ends.
 *
 * <p>An adapter is a Spring bean; the platform offers exactly the providers that have one.
 */
public interface CloudClusterProvider {

    /** The provider's id in the API: {@code aws}, {@code huawei}, {@code aliyun}, {@code tencent}. */
    String id();

    /** Its name for people: "Amazon EKS". */
    String displayName();

    /** True when the cloud has a region of that name (checked before anything is stored or called). */
    boolean knowsRegion(String region);

    /** The service names an account may override the endpoint of ({@code default} is always accepted). */
    Set<String> endpointServices();

    /** Checks the credentials by asking the cloud who they belong to. */
    CloudIdentity validate(CloudSession session);

    /** Every cluster of the account in the session's region. */
    List<CloudCluster> listClusters(CloudSession session);

    /** One cluster with the settings the platform watches, its node groups' included. */
    CloudCluster describeCluster(CloudSession session, String name);

    /** Refuses what this provider cannot create before anything is sent (missing options …). */
    void checkNewCluster(NewCluster spec);

    CloudOperation createCluster(CloudSession session, NewCluster spec);

    /** Refuses a change this provider cannot make to {@code current} (unknown settings, skipped versions …). */
    void checkChange(CloudCluster current, ClusterChange change);

    CloudOperation updateCluster(CloudSession session, String name, ClusterChange change);

    CloudOperation deleteCluster(CloudSession session, String name);

    /** Where an operation stands; a deleted cluster or node group that is gone has succeeded. */
    OperationProgress poll(CloudSession session, CloudOperation operation);

    List<NodeGroup> listNodeGroups(CloudSession session, String cluster);

    NodeGroup describeNodeGroup(CloudSession session, String cluster, String nodeGroup);

    CloudOperation createNodeGroup(CloudSession session, String cluster, NewNodeGroup spec);

    CloudOperation scaleNodeGroup(CloudSession session, String cluster, String nodeGroup, NodeGroupScaling scaling);

    CloudOperation upgradeNodeGroup(CloudSession session, String cluster, String nodeGroup, String version);

    CloudOperation deleteNodeGroup(CloudSession session, String cluster, String nodeGroup);

    /** Fresh credentials for the platform to reach the cluster's API server. */
    ClusterCredentials credentials(CloudSession session, CloudCluster cluster);

    /** The cluster's metrics from the cloud's monitoring service. */
    List<MetricSeries> monitoring(CloudSession session, String cluster, MonitoringQuery query);

    List<AccessEntry> listAccess(CloudSession session, String cluster);

    AccessEntry grantAccess(CloudSession session, String cluster, AccessGrant grant);

    void revokeAccess(CloudSession session, String cluster, String principal);
}
