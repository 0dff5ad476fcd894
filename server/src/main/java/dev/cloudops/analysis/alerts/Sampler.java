package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.usage.Json;
import dev.cloudops.analysis.usage.Usage;
import dev.cloudops.analysis.usage.Workload;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One sample of every workload of a cluster, read from a {@link ClusterState}. */
final class Sampler {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private Sampler() {}

    static Map<Workload, Sample> sample(ClusterState state) {
        Usage usage = Usage.of(state);
        Map<String, Workload> podOwners = new HashMap<>();
        for (Usage.PodUse pod : usage.pods()) {
            podOwners.put(pod.namespace() + "/" + pod.name(), pod.workload());
        }
        Map<Workload, Long> warnings = new HashMap<>();
        for (Map<String, Object> event : state.objects("Event")) {
            if (!"Warning".equals(Json.text(event, "type"))) {
                continue;
            }
            String kind = Json.text(event, "involvedObject", "kind");
            String namespace = Json.text(event, "involvedObject", "namespace");
            String name = Json.text(event, "involvedObject", "name");
            Workload workload = "Pod".equals(kind)
                    ? podOwners.get(namespace + "/" + name)
                    : WORKLOAD_KINDS.contains(kind) ? new Workload(kind, namespace, name) : null;
            if (workload != null) {
                long count = Math.max(1, Math.max(Json.number(event, "count"), Json.number(event, "series", "count")));
                warnings.merge(workload, count, Long::sum);
            }
        }
        Map<Workload, Sample> samples = new LinkedHashMap<>();
        usage.byWorkload()
                .forEach((workload, pods) -> samples.put(workload, sample(state, workload, pods, usage, warnings)));
        return samples;
    }

    private static Sample sample(
            ClusterState state, Workload workload, List<Usage.PodUse> pods, Usage usage, Map<Workload, Long> warnings) {
        long restarts = 0;
        for (Usage.PodUse pod : pods) {
            restarts += Json.maps(pod.pod(), "status", "containerStatuses").stream()
                    .mapToLong(s -> Json.number(s, "restartCount"))
                    .sum();
        }
        boolean measured = usage.metrics() && pods.stream().anyMatch(Usage.PodUse::measured);
        Double cpu = measured ? pods.stream().mapToDouble(Usage.PodUse::cpuUsed).sum() : null;
        Double memory =
                measured ? pods.stream().mapToDouble(Usage.PodUse::memoryUsed).sum() : null;
        return new Sample(state.observedAt(), restarts, warnings.getOrDefault(workload, 0L), cpu, memory, pods.size());
    }
}
