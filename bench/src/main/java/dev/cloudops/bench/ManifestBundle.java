package dev.cloudops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded manifest bundle for the version diff benchmark: a {@code v1 List} of Deployments (labels, annotations,
 * containers with env, ports, resources, probes and mounts), Services and ConfigMaps, as an application's manifests
 * look, and a later revision of it: image tags bumped, replicas and env values changed, config edited, one object
 * removed and one added. Pure: the same seed gives the same bundle.
 */
public final class ManifestBundle {

    private static final String[] TEAMS = {"checkout", "search", "payments", "catalog", "accounts", "shipping"};

    private ManifestBundle() {}

    /** A bundle of {@code apps} applications (Deployment, Service and ConfigMap each). */
    public static Map<String, Object> bundle(long seed, int apps) {
        Random random = new Random(seed);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            items.addAll(application(random, i));
        }
        return list(items);
    }

    /**
     * A later version of {@code bundle}: about {@code changePercent} % of the applications get a new image tag, a
     * different replica count, a changed env value or config entry; the application in the middle is removed and a
     * new one is added at the end.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> revise(Map<String, Object> bundle, long seed, double changePercent) {
        Random random = new Random(seed);
        List<Object> items = new ArrayList<>();
        for (Object item : (List<Object>) bundle.get("items")) {
            items.add(copy(item));
        }
        int apps = items.size() / 3;
        for (int i = 0; i < apps; i++) {
            if (random.nextDouble() * 100 >= changePercent) {
                continue;
            }
            Map<String, Object> deployment = (Map<String, Object>) items.get(i * 3);
            Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
            Map<String, Object> container = firstContainer(spec);
            switch (random.nextInt(4)) {
                case 0 -> container.put("image", container.get("image") + "-r" + random.nextInt(100));
                case 1 -> spec.put("replicas", 1 + random.nextInt(20));
                case 2 ->
                    ((List<Map<String, Object>>) container.get("env"))
                            .get(random.nextInt(5))
                            .put("value", "v" + random.nextInt(1000));
                default ->
                    ((Map<String, Object>) ((Map<String, Object>) items.get(i * 3 + 2)).get("data"))
                            .put("timeout", random.nextInt(120) + "s");
            }
        }
        int middle = apps / 2;
        for (int k = 0; k < 3; k++) {
            items.remove(middle * 3);
        }
        items.addAll(application(random, apps + 1000));
        return list(items);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstContainer(Map<String, Object> deploymentSpec) {
        Map<String, Object> template = (Map<String, Object>) deploymentSpec.get("template");
        Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
        return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    }

    private static Map<String, Object> list(List<Object> items) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items);
        return list;
    }

    private static List<Object> application(Random random, int index) {
        String team = TEAMS[index % TEAMS.length];
        String name = team + "-" + index;
        Map<String, Object> labels = map("app", name, "team", team, "tier", index % 3 == 0 ? "frontend" : "backend");
        List<Object> env = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            env.add(map("name", "SETTING_" + e, "value", "value-" + random.nextInt(10_000)));
        }
        Map<String, Object> container = map(
                "name", "app",
                "image",
                        "registry.example.com/" + team + "/" + name + ":1." + random.nextInt(50) + "."
                                + random.nextInt(10),
                "env", env,
                "ports", List.of(map("containerPort", 8080, "name", "http", "protocol", "TCP")),
                "resources",
                        map(
                                "limits", map("cpu", "500m", "memory", (256 + 64 * random.nextInt(8)) + "Mi"),
                                "requests", map("cpu", "100m", "memory", "128Mi")),
                "readinessProbe", map("httpGet", map("path", "/ready", "port", "http"), "periodSeconds", 10),
                "livenessProbe", map("httpGet", map("path", "/live", "port", "http"), "initialDelaySeconds", 15),
                "volumeMounts", List.of(map("name", "config", "mountPath", "/etc/" + team)));
        Map<String, Object> deployment = map(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                map(
                        "name",
                        name,
                        "namespace",
                        "shop",
                        "labels",
                        labels,
                        "annotations",
                        map("owner", team + "@example.com")),
                "spec",
                map(
                        "replicas", 1 + random.nextInt(5),
                        "selector", map("matchLabels", map("app", name)),
                        "template",
                                map(
                                        "metadata", map("labels", labels),
                                        "spec",
                                                map(
                                                        "containers", List.of(container),
                                                        "volumes",
                                                                List.of(map(
                                                                        "name",
                                                                        "config",
                                                                        "configMap",
                                                                        map("name", name + "-config")))))));
        Map<String, Object> service = map(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                map("name", name, "namespace", "shop", "labels", labels),
                "spec",
                map(
                        "selector", map("app", name),
                        "ports", List.of(map("name", "http", "port", 80, "targetPort", "http"))));
        Map<String, Object> config = map(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                map("name", name + "-config", "namespace", "shop"),
                "data",
                map(
                        "timeout",
                        random.nextInt(60) + "s",
                        "retries",
                        String.valueOf(random.nextInt(5)),
                        "log-level",
                        random.nextBoolean() ? "info" : "debug"));
        return List.of(deployment, service, config);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
