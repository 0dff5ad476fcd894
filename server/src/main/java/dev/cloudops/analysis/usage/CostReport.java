package dev.cloudops.analysis.usage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a cluster's (or namespace's) pods cost by their requests, per namespace and per workload, with idle and
 * over-provisioned workloads and right-sizing suggestions where use is known.
 *
 * @param metrics true when metrics.k8s.io is served, so use, idleness and suggestions are known
 * @param monthly the monthly cost of every scheduled pod's requests
 * @param notes what could not be judged, for people
 */
@Schema(description = "Cost of requests per namespace and per workload (monthly = hoursPerMonth hours)")
public record CostReport(
        String cluster,
        String currency,
        double hoursPerMonth,
        boolean metrics,
        double monthly,
        double idleMonthly,
        double savingMonthly,
        List<NamespaceCost> namespaces,
        List<WorkloadCost> workloads,
        List<String> notes) {

    public CostReport {
        namespaces = List.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        notes = List.copyOf(notes);
    }

    /** One namespace: its workloads' requests and cost. */
    public record NamespaceCost(
            String namespace,
            int workloads,
            int pods,
            double cpuRequestCores,
            double memoryRequestGib,
            double monthly,
            double idleMonthly,
            double savingMonthly) {}

    /**
     * One workload.
     *
     * @param verdict {@code ok}, {@code idle}, {@code over-provisioned}, or {@code unknown} without metrics
     * @param cpuUsedCores null without metrics
     * @param suggestions per container, only where a request can come down
     */
    public record WorkloadCost(
            String kind,
            String namespace,
            String name,
            int pods,
            String provider,
            String region,
            double cpuRequestCores,
            double memoryRequestGib,
            Double cpuUsedCores,
            Double memoryUsedGib,
            double monthly,
            String verdict,
            double savingMonthly,
            List<Suggestion> suggestions) {

        public WorkloadCost {
            suggestions = List.copyOf(suggestions);
        }
    }

    /**
     * New requests for one container: the 95th percentile of its use across the workload's pods plus headroom.
     * A null field stays as it is.
     */
    public record Suggestion(
            String container,
            int index,
            String cpuRequest,
            String suggestedCpuRequest,
            String memoryRequest,
            String suggestedMemoryRequest) {}
}
