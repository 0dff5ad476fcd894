package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resource quotas and limit ranges of {@code shop}, {@code payments} and {@code staging}. Quota usage is summed from
 * the pods, as the quota controller does, so the numbers on screen add up.
 */
final class DemoQuotas {

    /** What the LimitRanger admission plugin writes into containers that declare no resources. */
    record Defaults(Map<String, Quantity> requests, Map<String, Quantity> limits) {}

    private static final List<String> NAMESPACES = List.of("shop", "payments", "staging");

    private static final Map<String, Map<String, String>> HARD = Map.of(
            "shop",
            ordered(
                    "requests.cpu", "12",
                    "requests.memory", "64Gi",
                    "limits.cpu", "24",
                    "limits.memory", "96Gi",
                    "pods", "40",
                    "services.loadbalancers", "1"),
            "payments",
            ordered(
                    "requests.cpu", "8",
                    "requests.memory", "24Gi",
                    "limits.cpu", "16",
                    "limits.memory", "48Gi",
                    "pods", "30",
                    "requests.nvidia.com/gpu", "1"),
            "staging",
            ordered(
                    "requests.cpu", "2",
                    "requests.memory", "4Gi",
                    "limits.cpu", "4",
                    "limits.memory", "8Gi",
                    "pods", "10",
                    "persistentvolumeclaims", "5"));

    private DemoQuotas() {}

    static Optional<Defaults> defaults(String namespace) {
        if (!NAMESPACES.contains(namespace)) {
            return Optional.empty();
        }
        return Optional.of(new Defaults(
                quantities("cpu", "100m", "memory", "128Mi"), quantities("cpu", "500m", "memory", "512Mi")));
    }

    static List<LimitRange> limitRanges(Instant now) {
        return NAMESPACES.stream()
                .map(ns -> {
                    Defaults defaults = defaults(ns).orElseThrow();
                    LimitRangeItemBuilder item = new LimitRangeItemBuilder()
                            .withType("Container")
                            .withDefaultRequest(defaults.requests())
                            .withDefault(defaults.limits());
                    if (ns.equals("staging")) {
                        item.withMax(quantities("cpu", "2", "memory", "4Gi"));
                    }
                    return new LimitRangeBuilder()
                            .withMetadata(DemoNamespaces.meta("LimitRange", ns, "container-defaults", now))
                            .withNewSpec()
                            .withLimits(item.build())
                            .endSpec()
                            .build();
                })
                .toList();
    }

    static List<ResourceQuota> quotas(List<Pod> pods, Instant now) {
        return NAMESPACES.stream()
                .map(ns -> {
                    Map<String, Quantity> hard = new LinkedHashMap<>();
                    HARD.get(ns).forEach((k, v) -> hard.put(k, new Quantity(v)));
                    Map<String, Quantity> used = new LinkedHashMap<>();
                    hard.keySet().forEach(resource -> used.put(resource, used(resource, ns, pods)));
                    return new ResourceQuotaBuilder()
                            .withMetadata(DemoNamespaces.meta("ResourceQuota", ns, "compute-" + ns, now))
                            .withNewSpec()
                            .withHard(hard)
                            .endSpec()
                            .withNewStatus()
                            .withHard(hard)
                            .withUsed(used)
                            .endStatus()
                            .build();
                })
                .toList();
    }

    private static Quantity used(String resource, String namespace, List<Pod> pods) {
        List<Pod> counted = pods.stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .filter(p -> !"Succeeded".equals(p.getStatus().getPhase())
                        && !"Failed".equals(p.getStatus().getPhase()))
                .toList();
        switch (resource) {
            case "pods":
                return new Quantity(String.valueOf(counted.size()));
            case "services.loadbalancers":
                return new Quantity("1");
            case "persistentvolumeclaims":
                return new Quantity(String.valueOf(counted.stream()
                        .mapToLong(p -> p.getSpec().getVolumes().stream()
                                .filter(v -> v.getPersistentVolumeClaim() != null)
                                .count())
                        .sum()));
            default:
                String[] parts = resource.split("\\.", 2);
                BigDecimal sum = BigDecimal.ZERO;
                for (Pod pod : counted) {
                    for (Container c : pod.getSpec().getContainers()) {
                        Map<String, Quantity> values = parts[0].equals("requests")
                                ? c.getResources().getRequests()
                                : c.getResources().getLimits();
                        Quantity q = values == null ? null : values.get(parts[1]);
                        if (q != null) {
                            sum = sum.add(q.getNumericalAmount());
                        }
                    }
                }
                return format(parts[1], sum);
        }
    }

    /** Writes a sum the way the quota controller does: millicores for cpu, mebibytes for memory. */
    private static Quantity format(String resource, BigDecimal amount) {
        if (resource.equals("cpu")) {
            return new Quantity(amount.movePointRight(3).setScale(0, RoundingMode.UP) + "m");
        }
        if (resource.equals("memory")) {
            return new Quantity(amount.divide(BigDecimal.valueOf(1024L * 1024L), 0, RoundingMode.UP) + "Mi");
        }
        return new Quantity(amount.stripTrailingZeros().toPlainString());
    }

    private static Map<String, Quantity> quantities(String... keyValues) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], new Quantity(keyValues[i + 1]));
        }
        return out;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
