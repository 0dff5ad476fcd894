package dev.cloudops.analysis.health;

import static dev.cloudops.analysis.health.Fields.condition;
import static dev.cloudops.analysis.health.Fields.list;
import static dev.cloudops.analysis.health.Fields.number;
import static dev.cloudops.analysis.health.Fields.or;
import static dev.cloudops.analysis.health.Fields.text;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.Subject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What is broken or degraded in a running cluster now: nodes, pods, workloads, claims and warning events. It reads
 * status and events, so it runs on live clusters only. One problem is one finding: a pod already reported (crash
 * loop, image pull, scheduling) is not reported again for the warning events that problem causes.
 */
@Component
public class HealthAnalyzer implements Analyzer {

    static final Set<String> PRESSURES = Set.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

    private final HealthSettings settings;

    public HealthAnalyzer(HealthSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public String description() {
        return "Finds what is broken in a running cluster now: NotReady or pressured nodes, crash-looping,"
                + " unpullable, OOM-killed, unschedulable or often restarted containers, failing probes,"
                + " workloads with unavailable replicas, Pending claims and bursts of warning events.";
    }

    @Override
    public List<CheckInfo> checks() {
        return HealthChecks.ALL;
    }

    @Override
    public boolean readsSpecsOnly() {
        return false;
    }

    @Override
    public void analyze(ClusterState state, Findings findings) {
        Set<Subject> reported = new HashSet<>();
        WarningEvents events = WarningEvents.of(state.objects("Event"));
        NodeChecks.check(state.objects("Node"), findings, reported);
        new PodChecks(settings.restartThreshold(), events, findings, reported).check(state.objects("Pod"));
        WorkloadChecks.check(state, findings, reported);
        pvcs(state.objects("PersistentVolumeClaim"), events, findings, reported);
        events.report(findings, reported, settings.eventBurst());
    }

    private static void pvcs(
            List<Map<String, Object>> claims, WarningEvents events, Findings findings, Set<Subject> reported) {
        for (Map<String, Object> claim : claims) {
            if (!"Pending".equals(text(claim, "status", "phase"))) {
                continue;
            }
            Subject subject = Subject.of(claim);
            String storageClass = text(claim, "spec", "storageClassName");
            String size = text(claim, "spec", "resources", "requests", "storage");
            String why = events.lastMessage(subject, "ProvisioningFailed");
            findings.report(
                    HealthChecks.PVC_PENDING,
                    claim,
                    null,
                    "PersistentVolumeClaim " + subject.namespace() + "/" + subject.name() + " is Pending"
                            + (size == null ? "" : " (" + size + ")")
                            + " with storage class " + or(storageClass, "(default)")
                            + (why == null ? "" : ": " + why),
                    "Check that the storage class exists and its provisioner runs (kubectl get storageclass), or"
                            + " create a PersistentVolume that matches the claim; pods mounting it stay Pending"
                            + " until it is bound.");
            reported.add(WarningEvents.key(subject));
        }
    }

    /** Reports a node's Ready and pressure conditions. */
    static final class NodeChecks {

        private NodeChecks() {}

        static void check(List<Map<String, Object>> nodes, Findings findings, Set<Subject> reported) {
            for (Map<String, Object> node : nodes) {
                String name = text(node, "metadata", "name");
                Map<?, ?> ready = condition(node, "Ready");
                if (!ready.isEmpty() && !"True".equals(ready.get("status"))) {
                    findings.report(
                            HealthChecks.NODE_NOT_READY,
                            node,
                            null,
                            "Node " + name + " is NotReady (Ready=" + ready.get("status") + ", "
                                    + or(text(ready, "reason"), "no reason") + ": "
                                    + or(text(ready, "message"), "no message") + ")"
                                    + since(ready),
                            "Check the kubelet and container runtime on the node (systemctl status kubelet,"
                                    + " journalctl -u kubelet) and its network to the API server; drain it"
                                    + " (kubectl drain " + name + " --ignore-daemonsets) if it does not recover.");
                    reported.add(WarningEvents.key(node));
                }
                for (Object c : list(node, "status", "conditions")) {
                    String type = text(c, "type");
                    if (type != null && PRESSURES.contains(type) && "True".equals(text(c, "status"))) {
                        findings.report(
                                HealthChecks.NODE_PRESSURE,
                                node,
                                null,
                                "Node " + name + " has " + type + " (" + or(text(c, "reason"), "no reason") + ": "
                                        + or(text(c, "message"), "no message") + ")" + since(c),
                                fixFor(type, name));
                        reported.add(WarningEvents.key(node));
                    }
                }
            }
        }

        private static String since(Object condition) {
            String at = text(condition, "lastTransitionTime");
            return at == null ? "" : " since " + at;
        }

        private static String fixFor(String type, String node) {
            return switch (type) {
                case "MemoryPressure" ->
                    "Free memory on " + node + ": set memory requests and limits on its pods,"
                            + " move heavy pods elsewhere or add nodes; the kubelet evicts pods until it recovers.";
                case "DiskPressure" ->
                    "Free disk on " + node + ": prune unused images (crictl rmi --prune), clean"
                            + " logs and emptyDir volumes, or grow the disk.";
                case "PIDPressure" ->
                    "Find the pod that forks too many processes on " + node + " and fix it; set"
                            + " the kubelet's podPidsLimit.";
                default ->
                    "Check the network plugin (CNI) pods on " + node + " and its routes; pods there have no"
                            + " network until NetworkUnavailable is False.";
            };
        }
    }

    /** Reports Deployments, StatefulSets and DaemonSets with fewer available replicas than they want. */
    static final class WorkloadChecks {

        private WorkloadChecks() {}

        static void check(ClusterState state, Findings findings, Set<Subject> reported) {
            for (Map<String, Object> d : state.objects("Deployment")) {
                long desired = number(d, 1, "spec", "replicas");
                long available = number(d, 0, "status", "availableReplicas");
                Map<?, ?> progressing = condition(d, "Progressing");
                String why = "False".equals(progressing.get("status")) ? text(progressing, "message") : null;
                unavailable(d, desired, available, why, findings, reported);
            }
            for (Map<String, Object> s : state.objects("StatefulSet")) {
                long desired = number(s, 1, "spec", "replicas");
                long ready = number(s, 0, "status", "readyReplicas");
                unavailable(s, desired, number(s, ready, "status", "availableReplicas"), null, findings, reported);
            }
            for (Map<String, Object> ds : state.objects("DaemonSet")) {
                long desired = number(ds, 0, "status", "desiredNumberScheduled");
                long ready = number(ds, 0, "status", "numberReady");
                unavailable(ds, desired, number(ds, ready, "status", "numberAvailable"), null, findings, reported);
            }
        }

        private static void unavailable(
                Map<String, Object> workload,
                long desired,
                long available,
                String why,
                Findings findings,
                Set<Subject> reported) {
            if (desired <= 0 || available >= desired) {
                return;
            }
            Subject subject = Subject.of(workload);
            findings.report(
                    HealthChecks.WORKLOAD_UNAVAILABLE,
                    available == 0 ? Severity.CRITICAL : Severity.WARNING,
                    workload,
                    null,
                    subject + " has " + available + " of " + desired + " replicas available"
                            + (why == null ? "" : ": " + why),
                    "Look at the findings and events of its pods (kubectl describe "
                            + subject.kind().toLowerCase()
                            + " " + subject.name() + " -n " + subject.namespace() + "): they say why replicas"
                            + " do not become available.",
                    List.of());
            reported.add(WarningEvents.key(subject));
        }
    }
}
