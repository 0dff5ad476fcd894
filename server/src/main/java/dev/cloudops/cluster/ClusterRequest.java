package dev.cloudops.cluster;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A cluster to register or the changes to one (on update, null fields stay as they are).
 *
 * @param kubeconfig the kubeconfig text; it must carry inline credentials (token, client certificate or basic)
 * @param namespaces restrict the platform to these namespaces of the cluster; empty means all
 */
public record ClusterRequest(
        @Schema(example = "prod-eu-1") String name,

        @Schema(description = "Kubeconfig text (YAML); sealed at rest, never returned")
        String kubeconfig,

        @Schema(example = "prod-eu-1-admin") String context,
        @Schema(example = "production") String env,
        @Schema(example = "[\"eu\", \"tier-1\"]") List<String> tags,
        @Schema(example = "[\"shop\", \"payments\"]") List<String> namespaces) {

    @Override
    public String toString() {
        return "ClusterRequest[name=" + name + ", context=" + context + ", env=" + env + "]";
    }
}
