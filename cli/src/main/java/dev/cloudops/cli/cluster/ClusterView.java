package dev.cloudops.cli.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A registered cluster as the server shows it. Timestamps stay text so that a format the CLI does not know
 * is still shown; fields the server adds later are ignored here and kept in json/yaml output.
 *
 * @param id platform id
 * @param name unique name
 * @param context kubeconfig context used
 * @param env environment label (prod, staging, demo ...)
 * @param tags free-form tags
 * @param namespaces namespaces the platform is limited to; empty means all
 * @param status Healthy, Unreachable, Unauthorized or Pending
 * @param serverUrl the cluster's API server URL
 * @param version Kubernetes version, e.g. v1.31.0
 * @param nodeCount number of nodes at the last sync
 * @param simulated whether this is the simulated demo cluster
 * @param lastSeenAt last successful contact (ISO-8601)
 * @param createdAt registration time (ISO-8601)
 * @param updatedAt last change (ISO-8601)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterView(
        Long id,
        String name,
        String context,
        String env,
        List<String> tags,
        List<String> namespaces,
        String status,
        String serverUrl,
        String version,
        Integer nodeCount,
        Boolean simulated,
        String lastSeenAt,
        String createdAt,
        String updatedAt) {}
