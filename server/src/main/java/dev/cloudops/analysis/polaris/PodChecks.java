package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_IPC_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_NETWORK_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_PATH_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_PID_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_PROCESS;
import static dev.cloudops.analysis.polaris.PolarisCheck.METADATA_AND_INSTANCE_MISMATCHED;
import static dev.cloudops.analysis.polaris.PolarisCheck.PRIORITY_CLASS_NOT_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.TOPOLOGY_SPREAD_CONSTRAINT;

import dev.cloudops.analysis.polaris.Workload.Container;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of a pod spec as a whole, and of the workload's own metadata: one finding per workload. */
final class PodChecks {

    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    private PodChecks() {}

    static void check(Workload w, Set<PolarisCheck> on, Verdicts v) {
        Map<String, Object> spec = w.podSpec();
        hostNamespace(w, on, v, HOST_IPC_SET, "hostIPC");
        hostNamespace(w, on, v, HOST_NETWORK_SET, "hostNetwork");
        hostNamespace(w, on, v, HOST_PID_SET, "hostPID");
        if (on.contains(HOST_PATH_SET)) {
            verdict(v, HOST_PATH_SET, w, null, !hostPath(spec));
        }
        if (on.contains(HOST_PROCESS)) {
            hostProcess(w, v);
        }
        if (on.contains(PRIORITY_CLASS_NOT_SET)) {
            String priorityClass = Json.text(spec, "priorityClassName");
            verdict(v, PRIORITY_CLASS_NOT_SET, w, null, priorityClass != null && !priorityClass.isBlank());
        }
        // A DaemonSet runs one pod per node by definition: there is nothing to spread.
        if (on.contains(TOPOLOGY_SPREAD_CONSTRAINT) && !"DaemonSet".equals(w.kind())) {
            verdict(v, TOPOLOGY_SPREAD_CONSTRAINT, w, null, spreads(spec));
        }
        if (on.contains(METADATA_AND_INSTANCE_MISMATCHED)) {
            Object instance = Json.labels(w.object()).get(INSTANCE_LABEL);
            verdict(v, METADATA_AND_INSTANCE_MISMATCHED, w, null, instance != null && instance.equals(w.name()));
        }
    }

    private static void verdict(Verdicts v, PolarisCheck check, Workload w, String container, boolean passes) {
        if (passes) {
            v.pass(check, w.object());
        } else {
            v.fail(check, w.object(), container);
        }
    }

    private static void hostNamespace(Workload w, Set<PolarisCheck> on, Verdicts v, PolarisCheck check, String field) {
        if (!on.contains(check)) {
            return;
        }
        if (Json.isTrue(w.podSpec(), field)) {
            v.fail(check, w.object(), null, List.of(Patches.remove(w.specPath() + "/" + field)));
        } else {
            v.pass(check, w.object());
        }
    }

    private static boolean hostPath(Map<String, Object> spec) {
        for (Object volume : Json.list(spec, "volumes")) {
            if (Json.map(volume).get("hostPath") != null) {
                return true;
            }
        }
        return false;
    }

    private static void hostProcess(Workload w, Verdicts v) {
        if (Json.isTrue(Json.map(w.podSecurityContext(), "windowsOptions"), "hostProcess")) {
            v.fail(HOST_PROCESS, w.object(), null);
            return;
        }
        for (Container c : w.containers()) {
            if (Json.isTrue(Json.map(c.securityContext(), "windowsOptions"), "hostProcess")) {
                v.fail(HOST_PROCESS, w.object(), c.name());
                return;
            }
        }
        v.pass(HOST_PROCESS, w.object());
    }

    /**
     * At least one constraint, and every one the scheduler would honour: a positive maxSkew (and minDomains), a
     * topologyKey, a known whenUnsatisfiable and a labelSelector (without one it counts no pods).
     */
    private static boolean spreads(Map<String, Object> spec) {
        List<Object> constraints = Json.list(spec, "topologySpreadConstraints");
        if (constraints.isEmpty()) {
            return false;
        }
        for (Object item : constraints) {
            Map<String, Object> constraint = Json.map(item);
            Long maxSkew = Json.number(constraint, "maxSkew");
            Long minDomains = Json.number(constraint, "minDomains");
            Object when = constraint.get("whenUnsatisfiable");
            if (maxSkew == null
                    || maxSkew < 1
                    || (constraint.get("minDomains") != null && (minDomains == null || minDomains < 1))
                    || constraint.get("topologyKey") == null
                    || !("DoNotSchedule".equals(when) || "ScheduleAnyway".equals(when))
                    || !(constraint.get("labelSelector") instanceof Map<?, ?>)) {
                return false;
            }
        }
        return true;
    }
}
