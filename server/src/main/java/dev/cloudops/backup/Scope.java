package dev.cloudops.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a definition backs up of its cluster.
 *
 * @param namespaces the namespaces to back up; empty: every namespace
 * @param kinds the kinds to back up (kubectl names); empty: every kind that can be listed and created
 * @param excludeKinds kinds left out
 * @param labelSelector only objects with these labels (Namespaces and CRDs that come along are exempt)
 * @param include when set, only objects matching one of these rules
 * @param exclude objects matching one of these rules are left out
 * @param includeClusterResources cluster-scoped objects (ClusterRoles, StorageClasses …) too; default: only when
 *     every namespace is backed up. The selected namespaces themselves and the CRDs of selected custom resources
 *     always come along.
 * @param defaultExclusions leave out events, endpoints, endpoint slices, leases, nodes, controller-owned pods and
 *     replica sets, the {@code kube-root-ca.crt} config maps and service-account token secrets (default true)
 */
@Schema(description = "What a definition backs up of its cluster")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scope(
        @Schema(example = "[\"shop\", \"payments\"]") List<String> namespaces,
        @Schema(example = "[]") List<String> kinds,
        @Schema(example = "[\"jobs\"]") List<String> excludeKinds,
        @Schema(example = "backup!=skip") String labelSelector,
        List<ObjectRule> include,
        List<ObjectRule> exclude,
        @Schema(example = "false") Boolean includeClusterResources,
        @Schema(example = "true") Boolean defaultExclusions) {

    public Scope {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        excludeKinds = excludeKinds == null ? List.of() : List.copyOf(excludeKinds);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
    }

    boolean clusterResources() {
        return includeClusterResources != null ? includeClusterResources : namespaces.isEmpty();
    }

    boolean withDefaultExclusions() {
        return defaultExclusions == null || defaultExclusions;
    }
}
