package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How workloads behave over time, from what their status records: restart rates, how long pods wait to be
 * scheduled and to become ready, rollouts that stopped progressing, autoscalers pinned at their ceiling, and a
 * summary of throttling and eviction risk from current use.
 */
@Component
public class PerformanceAnalyzer implements Analyzer {

    static final double RESTARTS_PER_HOUR_WARNING = 0.5;
    static final double RESTARTS_PER_HOUR_CRITICAL = 3;
    static final int MIN_RESTARTS = 3;
    static final Duration PENDING_WARNING = Duration.ofMinutes(5);
    static final Duration PENDING_CRITICAL = Duration.ofHours(1);
    static final Duration SLOW_START = Duration.ofMinutes(5);
    /** Only recent start-ups say something about today's images, probes and nodes. */
    static final Duration RECENT = Duration.ofDays(1);

    static final CheckInfo RESTART_RATE = new CheckInfo(
            "highRestartRate",
            Category.RELIABILITY,
            Severity.WARNING,
            "Containers restart often",
            "The pods of a workload restart at 0.5 per hour or more (3 or more per hour is critical), counted from"
                    + " container restart counts and pod age.");
    static final CheckInfo PENDING = new CheckInfo(
            "pendingTooLong",
            Category.RELIABILITY,
            Severity.WARNING,
            "Pod waiting to be scheduled",
            "A pod has waited 5 minutes or more (an hour is critical) for a node, measured from its creation to"
                    + " now or to its PodScheduled transition.");
    static final CheckInfo SLOW_START_CHECK = new CheckInfo(
            "slowStartup",
            Category.EFFICIENCY,
            Severity.INFO,
            "Slow start-up",
            "A pod created in the last day took 5 minutes or more from creation to Ready (slow image pulls, long"
                    + " init containers, conservative readiness probes).");
    static final CheckInfo ROLLOUT_STALLED = new CheckInfo(
            "rolloutStalled",
            Category.RELIABILITY,
            Severity.CRITICAL,
            "Rollout stalled",
            "A Deployment reports Progressing=False (ProgressDeadlineExceeded): its new pods do not become ready.");
    static final CheckInfo HPA_AT_MAX = new CheckInfo(
            "hpaAtMaxReplicas",
            Category.EFFICIENCY,
            Severity.WARNING,
            "Autoscaler at its maximum",
            "A HorizontalPodAutoscaler runs at maxReplicas; if load grows it cannot add pods.");

    private static final List<CheckInfo> CHECKS =
            List.of(RESTART_RATE, PENDING, SLOW_START_CHECK, ROLLOUT_STALLED, HPA_AT_MAX);

    @Override
    public String name() {
        return "performance";
    }

    @Override
    public String description() {
        return "Performance: restart rates per workload, time pods wait to be scheduled and to become ready,"
                + " stalled rollouts, autoscalers at their maximum, and a throttling and eviction risk summary.";
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
        Instant now = state.observedAt();
        Usage usage = Usage.of(state);
        usage.byWorkload().forEach((workload, pods) -> restarts(workload, pods, now, findings));
        for (Usage.PodUse pod : usage.pods()) {
            pending(pod, now, findings);
        }
        usage.byWorkload().forEach((workload, pods) -> startup(workload, pods, now, findings));
        for (Map<String, Object> deployment : state.objects("Deployment")) {
            rollout(deployment, findings);
        }
        for (Map<String, Object> hpa : state.objects("HorizontalPodAutoscaler")) {
            autoscaler(hpa, findings);
        }
        findings.note(riskSummary(usage));
    }

    private static void restarts(Workload workload, List<Usage.PodUse> pods, Instant now, Findings findings) {
        long restarts = 0;
        double perHour = 0;
        for (Usage.PodUse pod : pods) {
            long podRestarts = Json.maps(pod.pod(), "status", "containerStatuses").stream()
                    .mapToLong(s -> Json.number(s, "restartCount"))
                    .sum();
            if (podRestarts == 0) {
                continue;
            }
            Instant started = Json.time(pod.pod(), "status", "startTime");
            if (started == null) {
                started = Json.time(pod.pod(), "metadata", "creationTimestamp");
            }
            double hours = started == null
                    ? 1
                    : Math.max(1, Duration.between(started, now).toMinutes() / 60.0);
            restarts += podRestarts;
            perHour += podRestarts / hours;
        }
        if (restarts < MIN_RESTARTS || perHour < RESTARTS_PER_HOUR_WARNING) {
            return;
        }
        findings.report(
                RESTART_RATE,
                perHour >= RESTARTS_PER_HOUR_CRITICAL ? Severity.CRITICAL : Severity.WARNING,
                workload.asObject(),
                null,
                String.format(
                        Locale.ROOT, "%d restarts across %d pod(s), %.1f per hour", restarts, pods.size(), perHour),
                "Read the previous container log (kubectl logs --previous) and the last state's reason (OOMKilled,"
                        + " Error, failed probes) of " + workload,
                List.of());
    }

    private static void pending(Usage.PodUse pod, Instant now, Findings findings) {
        if (!"Pending".equals(pod.phase())) {
            return;
        }
        Instant created = Json.time(pod.pod(), "metadata", "creationTimestamp");
        Map<String, Object> scheduled = condition(pod.pod(), "PodScheduled");
        if (created == null || (scheduled != null && "True".equals(Json.text(scheduled, "status")))) {
            return;
        }
        // The scheduler marks a pod unschedulable right after it is created; whichever is earlier is when it began
        // to wait (a restored or re-created object may carry a newer creationTimestamp).
        Instant since = scheduled == null ? null : Json.time(scheduled, "lastTransitionTime");
        if (since != null && since.isBefore(created)) {
            created = since;
        }
        Duration waited = Duration.between(created, now);
        if (waited.compareTo(PENDING_WARNING) < 0) {
            return;
        }
        String why = scheduled == null ? null : Json.text(scheduled, "message");
        findings.report(
                PENDING,
                waited.compareTo(PENDING_CRITICAL) >= 0 ? Severity.CRITICAL : Severity.WARNING,
                pod.pod(),
                null,
                "Waiting for a node for " + human(waited) + (why == null || why.isBlank() ? "" : ": " + why),
                "Compare its requests, node selector, affinity and tolerations with the nodes (kubectl describe pod);"
                        + " free capacity or add nodes",
                List.of());
    }

    private static void startup(Workload workload, List<Usage.PodUse> pods, Instant now, Findings findings) {
        Duration worst = null;
        Usage.PodUse slowest = null;
        for (Usage.PodUse pod : pods) {
            Instant created = Json.time(pod.pod(), "metadata", "creationTimestamp");
            Map<String, Object> ready = condition(pod.pod(), "Ready");
            if (created == null || ready == null || !"True".equals(Json.text(ready, "status"))) {
                continue;
            }
            Instant readyAt = Json.time(ready, "lastTransitionTime");
            if (readyAt == null || Duration.between(created, now).compareTo(RECENT) > 0) {
                continue;
            }
            Duration took = Duration.between(created, readyAt);
            if (took.compareTo(SLOW_START) >= 0 && (worst == null || took.compareTo(worst) > 0)) {
                worst = took;
                slowest = pod;
            }
        }
        if (slowest != null) {
            Map<String, Object> scheduled = condition(slowest.pod(), "PodScheduled");
            Instant scheduledAt = scheduled == null ? null : Json.time(scheduled, "lastTransitionTime");
            Instant created = Json.time(slowest.pod(), "metadata", "creationTimestamp");
            String split = scheduledAt == null
                    ? ""
                    : " (" + human(Duration.between(created, scheduledAt)) + " waiting for a node)";
            findings.report(
                    SLOW_START_CHECK,
                    slowest.pod(),
                    null,
                    "Took " + human(worst) + " from creation to Ready" + split,
                    "Check image size and pulls, init containers and the readiness probe's initial delay of "
                            + workload);
        }
    }

    private static void rollout(Map<String, Object> deployment, Findings findings) {
        for (Map<String, Object> condition : Json.maps(deployment, "status", "conditions")) {
            if ("Progressing".equals(Json.text(condition, "type"))
                    && ("False".equals(Json.text(condition, "status"))
                            || "ProgressDeadlineExceeded".equals(Json.text(condition, "reason")))) {
                String message = Json.text(condition, "message");
                findings.report(
                        ROLLOUT_STALLED,
                        deployment,
                        null,
                        "The rollout stopped progressing"
                                + (message == null || message.isBlank() ? "" : ": " + message),
                        "Look at the new ReplicaSet's pods (image, probes, quota); roll back with kubectl rollout"
                                + " undo if the change is at fault");
                return;
            }
        }
    }

    private static void autoscaler(Map<String, Object> hpa, Findings findings) {
        long max = Json.number(hpa, "spec", "maxReplicas");
        long current = Json.number(hpa, "status", "currentReplicas");
        if (max <= 0 || current < max) {
            return;
        }
        String target = Json.text(hpa, "spec", "scaleTargetRef", "kind") + "/"
                + Json.text(hpa, "spec", "scaleTargetRef", "name");
        findings.report(
                HPA_AT_MAX,
                hpa,
                null,
                "Runs " + current + " replicas of " + target + ", its maximum of " + max,
                "Raise maxReplicas if the nodes have room, or make each replica handle more load");
    }

    /** Counts of containers at risk of throttling and of eviction or OOM kills, for people. */
    static String riskSummary(Usage usage) {
        if (!usage.metrics()) {
            return "metrics.k8s.io is not served: throttling and eviction risk not judged";
        }
        int throttled = 0;
        int nearOom = 0;
        int aboveRequest = 0;
        for (Usage.PodUse pod : usage.pods()) {
            for (Usage.ContainerUse c : pod.containers()) {
                if (c.used() == null) {
                    continue;
                }
                if (c.limits().cpu() != null
                        && c.used().cpuOrZero()
                                >= ResourcesAnalyzer.CPU_AT_LIMIT * c.limits().cpu()) {
                    throttled++;
                }
                if (c.limits().memory() != null
                        && c.used().memoryOrZero()
                                >= ResourcesAnalyzer.MEMORY_NEAR_LIMIT
                                        * c.limits().memory()) {
                    nearOom++;
                } else if (c.requests().memory() != null
                        && c.used().memoryOrZero() > c.requests().memory()) {
                    aboveRequest++;
                }
            }
        }
        long bestEffort = usage.pods().stream()
                .filter(p -> "BestEffort".equals(p.qosClass()))
                .count();
        return "Risk summary: " + throttled + " container(s) at their CPU limit (throttling), " + nearOom
                + " near their memory limit (OOM kill), " + aboveRequest
                + " above their memory request (evicted first under pressure), " + bestEffort
                + " BestEffort pod(s)";
    }

    static Map<String, Object> condition(Map<String, Object> pod, String type) {
        return Json.maps(pod, "status", "conditions").stream()
                .filter(c -> type.equals(Json.text(c, "type")))
                .findFirst()
                .orElse(null);
    }

    static String human(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + "d" + (d.toHoursPart() > 0 ? " " + d.toHoursPart() + "h" : "");
        }
        if (d.toHours() >= 1) {
            return d.toHours() + "h" + (d.toMinutesPart() > 0 ? " " + d.toMinutesPart() + "m" : "");
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + "m";
        }
        return Math.max(0, d.toSeconds()) + "s";
    }
}
