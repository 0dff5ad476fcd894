package dev.cloudops.cloud;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.resource.ResourceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Tells which cloud runs a registered cluster (one imported from a kubeconfig, say) from its API server's host
 * and its nodes, and which of the caller's cloud accounts could manage it.
 */
@Service
public class CloudDetectionService {

    private static final int NODES_CHECKED = 50;

    private final ClusterService clusters;
    private final ResourceService resources;
    private final CloudProviders providers;
    private final CloudAccountStore accounts;
    private final CloudAccess access;

    CloudDetectionService(
            ClusterService clusters,
            ResourceService resources,
            CloudProviders providers,
            CloudAccountStore accounts,
            CloudAccess access) {
        this.clusters = clusters;
        this.resources = resources;
        this.providers = providers;
        this.accounts = accounts;
        this.access = access;
    }

    /**
     * The verdict on one registered cluster.
     *
     * @param provider the provider id, null when nothing matched ({@code gke} and {@code aks} are recognised but
     *     not planned)
     * @param available whether this server has an adapter for it
     * @param nodesChecked how many nodes were looked at (0 when the caller may not list nodes)
     * @param accounts the caller's accounts of that provider covering the detected region, to import it with
     */
    public record DetectionView(
            long clusterId,
            String provider,
            String providerName,
            boolean available,
            String region,
            List<ProviderDetection.Evidence> evidence,
            int nodesChecked,
            List<Long> accounts) {}

    public DetectionView detect(long clusterId) {
        ClusterView cluster = clusters.get(clusterId);
        List<ProviderDetection.NodeFacts> nodes = new ArrayList<>();
        try {
            ObjectPage page = resources.list(clusterId, "nodes", null, null, null, NODES_CHECKED, null);
            for (Map<String, Object> item : page.items()) {
                nodes.add(facts(item));
            }
        } catch (ApiException e) {
            // No right to list nodes, or the cluster is down: the API server's host still tells something.
            nodes.clear();
        }
        var detection = ProviderDetection.detect(cluster.serverUrl(), nodes);
        String provider = detection.provider();
        boolean available =
                provider != null && providers.list().stream().anyMatch(p -> p.id().equals(provider) && p.available());
        List<Long> candidates = new ArrayList<>();
        if (available && detection.region() != null) {
            var visible = access.visibleAccounts();
            for (var row : accounts.all()) {
                var view = row.view();
                if (view.provider().equals(provider)
                        && view.regions().contains(detection.region())
                        && (visible == null || visible.contains(view.id()))) {
                    candidates.add(view.id());
                }
            }
        }
        return new DetectionView(
                clusterId,
                provider,
                provider == null
                        ? null
                        : CloudProviders.PLANNED.getOrDefault(provider, provider.toUpperCase(java.util.Locale.ROOT)),
                available,
                detection.region(),
                detection.evidence(),
                nodes.size(),
                candidates);
    }

    private static ProviderDetection.NodeFacts facts(Map<String, Object> node) {
        String name = null;
        Map<String, String> labels = Map.of();
        if (node.get("metadata") instanceof Map<?, ?> meta) {
            name = meta.get("name") == null ? null : String.valueOf(meta.get("name"));
            if (meta.get("labels") instanceof Map<?, ?> l) {
                Map<String, String> copy = new java.util.TreeMap<>();
                l.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
                labels = copy;
            }
        }
        String providerId = null;
        if (node.get("spec") instanceof Map<?, ?> spec && spec.get("providerID") != null) {
            providerId = String.valueOf(spec.get("providerID"));
        }
        return new ProviderDetection.NodeFacts(name, providerId, labels);
    }
}
