package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Cost findings from the {@link CostModel}: idle workloads and over-provisioned ones, each with suggested
 * requests and, for Deployments, StatefulSets and DaemonSets, a JSON patch that sets them. Live clusters only: the
 * price depends on the node a pod runs on and idleness on its use.
 */
@Component
public class CostAnalyzer implements Analyzer {

    static final CheckInfo IDLE = new CheckInfo(
            "idleWorkload",
            Category.COST,
            Severity.WARNING,
            "Idle workload",
            "A workload uses less than the idle share (10 % by default) of both its CPU and memory requests: it is"
                    + " paid for and does next to nothing.");
    static final CheckInfo OVER_PROVISIONED = new CheckInfo(
            "overProvisioned",
            Category.COST,
            Severity.INFO,
            "Over-provisioned requests",
            "A workload uses less than half (by default) of its CPU or memory requests; the suggested requests are"
                    + " the 95th percentile of its use plus headroom.");

    private static final Set<String> PATCHABLE = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private final CostModel model;

    public CostAnalyzer(CostModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public String description() {
        return "Cost: requests priced per vCPU-hour and GiB-hour by node provider and region, cost per namespace"
                + " and workload, idle and over-provisioned workloads with right-sizing suggestions.";
    }

    @Override
    public List<CheckInfo> checks() {
        return List.of(IDLE, OVER_PROVISIONED);
    }

    @Override
    public boolean readsSpecsOnly() {
        return false;
    }

    @Override
    public void analyze(ClusterState state, Findings findings) {
        CostReport report = model.report(state);
        report.notes().forEach(findings::note);
        findings.note(String.format(
                Locale.ROOT,
                "Requests cost %.2f %s a month (%.0f h); idle workloads %.2f, possible saving %.2f",
                report.monthly(),
                report.currency(),
                report.hoursPerMonth(),
                report.idleMonthly(),
                report.savingMonthly()));
        for (CostReport.WorkloadCost w : report.workloads()) {
            if ("idle".equals(w.verdict())) {
                findings.report(
                        IDLE,
                        IDLE.severity(),
                        new Workload(w.kind(), w.namespace(), w.name()).asObject(),
                        null,
                        String.format(
                                Locale.ROOT,
                                "Uses %s of %s CPU and %s of %s GiB memory it requests, costing %.2f %s a month",
                                w.cpuUsedCores(),
                                w.cpuRequestCores(),
                                w.memoryUsedGib(),
                                w.memoryRequestGib(),
                                w.monthly(),
                                report.currency()),
                        "Scale it down or remove it if nothing needs it; otherwise lower its requests"
                                + suggestionText(w),
                        patch(w));
            } else if ("over-provisioned".equals(w.verdict())
                    && !w.suggestions().isEmpty()) {
                findings.report(
                        OVER_PROVISIONED,
                        OVER_PROVISIONED.severity(),
                        new Workload(w.kind(), w.namespace(), w.name()).asObject(),
                        null,
                        String.format(
                                Locale.ROOT,
                                "Uses %s of %s CPU and %s of %s GiB memory it requests; right-sizing saves about"
                                        + " %.2f %s a month",
                                w.cpuUsedCores(),
                                w.cpuRequestCores(),
                                w.memoryUsedGib(),
                                w.memoryRequestGib(),
                                w.savingMonthly(),
                                report.currency()),
                        "Lower its requests" + suggestionText(w),
                        patch(w));
            }
        }
    }

    private static String suggestionText(CostReport.WorkloadCost w) {
        if (w.suggestions().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (CostReport.Suggestion s : w.suggestions()) {
            List<String> changes = new ArrayList<>();
            if (s.suggestedCpuRequest() != null) {
                changes.add("cpu " + s.cpuRequest() + " -> " + s.suggestedCpuRequest());
            }
            if (s.suggestedMemoryRequest() != null) {
                changes.add("memory " + s.memoryRequest() + " -> " + s.suggestedMemoryRequest());
            }
            parts.add(s.container() + ": " + String.join(", ", changes));
        }
        return " (" + String.join("; ", parts) + ")";
    }

    /** RFC 6902 operations that set the suggested requests in the pod template; none for other kinds. */
    static List<Map<String, Object>> patch(CostReport.WorkloadCost w) {
        if (!PATCHABLE.contains(w.kind())) {
            return List.of();
        }
        List<Map<String, Object>> ops = new ArrayList<>();
        for (CostReport.Suggestion s : w.suggestions()) {
            String base = "/spec/template/spec/containers/" + s.index() + "/resources/requests/";
            if (s.suggestedCpuRequest() != null) {
                ops.add(op(base + "cpu", s.suggestedCpuRequest()));
            }
            if (s.suggestedMemoryRequest() != null) {
                ops.add(op(base + "memory", s.suggestedMemoryRequest()));
            }
        }
        return ops;
    }

    private static Map<String, Object> op(String path, String value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "replace");
        op.put("path", path);
        op.put("value", value);
        return op;
    }
}
