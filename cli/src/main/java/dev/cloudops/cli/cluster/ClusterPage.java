package dev.cloudops.cli.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code GET /api/k8s/cluster/list}.
 *
 * @param items the clusters on this page
 * @param page zero-based page number
 * @param size requested page size
 * @param total clusters matching the filter on all pages
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterPage(List<ClusterView> items, Integer page, Integer size, Long total) {

    /** The items, never {@code null}. */
    public List<ClusterView> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }
}
