package dev.cloudops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deployments with pod templates for the analysis benchmark, varied as a real cluster's are: about half hardened
 * (pinned image, requests and limits, probes, non-root, read-only root file system), the rest missing some of it
 * in different ways (latest tag, no resources, no probes, privileged, host network, root), with a status that has
 * every tenth one short of replicas. Seeded, so every run analyses the same objects.
 */
final class AnalysisWorkloads {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalysisWorkloads() {}

    static List<Map<String, Object>> deployments(int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(deployment(i, random));
        }
        return out;
    }

    static byte[] json(List<Map<String, Object>> objects) {
        return JSON.writeValueAsBytes(objects);
    }

    /** True when the generator made deployment {@code i} short of available replicas. */
    static boolean unavailable(int i) {
        return i % 10 == 3;
    }

    private static Map<String, Object> deployment(int i, Random random) {
        String ns = "team-" + (i % 50);
        String app = "app-" + i;
        boolean hardened = random.nextBoolean();
        int replicas = 1 + random.nextInt(4);
        Map<String, Object> labels = map("app", app, "tier", i % 3 == 0 ? "frontend" : "backend");

        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "main");
        container.put(
                "image",
                hardened || random.nextInt(3) > 0
                        ? "registry.example.com/" + app + ":1." + (i % 20) + "." + random.nextInt(10)
                        : "registry.example.com/" + app + ":latest");
        container.put("ports", List.of(map("containerPort", 8080, "name", "http")));
        container.put(
                "env", List.of(map("name", "MODE", "value", "production"), map("name", "INDEX", "value", "" + i)));
        if (hardened || random.nextBoolean()) {
            container.put(
                    "resources",
                    map(
                            "requests",
                                    map(
                                            "cpu",
                                            (50 + random.nextInt(400)) + "m",
                                            "memory",
                                            (64 << random.nextInt(4)) + "Mi"),
                            "limits", map("cpu", "1", "memory", (256 << random.nextInt(3)) + "Mi")));
        }
        if (hardened || random.nextBoolean()) {
            Map<String, Object> probe = map("httpGet", map("path", "/healthz", "port", "http"), "periodSeconds", 10);
            container.put("livenessProbe", probe);
            container.put("readinessProbe", probe);
        }
        Map<String, Object> security = new LinkedHashMap<>();
        if (hardened) {
            security.put("runAsNonRoot", true);
            security.put("readOnlyRootFilesystem", true);
            security.put("allowPrivilegeEscalation", false);
            security.put("capabilities", map("drop", List.of("ALL")));
        } else if (random.nextInt(4) == 0) {
            security.put("privileged", true);
        } else if (random.nextBoolean()) {
            security.put("runAsUser", 0);
        }
        container.put("securityContext", security);
        container.put("imagePullPolicy", hardened ? "IfNotPresent" : "Always");

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("containers", List.of(container));
        podSpec.put("serviceAccountName", hardened ? app : "default");
        if (!hardened && random.nextInt(5) == 0) {
            podSpec.put("hostNetwork", true);
        }
        if (hardened) {
            podSpec.put("automountServiceAccountToken", false);
        }

        Map<String, Object> status = new LinkedHashMap<>();
        int available = unavailable(i) ? replicas - 1 : replicas;
        status.put("replicas", replicas);
        status.put("readyReplicas", available);
        status.put("availableReplicas", available);
        status.put("observedGeneration", 1);

        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("apiVersion", "apps/v1");
        deployment.put("kind", "Deployment");
        deployment.put(
                "metadata",
                map(
                        "name",
                        app,
                        "namespace",
                        ns,
                        "labels",
                        labels,
                        "uid",
                        "00000000-0000-0000-0000-" + String.format("%012d", i)));
        deployment.put(
                "spec",
                map(
                        "replicas", replicas,
                        "selector", map("matchLabels", map("app", app)),
                        "template", map("metadata", map("labels", labels), "spec", podSpec)));
        deployment.put("status", status);
        return deployment;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            m.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return m;
    }
}
