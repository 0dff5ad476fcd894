package dev.cloudops.cloud;

import java.util.Map;

/**
 * A change to a cluster: a new Kubernetes version, or new values for basic settings (keys as in {@link
 * CloudCluster#settings()}; each provider lists those it can change).
 */
public record ClusterChange(String version, Map<String, String> settings) {

    public ClusterChange {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
