package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.ClusterState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests, limits and use of every pod and node of a {@link ClusterState}, read once and shared by the usage
 * checks. Use comes from metrics.k8s.io ({@code PodMetrics}, {@code NodeMetrics}); without it every {@code used}
 * value is null and {@link #metrics()} is false.
 */
public final class Usage {

    /** CPU in cores and memory in bytes; a null field is unset (no request, no limit, no metric). */
    public record Amounts(Double cpu, Double memory) {

        static final Amounts NONE = new Amounts(null, null);

        static Amounts of(Map<String, Object> resources) {
            return new Amounts(Quantities.amount(resources.get("cpu")), Quantities.amount(resources.get("memory")));
        }

        public double cpuOrZero() {
            return cpu == null ? 0 : cpu;
        }

        public double memoryOrZero() {
            return memory == null ? 0 : memory;
        }
    }

    /** One container of a pod; {@code used} is null without metrics for it. */
    public record ContainerUse(String name, int index, Amounts requests, Amounts limits, Amounts used) {}

    /**
     * One pod that is scheduled or waiting to be; finished pods (Succeeded, Failed) hold no resources and are left
     * out.
     */
    public record PodUse(
            Map<String, Object> pod,
            Workload workload,
            String node,
            String phase,
            String qosClass,
            List<ContainerUse> containers) {

        public String namespace() {
            return workload.namespace();
        }

        public String name() {
            return Json.text(pod, "metadata", "name");
        }

        public boolean measured() {
            return containers.stream().anyMatch(c -> c.used() != null);
        }

        public double cpuRequests() {
            return containers.stream()
                    .mapToDouble(c -> c.requests().cpuOrZero())
                    .sum();
        }

        public double memoryRequests() {
            return containers.stream()
                    .mapToDouble(c -> c.requests().memoryOrZero())
                    .sum();
        }

        public double cpuUsed() {
            return containers.stream()
                    .filter(c -> c.used() != null)
                    .mapToDouble(c -> c.used().cpuOrZero())
                    .sum();
        }

        public double memoryUsed() {
            return containers.stream()
                    .filter(c -> c.used() != null)
                    .mapToDouble(c -> c.used().memoryOrZero())
                    .sum();
        }
    }

    /** A node: what it can give pods, what they asked for, and its measured use (null without metrics). */
    public record NodeUse(
            Map<String, Object> node,
            String name,
            Amounts allocatable,
            double cpuRequests,
            double memoryRequests,
            double cpuLimits,
            double memoryLimits,
            Amounts used,
            List<PodUse> pods) {}

    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private final boolean metrics;
    private final List<PodUse> pods;
    private final Map<String, NodeUse> nodes;

    private Usage(boolean metrics, List<PodUse> pods, Map<String, NodeUse> nodes) {
        this.metrics = metrics;
        this.pods = pods;
        this.nodes = nodes;
    }

    /** Reads pods, nodes and, when served, their metrics. */
    public static Usage of(ClusterState state) {
        boolean metrics = state.serves("PodMetrics");
        Map<String, Map<String, Amounts>> podMetrics = new HashMap<>();
        if (metrics) {
            for (Map<String, Object> m : state.objects("PodMetrics")) {
                Map<String, Amounts> byContainer = new HashMap<>();
                for (Map<String, Object> c : Json.maps(m, "containers")) {
                    byContainer.put(Json.text(c, "name"), Amounts.of(Json.map(c, "usage")));
                }
                podMetrics.put(
                        key(Json.text(m, "metadata", "namespace"), Json.text(m, "metadata", "name")), byContainer);
            }
        }
        List<PodUse> pods = new ArrayList<>();
        for (Map<String, Object> pod : state.objects("Pod")) {
            String phase = Json.text(pod, "status", "phase");
            if (FINISHED.contains(phase)) {
                continue;
            }
            Map<String, Amounts> used = podMetrics.getOrDefault(
                    key(Json.text(pod, "metadata", "namespace"), Json.text(pod, "metadata", "name")), Map.of());
            List<ContainerUse> containers = new ArrayList<>();
            List<Map<String, Object>> specs = Json.maps(pod, "spec", "containers");
            for (int i = 0; i < specs.size(); i++) {
                Map<String, Object> c = specs.get(i);
                String name = Json.text(c, "name");
                Amounts limits = Amounts.of(Json.map(c, "resources", "limits"));
                Amounts requests = Amounts.of(Json.map(c, "resources", "requests"));
                // The API server defaults a missing request to the limit; manifests and mocks may not have it yet.
                requests = new Amounts(
                        requests.cpu() != null ? requests.cpu() : limits.cpu(),
                        requests.memory() != null ? requests.memory() : limits.memory());
                containers.add(new ContainerUse(name, i, requests, limits, used.get(name)));
            }
            pods.add(new PodUse(
                    pod,
                    Workload.of(pod),
                    Json.text(pod, "spec", "nodeName"),
                    phase,
                    qosClass(pod, containers),
                    List.copyOf(containers)));
        }
        Map<String, Amounts> nodeMetrics = new HashMap<>();
        if (state.serves("NodeMetrics")) {
            for (Map<String, Object> m : state.objects("NodeMetrics")) {
                nodeMetrics.put(Json.text(m, "metadata", "name"), Amounts.of(Json.map(m, "usage")));
            }
        }
        Map<String, List<PodUse>> byNode = new HashMap<>();
        pods.stream()
                .filter(p -> p.node() != null)
                .forEach(p ->
                        byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(p));
        Map<String, NodeUse> nodes = new LinkedHashMap<>();
        for (Map<String, Object> node : state.objects("Node")) {
            String name = Json.text(node, "metadata", "name");
            List<PodUse> on = byNode.getOrDefault(name, List.of());
            double cpuReq = 0;
            double memReq = 0;
            double cpuLim = 0;
            double memLim = 0;
            for (PodUse p : on) {
                for (ContainerUse c : p.containers()) {
                    cpuReq += c.requests().cpuOrZero();
                    memReq += c.requests().memoryOrZero();
                    // A container without a limit may use the whole node; counted at its request here.
                    cpuLim += c.limits().cpu() != null
                            ? c.limits().cpu()
                            : c.requests().cpuOrZero();
                    memLim += c.limits().memory() != null
                            ? c.limits().memory()
                            : c.requests().memoryOrZero();
                }
            }
            nodes.put(
                    name,
                    new NodeUse(
                            node,
                            name,
                            Amounts.of(Json.map(node, "status", "allocatable")),
                            cpuReq,
                            memReq,
                            cpuLim,
                            memLim,
                            nodeMetrics.get(name),
                            List.copyOf(on)));
        }
        return new Usage(metrics, List.copyOf(pods), nodes);
    }

    /** True when the cluster serves metrics.k8s.io, so use can be judged. */
    public boolean metrics() {
        return metrics;
    }

    public List<PodUse> pods() {
        return pods;
    }

    public Map<String, NodeUse> nodes() {
        return nodes;
    }

    /** The pods of each workload, in the order first seen. */
    public Map<Workload, List<PodUse>> byWorkload() {
        Map<Workload, List<PodUse>> out = new LinkedHashMap<>();
        pods.forEach(
                p -> out.computeIfAbsent(p.workload(), w -> new ArrayList<>()).add(p));
        return out;
    }

    /** The QoS class Kubernetes gave the pod, or the one it would give (BestEffort: no request or limit at all). */
    private static String qosClass(Map<String, Object> pod, List<ContainerUse> containers) {
        String reported = Json.text(pod, "status", "qosClass");
        if (reported != null) {
            return reported;
        }
        boolean none = containers.stream()
                .allMatch(c -> c.requests().equals(Amounts.NONE) && c.limits().equals(Amounts.NONE));
        if (none) {
            return "BestEffort";
        }
        boolean guaranteed = containers.stream()
                .allMatch(c -> c.limits().cpu() != null
                        && c.limits().memory() != null
                        && (c.requests().cpu() == null
                                || c.requests().cpu().equals(c.limits().cpu()))
                        && (c.requests().memory() == null
                                || c.requests().memory().equals(c.limits().memory())));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
