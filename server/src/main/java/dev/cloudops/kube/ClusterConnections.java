package dev.cloudops.kube;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Opens, keeps and closes one client per registered cluster. Kubeconfigs arrive unsealed from the cluster
 * registry and live only inside the clients built from them.
 */
@Service
public class ClusterConnections {

    private final Map<Long, ClusterConnection> connections = new ConcurrentHashMap<>();
    private final CloudOpsProperties.Clusters settings;
    private final MeterRegistry meters;

    ClusterConnections(CloudOpsProperties properties, MeterRegistry meters) {
        this.settings = properties.clusters();
        this.meters = meters;
    }

    /**
     * Validates a kubeconfig and connects to its API server once, within the probe timeout, to read the
     * server version and count the nodes. Nothing is kept.
     *
     * @throws ApiException 400 for a bad kubeconfig or unknown context, 422 for an unreachable or refusing server
     */
    public ProbeResult probe(String kubeconfig, String context) {
        KubeconfigValidator.Validated valid = KubeconfigValidator.validate(kubeconfig, context);
        Duration timeout = settings.probeTimeout();
        try (KubernetesClient client = build(kubeconfig, valid.context(), timeout, timeout, null)) {
            return readState(client, valid);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw ApiException.unprocessable(
                        "cluster-unauthorized",
                        "The API server at " + valid.serverUrl() + " refused the credentials (HTTP " + e.getCode()
                                + ")",
                        "kubeconfig");
            }
            throw unreachable(valid.serverUrl(), e);
        } catch (RuntimeException e) {
            throw unreachable(valid.serverUrl(), e);
        }
    }

    /** Opens (or reopens) the long-lived client of a registered cluster. Cheap: caches start on first use. */
    public void connect(ClusterSpec spec) {
        KubeconfigValidator.Validated valid = KubeconfigValidator.validate(spec.kubeconfig(), spec.context());
        RateLimiter limiter = RateLimiter.of(
                "cluster-" + spec.id(),
                RateLimiterConfig.custom()
                        .limitForPeriod(settings.requestsPerSecond())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(settings.requestTimeout())
                        .build());
        KubernetesClient client = build(
                spec.kubeconfig(),
                valid.context(),
                settings.connectTimeout(),
                settings.requestTimeout(),
                new NamespaceGuard(spec.namespaces(), limiter));
        ClusterConnection previous =
                connections.put(spec.id(), new ClusterConnection(spec, client, meters, settings.requestTimeout()));
        if (previous != null) {
            previous.close();
        }
    }

    /** Closes a cluster's client and caches; unknown ids are ignored. */
    public void disconnect(long clusterId) {
        ClusterConnection connection = connections.remove(clusterId);
        if (connection != null) {
            connection.close();
        }
    }

    public boolean isConnected(long clusterId) {
        return connections.containsKey(clusterId);
    }

    /** Reads version and node count through the cluster's own client (health sync). */
    public ProbeResult health(long clusterId) {
        ClusterConnection c = connection(clusterId);
        String server = c.client.getConfiguration().getMasterUrl();
        String context = Optional.ofNullable(c.client.getConfiguration().getCurrentContext())
                .map(ctx -> ctx.getName())
                .orElse(null);
        return c.call("health", () -> readState(c.client, new KubeconfigValidator.Validated(context, server)));
    }

    ClusterConnection connection(long clusterId) {
        ClusterConnection connection = connections.get(clusterId);
        if (connection == null) {
            throw ApiException.notFound("cluster-not-found", "No cluster " + clusterId);
        }
        return connection;
    }

    java.util.Collection<ClusterConnection> all() {
        return connections.values();
    }

    @PreDestroy
    void closeAll() {
        connections.keySet().forEach(this::disconnect);
    }

    private static ProbeResult readState(KubernetesClient client, KubeconfigValidator.Validated valid) {
        var info = client.getKubernetesVersion();
        // gitVersion is what kubectl prints; servers that leave it out still give major and minor.
        String version = info.getGitVersion() != null && !info.getGitVersion().isBlank()
                ? info.getGitVersion()
                : "v" + info.getMajor() + "." + info.getMinor();
        int nodes = 0;
        String next = null;
        do {
            NodeList page = client.nodes()
                    .list(new ListOptionsBuilder()
                            .withLimit(500L)
                            .withContinue(next)
                            .build());
            nodes += page.getItems().size();
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return new ProbeResult(valid.context(), valid.serverUrl(), version, nodes);
    }

    private static KubernetesClient build(
            String kubeconfig, String context, Duration connect, Duration request, NamespaceGuard guard) {
        Config config = Config.fromKubeconfig(context, kubeconfig, null);
        config.setConnectionTimeout((int) connect.toMillis());
        config.setRequestTimeout((int) request.toMillis());
        config.setRequestRetryBackoffLimit(0);
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
        if (guard != null) {
            builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("cloudops-guard", guard));
        }
        return builder.build();
    }

    private static ApiException unreachable(String server, Throwable e) {
        return ApiException.unprocessable(
                "cluster-unreachable",
                "Cannot reach the API server at " + server + ": " + KubeErrors.rootMessage(e),
                "kubeconfig");
    }
}
