package dev.cloudops.cloud;

import dev.cloudops.cluster.ClusterRequest;
import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Puts cloud clusters into the cluster registry and keeps their credentials fresh: fetches credentials from the
 * provider, builds the kubeconfig, and registers, renews or removes the registry cluster.
 */
@Component
class CloudRegistrar {

    private final ClusterService registry;
    private final CloudClusterStore records;
    private final Clock clock;

    CloudRegistrar(ClusterService registry, CloudClusterStore records, Clock clock) {
        this.registry = registry;
        this.records = records;
        this.clock = clock;
    }

    /** What registration produced. */
    record Registration(ClusterView cluster, Instant expiresAt) {}

    /** Registers a live cluster under {@code name}; probes its API server like any registration. */
    Registration register(
            CloudClusterProvider provider,
            CloudSession session,
            CloudCluster live,
            String name,
            String env,
            List<String> tags) {
        if (live.status() != CloudStatus.ACTIVE && live.status() != CloudStatus.UPDATING) {
            throw ApiException.conflict(
                    "cloud-cluster-not-active",
                    "Cluster " + live.name() + " is " + live.status() + "; only an active cluster can be registered",
                    null);
        }
        ClusterCredentials credentials = provider.credentials(session, live);
        ClusterView view = registry.registerManaged(
                new ClusterRequest(name, Kubeconfigs.of(live.name(), credentials), null, env, tags, List.of()));
        return new Registration(view, credentials.expiresAt());
    }

    /**
     * Fetches fresh credentials for a registered cloud cluster and stores them in the registry. Runs without a
     * caller too (the background renewal): the registry cluster is addressed by the id the record keeps.
     */
    Instant renew(CloudClusterProvider provider, CloudSession session, CloudClusterView record) {
        CloudCluster live = provider.describeCluster(session, record.name());
        ClusterCredentials credentials = provider.credentials(session, live);
        registry.renewKubeconfig(record.clusterId(), Kubeconfigs.of(record.name(), credentials));
        records.registered(record.id(), record.clusterId(), credentials.expiresAt(), clock.instant());
        return credentials.expiresAt();
    }

    void remove(Long clusterId) {
        if (clusterId != null) {
            registry.removeManaged(clusterId);
        }
    }

    /**
     * The registry name: the one asked for, or the cloud name made into an RFC 1123 label (lower case, other
     * characters as '-'); {@code 400 invalid-name} when even that is not a label.
     */
    static String registryName(String requested, String cloudName) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        String name = cloudName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        name = name.replaceAll("^-+", "").replaceAll("-+$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63).replaceAll("-+$", "");
        }
        if (name.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "Name the registry cluster: '" + cloudName + "' makes no valid name",
                    "registryName");
        }
        return name;
    }
}
