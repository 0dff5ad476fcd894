package dev.cloudops.cloud;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster as its cloud describes it.
 *
 * @param name the cluster's name in the cloud
 * @param cloudId the cloud's unique id (an ARN on AWS, a cluster id elsewhere)
 * @param endpoint the API server URL, once known
 * @param caData base64 PEM of the API server's certificate authority, once known
 * @param platformVersion the provider's own revision of the control plane (EKS platform version …)
 * @param settings the settings the platform watches for drift, flattened to {@code key → value} (sorted); keys
 *     are provider-defined, e.g. {@code version}, {@code endpointPublicAccess}, {@code logging.api}, {@code
 *     tags.team}, {@code nodegroup.<name>.desiredSize}
 */
public record CloudCluster(
        String name,
        String cloudId,
        String region,
        CloudStatus status,
        String version,
        String platformVersion,
        String endpoint,
        String caData,
        Instant createdAt,
        Map<String, String> settings) {

    public CloudCluster {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** The same cluster with more settings (node groups are described separately). */
    public CloudCluster withSettings(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(settings);
        all.putAll(more);
        return new CloudCluster(
                name, cloudId, region, status, version, platformVersion, endpoint, caData, createdAt, all);
    }
}
