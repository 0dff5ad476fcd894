package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.ClusterState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A live cluster state built in a test: objects by kind, and which kinds are served. */
public final class FakeState implements ClusterState {

    private final Map<String, List<Map<String, Object>>> objects = new HashMap<>();
    private final Set<String> unserved = new java.util.HashSet<>();
    private final Instant now;

    public FakeState(Instant now) {
        this.now = now;
    }

    public FakeState withoutMetrics() {
        unserved.add("PodMetrics");
        unserved.add("NodeMetrics");
        return this;
    }

    public FakeState add(Map<String, Object> object) {
        objects.computeIfAbsent((String) object.get("kind"), k -> new ArrayList<>())
                .add(object);
        return this;
    }

    @Override
    public String source() {
        return "test";
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public Instant observedAt() {
        return now;
    }

    @Override
    public boolean serves(String kind) {
        return !unserved.contains(kind);
    }

    @Override
    public List<Map<String, Object>> objects(String kind) {
        return serves(kind) ? objects.getOrDefault(kind, List.of()) : List.of();
    }

    // ---- builders -------------------------------------------------------------------------------------------

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> node(String name, String cpu, String memory, String providerId, String region) {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Node",
                "metadata",
                map("name", name, "labels", region == null ? map() : map("topology.kubernetes.io/region", region)),
                "spec",
                providerId == null ? map() : map("providerID", providerId),
                "status",
                map("allocatable", map("cpu", cpu, "memory", memory), "conditions", new ArrayList<>()));
    }

    /** A container spec: name, requests (cpu, memory) and limits (cpu, memory); null values are left out. */
    public static Map<String, Object> container(
            String name, String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        Map<String, Object> requests = new LinkedHashMap<>();
        Map<String, Object> limits = new LinkedHashMap<>();
        if (cpuRequest != null) requests.put("cpu", cpuRequest);
        if (memoryRequest != null) requests.put("memory", memoryRequest);
        if (cpuLimit != null) limits.put("cpu", cpuLimit);
        if (memoryLimit != null) limits.put("memory", memoryLimit);
        return map("name", name, "image", "x", "resources", map("requests", requests, "limits", limits));
    }

    /** A running pod of Deployment {@code deployment} (through ReplicaSet {@code deployment-abc12}). */
    public static Map<String, Object> pod(
            String namespace,
            String name,
            String deployment,
            String node,
            Instant created,
            List<Map<String, Object>> containers) {
        List<Object> owners = new ArrayList<>();
        Map<String, Object> labels = map();
        if (deployment != null) {
            owners.add(map("kind", "ReplicaSet", "name", deployment + "-abc12", "controller", true));
            labels.put("pod-template-hash", "abc12");
        }
        return map(
                "apiVersion", "v1",
                "kind", "Pod",
                "metadata",
                        map(
                                "namespace", namespace,
                                "name", name,
                                "labels", labels,
                                "ownerReferences", owners,
                                "creationTimestamp", created.toString()),
                "spec", map("nodeName", node, "containers", containers),
                "status",
                        map(
                                "phase",
                                "Running",
                                "startTime",
                                created.toString(),
                                "conditions",
                                new ArrayList<>(),
                                "containerStatuses",
                                new ArrayList<>()));
    }

    public static Map<String, Object> podMetrics(String namespace, String name, Object... containerCpuMemory) {
        List<Object> containers = new ArrayList<>();
        for (int i = 0; i < containerCpuMemory.length; i += 3) {
            containers.add(map(
                    "name",
                    containerCpuMemory[i],
                    "usage",
                    map("cpu", containerCpuMemory[i + 1], "memory", containerCpuMemory[i + 2])));
        }
        return map(
                "apiVersion",
                "metrics.k8s.io/v1beta1",
                "kind",
                "PodMetrics",
                "metadata",
                map("namespace", namespace, "name", name),
                "containers",
                containers);
    }

    public static Map<String, Object> nodeMetrics(String name, String cpu, String memory) {
        return map(
                "apiVersion",
                "metrics.k8s.io/v1beta1",
                "kind",
                "NodeMetrics",
                "metadata",
                map("name", name),
                "usage",
                map("cpu", cpu, "memory", memory));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(Map<String, Object> object) {
        return (Map<String, Object>) object.get("status");
    }
}
