package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What metrics-server would report for the demo cluster: {@code PodMetrics} for every running container and
 * {@code NodeMetrics} for every node, under metrics.k8s.io/v1beta1. A real cluster serves that group through an
 * aggregated API server; the mock API server only serves what its store holds, so the demo registers the two
 * kinds as custom resource definitions (annotated as a simulation) and stores one snapshot of plausible values.
 *
 * <p>Most containers use a steady share of what they request; a few tell a story the usage analyzers should find:
 * Prometheus close to its memory limit, checkout at its CPU limit, the fraud detector idle on a large reservation,
 * payments-api using a fraction of its CPU request.
 */
final class DemoMetrics {

    static final String GROUP = "metrics.k8s.io";
    static final String VERSION = "v1beta1";

    private static final double MIB = 1024d * 1024;
    /** What the kubelet, the runtime and the OS take on each node besides pods. */
    private static final double SYSTEM_CPU = 0.35;

    private static final double SYSTEM_MEMORY = 1.1 * 1024 * MIB;

    /** CPU cores and memory bytes one container uses. */
    private record Use(double cpu, double memory) {}

    private DemoMetrics() {}

    /** The two definitions that make the mock serve metrics.k8s.io; they go before everything else. */
    static List<HasMetadata> definitions(Instant now) {
        return List.of(
                definition("pods", "PodMetrics", "Namespaced", now),
                definition("nodes", "NodeMetrics", "Cluster", now));
    }

    /** One PodMetrics per pod with a running container, and one NodeMetrics per node. */
    static List<HasMetadata> objects(List<Pod> pods, List<String> nodes, Instant now) {
        String timestamp = DemoIds.time(now.minusSeconds(12));
        List<HasMetadata> out = new ArrayList<>();
        Map<String, double[]> perNode = new LinkedHashMap<>();
        nodes.forEach(n -> perNode.put(n, new double[] {SYSTEM_CPU, SYSTEM_MEMORY}));
        for (Pod pod : pods) {
            if (!"Running".equals(pod.getStatus().getPhase())) {
                continue;
            }
            List<Map<String, Object>> containers = new ArrayList<>();
            for (Container c : pod.getSpec().getContainers()) {
                if (!running(pod, c.getName())) {
                    continue;
                }
                Use use = use(pod, c);
                containers.add(Map.of(
                        "name",
                        c.getName(),
                        "usage",
                        Map.of("cpu", nanocores(use.cpu()), "memory", kibibytes(use.memory()))));
                double[] node = perNode.get(pod.getSpec().getNodeName());
                if (node != null) {
                    node[0] += use.cpu();
                    node[1] += use.memory();
                }
            }
            if (containers.isEmpty()) {
                continue;
            }
            out.add(resource(
                            "PodMetrics",
                            pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName())
                    .addToAdditionalProperties("timestamp", timestamp)
                    .addToAdditionalProperties("window", "15s")
                    .addToAdditionalProperties("containers", containers)
                    .build());
        }
        perNode.forEach((node, use) -> out.add(resource("NodeMetrics", null, node)
                .addToAdditionalProperties("timestamp", timestamp)
                .addToAdditionalProperties("window", "20s")
                .addToAdditionalProperties("usage", Map.of("cpu", nanocores(use[0]), "memory", kibibytes(use[1])))
                .build()));
        return out;
    }

    private static boolean running(Pod pod, String container) {
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            if (s.getName().equals(container)) {
                return s.getState() != null && s.getState().getRunning() != null;
            }
        }
        return false;
    }

    private static Use use(Pod pod, Container c) {
        String workload = pod.getMetadata().getNamespace() + "/" + workloadName(pod);
        Double cpuRequest = amount(c, "cpu", false);
        Double memoryRequest = amount(c, "memory", false);
        Double cpuLimit = amount(c, "cpu", true);
        Double memoryLimit = amount(c, "memory", true);
        // A steady, per-pod spread of 35-75 % of the request (or a small absolute use without one).
        double jitter =
                (DemoIds.hex(pod.getMetadata().getName() + "/" + c.getName(), 4).hashCode() & 0xff) / 255.0;
        double cpu = cpuRequest != null ? cpuRequest * (0.35 + 0.4 * jitter) : 0.005 + 0.03 * jitter;
        double memory = memoryRequest != null ? memoryRequest * (0.45 + 0.3 * jitter) : (24 + 96 * jitter) * MIB;
        switch (workload) {
            case "monitoring/prometheus" -> memory = memoryLimit * (0.92 + 0.02 * jitter);
            case "shop/checkout" -> cpu = cpuLimit * (0.93 + 0.05 * jitter);
            case "payments/fraud-detector" -> {
                cpu = 0.02 + 0.02 * jitter;
                memory = (380 + 120 * jitter) * MIB;
            }
            case "payments/payments-api" -> cpu = cpuRequest * (0.08 + 0.06 * jitter);
            default -> {
                // Steady use, as above.
            }
        }
        if (cpuLimit != null) {
            cpu = Math.min(cpu, cpuLimit);
        }
        if (memoryLimit != null) {
            memory = Math.min(memory, memoryLimit * 0.99);
        }
        return new Use(cpu, memory);
    }

    private static String workloadName(Pod pod) {
        String owner = pod.getMetadata().getOwnerReferences().isEmpty()
                ? pod.getMetadata().getName()
                : pod.getMetadata().getOwnerReferences().get(0).getName();
        String hash = pod.getMetadata().getLabels() == null
                ? null
                : pod.getMetadata().getLabels().get("pod-template-hash");
        return hash != null && owner.endsWith("-" + hash)
                ? owner.substring(0, owner.length() - hash.length() - 1)
                : owner;
    }

    private static Double amount(Container c, String resource, boolean limit) {
        if (c.getResources() == null) {
            return null;
        }
        Map<String, Quantity> values =
                limit ? c.getResources().getLimits() : c.getResources().getRequests();
        Quantity q = values == null ? null : values.get(resource);
        return q == null ? null : Quantity.getAmountInBytes(q).doubleValue();
    }

    private static String nanocores(double cores) {
        return BigDecimal.valueOf(Math.round(cores * 1e9)).toPlainString() + "n";
    }

    private static String kibibytes(double bytes) {
        return Math.round(bytes / 1024) + "Ki";
    }

    private static GenericKubernetesResourceBuilder resource(String kind, String namespace, String name) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(GROUP + "/" + VERSION)
                .withKind(kind)
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels("app.kubernetes.io/part-of", "cloudops-demo")
                .endMetadata();
    }

    private static CustomResourceDefinition definition(String plural, String kind, String scope, Instant now) {
        String name = plural + "." + GROUP;
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(name)
                .withUid(DemoIds.uid("CustomResourceDefinition/" + name))
                .withCreationTimestamp(DemoIds.time(now.minus(Duration.ofDays(92))))
                .addToLabels("app.kubernetes.io/part-of", "cloudops-demo")
                .addToAnnotations(
                        "cloudops.dev/simulated",
                        "metrics.k8s.io is served by metrics-server through an aggregated API in a real cluster;"
                                + " the simulated cluster stores one snapshot of it as a custom resource")
                .endMetadata()
                .withNewSpec()
                .withGroup(GROUP)
                .withScope(scope)
                .withNewNames()
                .withKind(kind)
                .withListKind(kind + "List")
                .withPlural(plural)
                .withSingular(plural.substring(0, plural.length() - 1))
                .endNames()
                .addNewVersion()
                .withName(VERSION)
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                        .withType("object")
                        .withXKubernetesPreserveUnknownFields(true)
                        .build())
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
