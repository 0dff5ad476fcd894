package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The resource monitor: what containers and nodes asked for against what they use. Request and limit checks
 * always run; the use checks need metrics.k8s.io and are skipped with a note when the cluster does not serve it.
 */
@Component
public class ResourcesAnalyzer implements Analyzer {

    /** Memory use at or above this share of the limit: the next allocation peak may be an OOM kill. */
    static final double MEMORY_NEAR_LIMIT = 0.9;

    static final double MEMORY_AT_LIMIT = 0.97;

    /** CPU use at or above this share of the limit: the container is being throttled or about to be. */
    static final double CPU_AT_LIMIT = 0.9;

    /** Node use at or above this share of allocatable. */
    static final double NODE_BUSY = 0.9;

    static final CheckInfo MEMORY_NEAR = new CheckInfo(
            "memoryNearLimit",
            Category.RELIABILITY,
            Severity.WARNING,
            "Memory use near the limit",
            "A container uses 90 % or more of its memory limit; past the limit the kernel kills it (OOMKilled).");
    static final CheckInfo CPU_THROTTLED = new CheckInfo(
            "cpuAtLimit",
            Category.EFFICIENCY,
            Severity.WARNING,
            "CPU use at the limit",
            "A container uses 90 % or more of its CPU limit; the CFS quota throttles it and latency rises.");
    static final CheckInfo MEMORY_OVER_REQUEST = new CheckInfo(
            "memoryAboveRequest",
            Category.RELIABILITY,
            Severity.INFO,
            "Memory use above the request",
            "A container uses more memory than it requested; when its node runs short of memory, pods above their"
                    + " requests are evicted first.");
    static final CheckInfo REQUESTS_OVERCOMMITTED = new CheckInfo(
            "nodeRequestsOvercommitted",
            Category.RELIABILITY,
            Severity.CRITICAL,
            "Node requests above allocatable",
            "The pods on a node request more CPU or memory than it can allocate (static or manually bound pods);"
                    + " some of them cannot get what they were promised.");
    static final CheckInfo LIMITS_OVERCOMMITTED = new CheckInfo(
            "nodeLimitsOvercommitted",
            Category.RELIABILITY,
            Severity.WARNING,
            "Node limits far above allocatable",
            "The memory limits of a node's pods add up to more than 150 % of what it can allocate; if they all use"
                    + " what they may, the node runs out of memory and evicts or kills pods.");
    static final CheckInfo NODE_BUSY_CHECK = new CheckInfo(
            "nodeUsageHigh",
            Category.RELIABILITY,
            Severity.WARNING,
            "Node nearly full",
            "A node uses 90 % or more of its allocatable CPU or memory.");
    static final CheckInfo BEST_EFFORT = new CheckInfo(
            "bestEffortOnPressuredNode",
            Category.RELIABILITY,
            Severity.WARNING,
            "BestEffort pod on a pressured node",
            "A pod without requests or limits (QoS BestEffort) runs on a node under memory, disk or PID pressure or"
                    + " nearly out of memory; the kubelet evicts BestEffort pods first.");

    private static final List<CheckInfo> CHECKS = List.of(
            MEMORY_NEAR,
            CPU_THROTTLED,
            MEMORY_OVER_REQUEST,
            REQUESTS_OVERCOMMITTED,
            LIMITS_OVERCOMMITTED,
            NODE_BUSY_CHECK,
            BEST_EFFORT);

    static final String NO_METRICS = "metrics.k8s.io is not served: usage checks skipped";

    private static final Set<String> PRESSURES = Set.of("MemoryPressure", "DiskPressure", "PIDPressure");

    @Override
    public String name() {
        return "resources";
    }

    @Override
    public String description() {
        return "Resource monitor: container requests and limits against use (metrics.k8s.io), node overcommit,"
                + " containers near their memory limit (OOM risk) or at their CPU limit (throttling), BestEffort"
                + " pods on pressured nodes.";
    }

    @Override
    public List<CheckInfo> checks() {
        return CHECKS;
    }

    @Override
    public boolean readsSpecsOnly() {
        return false;
    }

    @Override
    public void analyze(ClusterState state, Findings findings) {
        Usage usage = Usage.of(state);
        if (!usage.metrics()) {
            findings.note(NO_METRICS);
        }
        for (Usage.PodUse pod : usage.pods()) {
            containers(pod, findings);
        }
        for (Usage.NodeUse node : usage.nodes().values()) {
            node(node, findings);
        }
    }

    private static void containers(Usage.PodUse pod, Findings findings) {
        for (Usage.ContainerUse c : pod.containers()) {
            if (c.used() == null) {
                continue;
            }
            Double memLimit = c.limits().memory();
            Double memUsed = c.used().memory();
            if (memLimit != null && memUsed != null && memLimit > 0 && memUsed >= MEMORY_NEAR_LIMIT * memLimit) {
                double share = memUsed / memLimit;
                findings.report(
                        MEMORY_NEAR,
                        share >= MEMORY_AT_LIMIT ? Severity.CRITICAL : Severity.WARNING,
                        pod.pod(),
                        c.name(),
                        "Uses " + Quantities.memory(memUsed) + " of its " + Quantities.memory(memLimit)
                                + " memory limit (" + percent(share) + "); it is killed when it goes past it",
                        "Raise the memory limit of " + c.name() + " in " + pod.workload()
                                + " (or find the leak); OOM kills show as restarts with reason OOMKilled",
                        List.of());
            } else if (memUsed != null
                    && c.requests().memory() != null
                    && c.requests().memory() > 0
                    && memUsed > c.requests().memory()) {
                findings.report(
                        MEMORY_OVER_REQUEST,
                        pod.pod(),
                        c.name(),
                        "Uses " + Quantities.memory(memUsed) + ", more than the "
                                + Quantities.memory(c.requests().memory()) + " it requested",
                        "Raise the memory request of " + c.name() + " to about what it uses so the scheduler and"
                                + " the kubelet count on it");
            }
            Double cpuLimit = c.limits().cpu();
            Double cpuUsed = c.used().cpu();
            if (cpuLimit != null && cpuUsed != null && cpuLimit > 0 && cpuUsed >= CPU_AT_LIMIT * cpuLimit) {
                findings.report(
                        CPU_THROTTLED,
                        pod.pod(),
                        c.name(),
                        "Uses " + Quantities.cpu(cpuUsed) + " of its " + Quantities.cpu(cpuLimit) + " CPU limit ("
                                + percent(cpuUsed / cpuLimit) + "); it is throttled",
                        "Raise or remove the CPU limit of " + c.name() + " in " + pod.workload()
                                + ", or add replicas to share the load");
            }
        }
    }

    private static void node(Usage.NodeUse node, Findings findings) {
        Double cpu = node.allocatable().cpu();
        Double memory = node.allocatable().memory();
        if ((cpu != null && cpu > 0 && node.cpuRequests() > cpu)
                || (memory != null && memory > 0 && node.memoryRequests() > memory)) {
            findings.report(
                    REQUESTS_OVERCOMMITTED,
                    node.node(),
                    null,
                    "Pods request " + Quantities.cpu(node.cpuRequests()) + " CPU and "
                            + Quantities.memory(node.memoryRequests()) + " memory; the node can allocate "
                            + Quantities.cpu(cpu == null ? 0 : cpu) + " and "
                            + Quantities.memory(memory == null ? 0 : memory),
                    "Move pods bound to this node by nodeName or static manifests elsewhere, or give it more capacity");
        } else if (memory != null && memory > 0 && node.memoryLimits() > 1.5 * memory) {
            findings.report(
                    LIMITS_OVERCOMMITTED,
                    node.node(),
                    null,
                    "Memory limits add up to " + Quantities.memory(node.memoryLimits()) + ", "
                            + percent(node.memoryLimits() / memory) + " of the " + Quantities.memory(memory)
                            + " the node can allocate",
                    "Bring memory limits closer to requests for the pods on this node, or spread them with"
                            + " anti-affinity or topology spread constraints");
        }
        if (node.used() != null) {
            double cpuShare = cpu == null || cpu == 0 ? 0 : node.used().cpuOrZero() / cpu;
            double memShare = memory == null || memory == 0 ? 0 : node.used().memoryOrZero() / memory;
            if (cpuShare >= NODE_BUSY || memShare >= NODE_BUSY) {
                findings.report(
                        NODE_BUSY_CHECK,
                        node.node(),
                        null,
                        "Uses " + percent(cpuShare) + " of its allocatable CPU and " + percent(memShare)
                                + " of its allocatable memory",
                        "Add nodes (or let the cluster autoscaler), or move workloads off it");
            }
        }
        String pressure = pressure(node);
        if (pressure != null) {
            for (Usage.PodUse pod : node.pods()) {
                if ("BestEffort".equals(pod.qosClass())) {
                    findings.report(
                            BEST_EFFORT,
                            pod.pod(),
                            null,
                            "Has no requests or limits (BestEffort) and runs on " + node.name() + ", which " + pressure
                                    + "; it is the first the kubelet evicts",
                            "Give the containers of " + pod.workload() + " CPU and memory requests (Burstable) or"
                                    + " equal requests and limits (Guaranteed)");
                }
            }
        }
    }

    /** Why a node is pressured, for people, or null when it is not. */
    private static String pressure(Usage.NodeUse node) {
        for (Map<String, Object> condition : Json.maps(node.node(), "status", "conditions")) {
            String type = Json.text(condition, "type");
            if (PRESSURES.contains(type) && "True".equals(Json.text(condition, "status"))) {
                return "reports " + type;
            }
        }
        Double memory = node.allocatable().memory();
        if (node.used() != null && memory != null && memory > 0 && node.used().memoryOrZero() >= NODE_BUSY * memory) {
            return "uses " + percent(node.used().memoryOrZero() / memory) + " of its memory";
        }
        return null;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
