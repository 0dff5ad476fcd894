package dev.cloudops.analysis.health;

import static dev.cloudops.analysis.health.Fields.condition;
import static dev.cloudops.analysis.health.Fields.list;
import static dev.cloudops.analysis.health.Fields.map;
import static dev.cloudops.analysis.health.Fields.number;
import static dev.cloudops.analysis.health.Fields.or;
import static dev.cloudops.analysis.health.Fields.text;

import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks on pods and their containers, in one pass over the pods. */
final class PodChecks {

    private static final Set<String> PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");

    private final int restartThreshold;
    private final WarningEvents events;
    private final Findings findings;
    private final Set<Subject> reported;

    PodChecks(int restartThreshold, WarningEvents events, Findings findings, Set<Subject> reported) {
        this.restartThreshold = restartThreshold;
        this.events = events;
        this.findings = findings;
        this.reported = reported;
    }

    void check(List<Map<String, Object>> pods) {
        for (Map<String, Object> pod : pods) {
            if (text(pod, "metadata", "deletionTimestamp") != null) {
                continue;
            }
            String phase = text(pod, "status", "phase");
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            Subject subject = Subject.of(pod);
            String where = subject.namespace() + "/" + subject.name();
            unschedulable(pod, phase, where);
            for (Object status : list(pod, "status", "initContainerStatuses")) {
                container(pod, status, where, "Running".equals(phase), true);
            }
            for (Object status : list(pod, "status", "containerStatuses")) {
                container(pod, status, where, "Running".equals(phase), false);
            }
            probes(pod, subject, where);
        }
    }

    private void unschedulable(Map<String, Object> pod, String phase, String where) {
        Map<?, ?> scheduled = condition(pod, "PodScheduled");
        if (!"Pending".equals(phase) || !"False".equals(scheduled.get("status"))) {
            return;
        }
        findings.report(
                HealthChecks.UNSCHEDULABLE,
                pod,
                null,
                "Pod " + where + " is Pending: " + or(text(scheduled, "reason"), "not scheduled") + " \""
                        + or(text(scheduled, "message"), "the scheduler gave no message") + "\"",
                "Make room or relax the pod's demands: lower its requests, add nodes with the capacity, tolerate"
                        + " the taints or loosen the node selector and affinity the scheduler's message names.");
        reported.add(WarningEvents.key(pod));
    }

    private void container(Map<String, Object> pod, Object status, String where, boolean podRunning, boolean init) {
        String name = text(status, "name");
        String what = (init ? "Init container " : "Container ") + name + " of pod " + where;
        Map<?, ?> waiting = map(status, "state", "waiting");
        String waitingReason = text(waiting, "reason");
        Map<?, ?> last = map(status, "lastState", "terminated");
        long restarts = number(status, 0, "restartCount");
        boolean crashLoop = "CrashLoopBackOff".equals(waitingReason);
        if (crashLoop) {
            findings.report(
                    HealthChecks.CRASH_LOOP,
                    pod,
                    name,
                    what + " is in CrashLoopBackOff after " + restarts + " restarts"
                            + (last.isEmpty()
                                    ? ""
                                    : "; its last run exited with code " + text(last, "exitCode") + " ("
                                            + or(text(last, "reason"), "no reason") + ")"),
                    "Read the logs of the run that crashed (kubectl logs " + text(pod, "metadata", "name") + " -c "
                            + name + " --previous -n " + text(pod, "metadata", "namespace") + ") and fix the"
                            + " cause: a missing setting or secret, an unreachable dependency, a wrong command.");
            reported.add(WarningEvents.key(pod));
        } else if (waitingReason != null && PULL_FAILURES.contains(waitingReason)) {
            findings.report(
                    HealthChecks.IMAGE_PULL,
                    pod,
                    name,
                    what + " cannot pull image " + text(status, "image") + " (" + waitingReason + ")"
                            + (text(waiting, "message") == null ? "" : ": " + text(waiting, "message")),
                    "Check that the image name and tag exist in the registry, and that the pod's"
                            + " imagePullSecrets (or its service account's) hold valid credentials for it.");
            reported.add(WarningEvents.key(pod));
        }
        if ("OOMKilled".equals(text(last, "reason"))
                || "OOMKilled".equals(text(status, "state", "terminated", "reason"))) {
            String limit = memoryLimit(pod, name, init);
            findings.report(
                    HealthChecks.OOM_KILLED,
                    pod,
                    name,
                    what + " was OOM-killed (memory limit " + or(limit, "none") + ", " + restarts + " restarts)",
                    limit == null
                            ? "Set a memory request and limit that fit its real use; without a limit it was killed"
                                    + " because the node ran out of memory."
                            : "Raise its memory limit above its peak use, or find the leak; kubectl top pod shows"
                                    + " its current use.");
            reported.add(WarningEvents.key(pod));
        }
        if (!crashLoop && restarts >= restartThreshold) {
            findings.report(
                    HealthChecks.RESTARTS,
                    pod,
                    name,
                    what + " restarted " + restarts + " times"
                            + (last.isEmpty()
                                    ? ""
                                    : "; its last run ended with code " + text(last, "exitCode") + " ("
                                            + or(text(last, "reason"), "no reason") + ")"),
                    "Read its previous logs (kubectl logs --previous) and events; frequent restarts are crashes or"
                            + " failed liveness probes.");
            reported.add(WarningEvents.key(pod));
        }
        boolean running = map(status, "state").containsKey("running");
        if (!init
                && podRunning
                && running
                && Boolean.FALSE.equals(map(status).get("ready"))
                && events.unhealthy(Subject.of(pod)).isEmpty()) {
            findings.report(
                    HealthChecks.PROBE_FAILING,
                    pod,
                    name,
                    what + " is running but not ready, so the pod receives no Service traffic",
                    "Check its readiness probe (path, port, timeouts) against what the application serves, and the"
                            + " application's logs for why it does not answer.");
            reported.add(WarningEvents.key(pod));
        }
    }

    private void probes(Map<String, Object> pod, Subject subject, String where) {
        for (WarningEvents.Group group : events.unhealthy(subject)) {
            findings.report(
                    HealthChecks.PROBE_FAILING,
                    pod,
                    group.container(),
                    "Probes of pod " + where
                            + (group.container() == null ? "" : " (container " + group.container() + ")") + " failed "
                            + group.count() + " times: " + group.lastMessage(),
                    "Check the probe (path, port, timeouts, initialDelaySeconds) against what the application"
                            + " serves; a failing liveness probe restarts the container, a readiness probe takes it"
                            + " out of Service endpoints.");
            reported.add(WarningEvents.key(subject));
        }
    }

    private static String memoryLimit(Map<String, Object> pod, String container, boolean init) {
        for (Object c : list(pod, "spec", init ? "initContainers" : "containers")) {
            if (container != null && container.equals(text(c, "name"))) {
                return text(c, "resources", "limits", "memory");
            }
        }
        return null;
    }
}
