package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.ClusterState;
import dev.cloudops.platform.CloudOpsProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Prices a cluster's requests: every scheduled pod costs its containers' CPU and memory requests times its node's
 * price per hour, times the hours of a month. Pods waiting for a node cost nothing yet. With metrics.k8s.io,
 * workloads far below their requests are idle or over-provisioned, and each container gets suggested requests.
 */
@Component
public class CostModel {

    static final double MIN_CPU = 0.01;
    static final double MIN_MEMORY = 16 * Quantities.MIB;

    private final CloudOpsProperties.Cost settings;
    private final PriceTable prices;

    @Autowired
    public CostModel(CloudOpsProperties properties) {
        this(properties.analysis().cost());
    }

    CostModel(CloudOpsProperties.Cost settings) {
        this.settings = settings;
        this.prices = new PriceTable(settings);
    }

    public CloudOpsProperties.Cost settings() {
        return settings;
    }

    public CostReport report(ClusterState state) {
        return report(state.source(), Usage.of(state));
    }

    CostReport report(String source, Usage usage) {
        List<CostReport.WorkloadCost> workloads = new ArrayList<>();
        usage.byWorkload().forEach((workload, pods) -> {
            List<Usage.PodUse> scheduled =
                    pods.stream().filter(p -> p.node() != null).toList();
            if (!scheduled.isEmpty()) {
                workloads.add(workload(workload, scheduled, usage));
            }
        });
        workloads.sort(Comparator.comparingDouble(CostReport.WorkloadCost::monthly)
                .reversed()
                .thenComparing(CostReport.WorkloadCost::namespace)
                .thenComparing(CostReport.WorkloadCost::name));
        Map<String, List<CostReport.WorkloadCost>> byNamespace = new TreeMap<>();
        workloads.forEach(w -> byNamespace
                .computeIfAbsent(w.namespace(), n -> new ArrayList<>())
                .add(w));
        List<CostReport.NamespaceCost> namespaces = new ArrayList<>();
        byNamespace.forEach((namespace, list) -> namespaces.add(new CostReport.NamespaceCost(
                namespace,
                list.size(),
                list.stream().mapToInt(CostReport.WorkloadCost::pods).sum(),
                round(
                        list.stream()
                                .mapToDouble(CostReport.WorkloadCost::cpuRequestCores)
                                .sum(),
                        3),
                round(
                        list.stream()
                                .mapToDouble(CostReport.WorkloadCost::memoryRequestGib)
                                .sum(),
                        3),
                money(list.stream()
                        .mapToDouble(CostReport.WorkloadCost::monthly)
                        .sum()),
                money(idle(list)),
                money(list.stream()
                        .mapToDouble(CostReport.WorkloadCost::savingMonthly)
                        .sum()))));
        namespaces.sort(
                Comparator.comparingDouble(CostReport.NamespaceCost::monthly).reversed());
        List<String> notes = new ArrayList<>();
        if (!usage.metrics()) {
            notes.add("metrics.k8s.io is not served: costs are from requests; idle and over-provisioned workloads"
                    + " cannot be judged");
        }
        long unscheduled = usage.pods().stream().filter(p -> p.node() == null).count();
        if (unscheduled > 0) {
            notes.add(unscheduled + " pod(s) wait for a node and cost nothing yet");
        }
        return new CostReport(
                source,
                settings.currency(),
                settings.hoursPerMonth(),
                usage.metrics(),
                money(workloads.stream()
                        .mapToDouble(CostReport.WorkloadCost::monthly)
                        .sum()),
                money(idle(workloads)),
                money(workloads.stream()
                        .mapToDouble(CostReport.WorkloadCost::savingMonthly)
                        .sum()),
                namespaces,
                workloads,
                notes);
    }

    private CostReport.WorkloadCost workload(Workload workload, List<Usage.PodUse> pods, Usage usage) {
        double cpu = 0;
        double memory = 0;
        double monthly = 0;
        PriceTable.NodePrice price = null;
        for (Usage.PodUse pod : pods) {
            Usage.NodeUse node = usage.nodes().get(pod.node());
            price = prices.of(node == null ? null : node.node());
            cpu += pod.cpuRequests();
            memory += pod.memoryRequests();
            monthly += monthly(pod.cpuRequests(), pod.memoryRequests(), price);
        }
        List<Usage.PodUse> measured =
                pods.stream().filter(Usage.PodUse::measured).toList();
        Double cpuUsed = null;
        Double memoryUsed = null;
        String verdict = "unknown";
        List<CostReport.Suggestion> suggestions = List.of();
        double saving = 0;
        if (!measured.isEmpty()) {
            // Scaled to all pods, so a pod without a sample yet does not make the workload look idle.
            double scale = (double) pods.size() / measured.size();
            cpuUsed = measured.stream().mapToDouble(Usage.PodUse::cpuUsed).sum() * scale;
            memoryUsed = measured.stream().mapToDouble(Usage.PodUse::memoryUsed).sum() * scale;
            Double cpuShare = cpu > 0 ? cpuUsed / cpu : null;
            Double memoryShare = memory > 0 ? memoryUsed / memory : null;
            verdict = verdict(cpuShare, memoryShare);
            if (!"ok".equals(verdict) && !"unknown".equals(verdict)) {
                suggestions = suggestions(measured);
                saving = saving(suggestions, pods.size(), price);
            }
        }
        return new CostReport.WorkloadCost(
                workload.kind(),
                workload.namespace(),
                workload.name(),
                pods.size(),
                price == null ? null : price.provider(),
                price == null ? null : price.region(),
                round(cpu, 3),
                round(memory / Quantities.GIB, 3),
                cpuUsed == null ? null : round(cpuUsed, 3),
                memoryUsed == null ? null : round(memoryUsed / Quantities.GIB, 3),
                money(monthly),
                verdict,
                money(saving),
                suggestions);
    }

    private String verdict(Double cpuShare, Double memoryShare) {
        if (cpuShare == null && memoryShare == null) {
            return "unknown";
        }
        boolean cpuIdle = cpuShare == null || cpuShare < settings.idleBelow();
        boolean memoryIdle = memoryShare == null || memoryShare < settings.idleBelow();
        if (cpuIdle && memoryIdle) {
            return "idle";
        }
        if ((cpuShare != null && cpuShare < settings.overProvisionedBelow())
                || (memoryShare != null && memoryShare < settings.overProvisionedBelow())) {
            return "over-provisioned";
        }
        return "ok";
    }

    /** Per container: the 95th percentile of its use across pods plus headroom, where below its request. */
    private List<CostReport.Suggestion> suggestions(List<Usage.PodUse> measured) {
        Map<String, List<Usage.ContainerUse>> byContainer = new LinkedHashMap<>();
        for (Usage.PodUse pod : measured) {
            for (Usage.ContainerUse c : pod.containers()) {
                if (c.used() != null) {
                    byContainer
                            .computeIfAbsent(c.name(), n -> new ArrayList<>())
                            .add(c);
                }
            }
        }
        List<CostReport.Suggestion> out = new ArrayList<>();
        byContainer.forEach((name, uses) -> {
            Usage.ContainerUse first = uses.get(0);
            double factor = 1 + settings.headroom();
            Double cpuRequest = first.requests().cpu();
            Double memoryRequest = first.requests().memory();
            double cpu = Math.max(
                    MIN_CPU, p95(uses.stream().map(u -> u.used().cpuOrZero()).toList()) * factor);
            cpu = Math.ceil(cpu * 200) / 200;
            double memory = Math.max(
                    MIN_MEMORY,
                    p95(uses.stream().map(u -> u.used().memoryOrZero()).toList()) * factor);
            memory = Math.ceil(memory / Quantities.MIB) * Quantities.MIB;
            boolean cpuDown = cpuRequest != null && cpu < cpuRequest;
            boolean memoryDown = memoryRequest != null && memory < memoryRequest;
            if (cpuDown || memoryDown) {
                out.add(new CostReport.Suggestion(
                        name,
                        first.index(),
                        cpuRequest == null ? null : Quantities.cpu(cpuRequest),
                        cpuDown ? Quantities.cpu(cpu) : null,
                        memoryRequest == null ? null : Quantities.memory(memoryRequest),
                        memoryDown ? Quantities.memory(memory) : null));
            }
        });
        return out;
    }

    private double saving(List<CostReport.Suggestion> suggestions, int pods, PriceTable.NodePrice price) {
        double cpu = 0;
        double memory = 0;
        for (CostReport.Suggestion s : suggestions) {
            if (s.suggestedCpuRequest() != null) {
                cpu += Quantities.amount(s.cpuRequest()) - Quantities.amount(s.suggestedCpuRequest());
            }
            if (s.suggestedMemoryRequest() != null) {
                memory += Quantities.amount(s.memoryRequest()) - Quantities.amount(s.suggestedMemoryRequest());
            }
        }
        return Math.max(0, monthly(cpu, memory, price) * pods);
    }

    private double monthly(double cpu, double memoryBytes, PriceTable.NodePrice price) {
        return (cpu * price.cpuHour() + memoryBytes / Quantities.GIB * price.memoryGibHour())
                * settings.hoursPerMonth();
    }

    /** The nearest-rank 95th percentile. */
    static double p95(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double idle(List<CostReport.WorkloadCost> workloads) {
        return workloads.stream()
                .filter(w -> "idle".equals(w.verdict()))
                .mapToDouble(CostReport.WorkloadCost::monthly)
                .sum();
    }

    static double money(double amount) {
        return round(amount, 2);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
