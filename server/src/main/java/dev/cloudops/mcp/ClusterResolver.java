package dev.cloudops.mcp;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code cluster} argument (an id, or a name as people and agents say it) into a cluster id the caller
 * can see. Without one, the only cluster the caller can see is meant; with several, the answer lists them.
 */
@Component
class ClusterResolver {

    private final ClusterService clusters;

    ClusterResolver(ClusterService clusters) {
        this.clusters = clusters;
    }

    long resolve(Object cluster) {
        if (cluster instanceof Number number) {
            return clusters.get(number.longValue()).id();
        }
        String text = cluster == null ? "" : cluster.toString().strip();
        if (text.matches("\\d{1,18}")) {
            return clusters.get(Long.parseLong(text)).id();
        }
        List<ClusterView> visible = clusters.visibleClusters();
        if (text.isEmpty()) {
            if (visible.size() == 1) {
                return visible.get(0).id();
            }
            throw ApiException.badRequest(
                    "cluster-required",
                    visible.isEmpty() ? "You can see no cluster" : "Name a cluster (id or name): " + describe(visible),
                    "cluster");
        }
        return visible.stream()
                .filter(c -> c.name().equals(text))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(
                        "cluster-not-found",
                        "No cluster named '" + text + "' that you can see"
                                + (visible.isEmpty() ? "" : "; clusters: " + describe(visible))))
                .id();
    }

    private static String describe(List<ClusterView> visible) {
        return visible.stream().map(c -> c.name() + " (" + c.id() + ")").collect(Collectors.joining(", "));
    }
}
