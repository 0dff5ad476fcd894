package dev.cloudops.analysis.health;

import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.Severity;
import java.util.List;

/** The checks of the health analyzer: what is broken or degraded in a running cluster now. */
final class HealthChecks {

    static final CheckInfo NODE_NOT_READY = new CheckInfo(
            "nodeNotReady",
            Category.HEALTH,
            Severity.CRITICAL,
            "Node is not Ready",
            "The node's Ready condition is False or Unknown: the kubelet is down, unreachable or unhealthy, and its"
                    + " pods are not being looked after.");
    static final CheckInfo NODE_PRESSURE = new CheckInfo(
            "nodePressure",
            Category.HEALTH,
            Severity.WARNING,
            "Node under pressure",
            "MemoryPressure, DiskPressure or PIDPressure is True, or NetworkUnavailable is True: the kubelet evicts"
                    + " pods or the node's network is not configured.");
    static final CheckInfo CRASH_LOOP = new CheckInfo(
            "podCrashLoopBackOff",
            Category.HEALTH,
            Severity.CRITICAL,
            "Container in CrashLoopBackOff",
            "A container keeps exiting and the kubelet waits longer before each restart.");
    static final CheckInfo IMAGE_PULL = new CheckInfo(
            "podImagePullFailure",
            Category.HEALTH,
            Severity.CRITICAL,
            "Image cannot be pulled",
            "A container waits in ImagePullBackOff or ErrImagePull: the image or tag does not exist, or the registry"
                    + " refuses the node's credentials.");
    static final CheckInfo OOM_KILLED = new CheckInfo(
            "containerOOMKilled",
            Category.RELIABILITY,
            Severity.WARNING,
            "Container was OOM-killed",
            "A container's last run ended with OOMKilled: it used more memory than its limit (or the node had none"
                    + " left).");
    static final CheckInfo UNSCHEDULABLE = new CheckInfo(
            "podUnschedulable",
            Category.HEALTH,
            Severity.CRITICAL,
            "Pod cannot be scheduled",
            "A Pending pod whose PodScheduled condition is False: the scheduler found no node for it and says why.");
    static final CheckInfo RESTARTS = new CheckInfo(
            "containerRestarts",
            Category.RELIABILITY,
            Severity.WARNING,
            "Container restarts often",
            "A container restarted at least cloudops.analysis.health.restart-threshold times.");
    static final CheckInfo WORKLOAD_UNAVAILABLE = new CheckInfo(
            "workloadUnavailable",
            Category.HEALTH,
            Severity.WARNING,
            "Workload has unavailable replicas",
            "A Deployment, StatefulSet or DaemonSet has fewer ready or available replicas than it wants; critical"
                    + " when none is available.");
    static final CheckInfo PVC_PENDING = new CheckInfo(
            "pvcPending",
            Category.HEALTH,
            Severity.WARNING,
            "PersistentVolumeClaim is Pending",
            "A claim is not bound to a volume, so pods that mount it cannot start.");
    static final CheckInfo PROBE_FAILING = new CheckInfo(
            "probeFailing",
            Category.RELIABILITY,
            Severity.WARNING,
            "Probe failing or container not ready",
            "Unhealthy events (liveness, readiness or startup probe failures), or a running container that is not"
                    + " ready, so its pod gets no traffic.");
    static final CheckInfo WARNING_EVENTS = new CheckInfo(
            "warningEvents",
            Category.HEALTH,
            Severity.WARNING,
            "Warning events",
            "Warning events of one reason on one object, grouped; a warning from cloudops.analysis.health.event-burst"
                    + " occurrences on, information below. Objects already reported by another check are left out.");

    static final List<CheckInfo> ALL = List.of(
            NODE_NOT_READY,
            NODE_PRESSURE,
            CRASH_LOOP,
            IMAGE_PULL,
            OOM_KILLED,
            UNSCHEDULABLE,
            RESTARTS,
            WORKLOAD_UNAVAILABLE,
            PVC_PENDING,
            PROBE_FAILING,
            WARNING_EVENTS);

    private HealthChecks() {}
}
