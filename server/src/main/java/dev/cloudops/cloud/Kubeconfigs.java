package dev.cloudops.cloud;

import dev.cloudops.platform.yaml.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the kubeconfig the registry stores for a cloud cluster reached with a bearer token. Pure. */
final class Kubeconfigs {

    private Kubeconfigs() {}

    static String of(String name, ClusterCredentials credentials) {
        if (credentials.kubeconfig() != null) {
            return credentials.kubeconfig();
        }
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", credentials.serverUrl());
        if (credentials.caData() != null && !credentials.caData().isBlank()) {
            cluster.put("certificate-authority-data", credentials.caData());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(Map.of("name", name, "cluster", cluster)));
        root.put("users", List.of(Map.of("name", name, "user", Map.of("token", credentials.token()))));
        root.put("contexts", List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name))));
        root.put("current-context", name);
        return SafeYaml.dump(root);
    }
}
