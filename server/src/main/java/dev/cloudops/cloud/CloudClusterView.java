package dev.cloudops.cloud;

import java.time.Instant;

/**
 * A cloud cluster the platform manages (the plan's MultiCloudCluster): where it lives, its state at the last
 * sync, and the registry cluster it was registered as.
 *
 * @param name the cluster's name in the cloud
 * @param cloudId the cloud's id (an ARN on AWS)
 * @param clusterId the registry cluster ({@code /api/k8s/cluster/{id}}), null when not registered
 * @param credentialsExpireAt when the registered credentials expire (they are renewed before)
 * @param drift true when the last sync found settings changed in the cloud since the platform last saw them
 * @param lastError the last failure of a sync or credential renewal, cleared by the next success
 */
public record CloudClusterView(
        long id,
        long accountId,
        String provider,
        String region,
        String name,
        String cloudId,
        CloudStatus status,
        String version,
        String endpoint,
        Long clusterId,
        Instant credentialsExpireAt,
        boolean drift,
        Instant lastSyncAt,
        String lastError,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
