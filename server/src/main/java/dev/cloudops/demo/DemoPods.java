package dev.cloudops.demo;

import dev.cloudops.demo.DemoWorkload.PodState;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds pods as a kubelet would report them in each {@link PodState}: phase, conditions, container statuses with
 * restart counts, node and pod IP. Containers without resources in a namespace with a LimitRange get the defaults the
 * LimitRanger admission plugin would have written, with its annotation.
 */
final class DemoPods {

    /** One pod to build: which workload, its name and labels, its owner, where it runs and when it was created. */
    record Plan(
            DemoWorkload workload,
            String name,
            int index,
            PodState state,
            Map<String, String> labels,
            OwnerReference owner,
            String node,
            Instant created) {}

    private final Instant now;
    private final Map<String, Integer> nextIp = new HashMap<>();
    private final Map<String, Integer> ipByPod = new HashMap<>();

    DemoPods(Instant now) {
        this.now = now;
    }

    /** The pod template spec shared by a workload and its pods (before admission and scheduling). */
    static PodSpec templateSpec(DemoWorkload w) {
        PodSpecBuilder spec = new PodSpecBuilder()
                .withContainers(DemoContainers.of(w))
                .withRestartPolicy(
                        w.kind == DemoWorkload.Kind.JOB
                                ? "Never"
                                : w.kind == DemoWorkload.Kind.CRON_JOB ? "OnFailure" : "Always")
                .withTerminationGracePeriodSeconds(30L)
                .withDnsPolicy(w.hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst")
                .withServiceAccountName(w.serviceAccount)
                .withSchedulerName("default-scheduler")
                .withHostNetwork(w.hostNetwork ? Boolean.TRUE : null);
        if (w.kind == DemoWorkload.Kind.DAEMON_SET) {
            spec.withTolerations(new TolerationBuilder().withOperator("Exists").build());
        }
        if (w.toleratesControlPlane) {
            spec.addToTolerations(new TolerationBuilder()
                    .withKey("node-role.kubernetes.io/control-plane")
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .build());
        }
        if (w.gpu) {
            spec.addToNodeSelector("dedicated", "gpu");
            spec.addToTolerations(new TolerationBuilder()
                    .withKey("dedicated")
                    .withOperator("Equal")
                    .withValue("gpu")
                    .withEffect("NoSchedule")
                    .build());
        }
        if (w.namespace.equals("kube-system")) {
            spec.withPriorityClassName(
                    w.kind == DemoWorkload.Kind.DAEMON_SET ? "system-node-critical" : "system-cluster-critical");
        }
        return spec.build();
    }

    Pod pod(Plan plan) {
        DemoWorkload w = plan.workload();
        PodSpec spec = templateSpec(w);
        List<String> defaulted = new ArrayList<>();
        List<Container> containers = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            containers.add(admit(w.namespace, c, defaulted));
        }
        spec.setContainers(containers);
        spec.setTolerations(withDefaultTolerations(spec.getTolerations(), w));
        spec.setPriority(w.namespace.equals("kube-system") ? 2000001000 : 0);
        spec.setEnableServiceLinks(true);
        spec.setPreemptionPolicy("PreemptLowerPriority");
        if (w.kind == DemoWorkload.Kind.STATEFUL_SET) {
            spec.setHostname(plan.name());
            spec.setSubdomain(w.name);
            if (w.storage != null) {
                spec.setVolumes(List.of(new VolumeBuilder()
                        .withName("data")
                        .withNewPersistentVolumeClaim()
                        .withClaimName("data-" + plan.name())
                        .endPersistentVolumeClaim()
                        .build()));
            }
        }
        boolean scheduled = plan.state() != PodState.PENDING;
        if (scheduled) {
            spec.setNodeName(plan.node());
        }
        if (w.kind == DemoWorkload.Kind.DAEMON_SET) {
            // The DaemonSet controller pins each pod to its node with a field selector on the node's name.
            spec.setAffinity(new AffinityBuilder()
                    .withNewNodeAffinity()
                    .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm()
                    .addNewMatchField()
                    .withKey("metadata.name")
                    .withOperator("In")
                    .withValues(plan.node())
                    .endMatchField()
                    .endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution()
                    .endNodeAffinity()
                    .build());
        }
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withNamespace(w.namespace)
                .withName(plan.name())
                .withUid(DemoIds.uid("Pod/" + w.namespace + "/" + plan.name()))
                .withCreationTimestamp(DemoIds.time(plan.created()))
                .withLabels(plan.labels())
                .withOwnerReferences(plan.owner())
                .endMetadata()
                .withSpec(spec);
        if (!defaulted.isEmpty()) {
            pod.editMetadata()
                    .addToAnnotations(
                            "kubernetes.io/limit-ranger", "LimitRanger plugin set: " + String.join("; ", defaulted))
                    .endMetadata();
        }
        return pod.withStatus(status(plan, spec, scheduled)).build();
    }

    private PodStatus status(Plan plan, PodSpec spec, boolean scheduled) {
        Instant created = plan.created();
        Instant scheduledAt = created.plusSeconds(1);
        PodState state = plan.state();
        var status = new PodStatusBuilder().withQosClass(qosClass(spec));
        if (!scheduled) {
            return status.withPhase("Pending")
                    .withConditions(condition(
                            "PodScheduled", "False", "Unschedulable", plan.workload().pendingMessage, scheduledAt))
                    .build();
        }
        boolean ready = state == PodState.RUNNING;
        boolean done = state == PodState.SUCCEEDED || state == PodState.FAILED;
        String notReadyReason = done ? "PodCompleted" : "ContainersNotReady";
        if (state == PodState.FAILED) {
            notReadyReason = "PodFailed";
        }
        Instant started = created.plusSeconds(3);
        String hostIp = DemoNodes.internalIp(plan.node());
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            statuses.add(containerStatus(plan, c, started));
        }
        String unready = "containers with unready status: [" + plan.workload().container() + "]";
        return status.withPhase(phase(state))
                .withHostIP(hostIp)
                .addNewHostIP(hostIp)
                .withPodIP(podIp(plan))
                .addNewPodIP(podIp(plan))
                .withStartTime(DemoIds.time(scheduledAt))
                .withConditions(
                        condition("PodReadyToStartContainers", done ? "False" : "True", null, null, started),
                        condition("Initialized", "True", done ? "PodCompleted" : null, null, scheduledAt),
                        condition(
                                "Ready",
                                ready ? "True" : "False",
                                ready ? null : notReadyReason,
                                ready || done ? null : unready,
                                ready ? started.plusSeconds(12) : started),
                        condition(
                                "ContainersReady",
                                ready ? "True" : "False",
                                ready ? null : notReadyReason,
                                ready || done ? null : unready,
                                ready ? started.plusSeconds(12) : started),
                        condition("PodScheduled", "True", null, null, scheduledAt))
                .withContainerStatuses(statuses)
                .build();
    }

    private ContainerStatus containerStatus(Plan plan, Container c, Instant started) {
        DemoWorkload w = plan.workload();
        boolean main = c.getName().equals(w.container());
        PodState state = main ? plan.state() : PodState.RUNNING;
        String key = w.namespace + "/" + plan.name() + "/" + c.getName();
        ContainerStatusBuilder s = new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(c.getImage())
                .withRestartCount(0)
                .withReady(state == PodState.RUNNING)
                .withStarted(state == PodState.RUNNING);
        if (state != PodState.IMAGE_PULL_BACKOFF) {
            s.withImageID(c.getImage().replaceFirst(":[^:/]+$", "") + "@sha256:"
                            + DemoIds.hex("image/" + c.getImage(), 64))
                    .withContainerID("containerd://" + DemoIds.hex("container/" + key, 64));
        } else {
            s.withImageID("");
        }
        switch (state) {
            case RUNNING -> {
                Instant runningSince = started;
                if (main && w.restarts > 0) {
                    runningSince = now.minus(Duration.ofMinutes(47L + plan.index() * 13L));
                    s.withRestartCount(w.restarts)
                            .withNewLastState()
                            .withNewTerminated()
                            .withExitCode(137)
                            .withReason("OOMKilled")
                            .withStartedAt(DemoIds.time(runningSince.minus(Duration.ofHours(5))))
                            .withFinishedAt(DemoIds.time(runningSince.minusSeconds(2)))
                            .withContainerID("containerd://" + DemoIds.hex("previous/" + key, 64))
                            .endTerminated()
                            .endLastState();
                }
                s.withNewState()
                        .withNewRunning()
                        .withStartedAt(DemoIds.time(runningSince))
                        .endRunning()
                        .endState();
            }
            case CRASH_LOOP -> {
                long minutes = Duration.between(started, now).toMinutes();
                int restarts = (int) Math.max(3, minutes / 6);
                Instant lastStart = now.minusSeconds(95 + plan.index() * 40L);
                s.withRestartCount(restarts)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container=" + c.getName() + " pod="
                                + plan.name() + "_" + w.namespace + "("
                                + DemoIds.uid("Pod/" + w.namespace + "/" + plan.name()) + ")")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(1)
                        .withReason("Error")
                        .withStartedAt(DemoIds.time(lastStart))
                        .withFinishedAt(DemoIds.time(lastStart.plusSeconds(9)))
                        .withContainerID("containerd://" + DemoIds.hex("container/" + key, 64))
                        .endTerminated()
                        .endLastState();
            }
            case IMAGE_PULL_BACKOFF ->
                s.withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + c.getImage() + "\"")
                        .endWaiting()
                        .endState();
            case SUCCEEDED, FAILED ->
                s.withNewState()
                        .withNewTerminated()
                        .withExitCode(state == PodState.SUCCEEDED ? 0 : 1)
                        .withReason(state == PodState.SUCCEEDED ? "Completed" : "Error")
                        .withStartedAt(DemoIds.time(started))
                        .withFinishedAt(DemoIds.time(started.plus(jobDuration(plan))))
                        .withContainerID("containerd://" + DemoIds.hex("container/" + key, 64))
                        .endTerminated()
                        .endState();
            default -> throw new IllegalStateException("no container status for " + state);
        }
        return s.build();
    }

    /** How long a finished job pod ran: a few minutes, failed ones less. */
    static Duration jobDuration(Plan plan) {
        long seconds = 40 + Math.floorMod(DemoIds.hash(plan.name()), 200);
        return Duration.ofSeconds(plan.state() == PodState.FAILED ? seconds / 4 : seconds);
    }

    private static String phase(PodState state) {
        return switch (state) {
            case RUNNING, CRASH_LOOP -> "Running";
            case PENDING, IMAGE_PULL_BACKOFF -> "Pending";
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
        };
    }

    private String podIp(Plan plan) {
        if (plan.workload().hostNetwork) {
            return DemoNodes.internalIp(plan.node());
        }
        String key = plan.workload().namespace + "/" + plan.name();
        return DemoNodes.podNetwork(plan.node()) + "." + ip(plan.node(), key);
    }

    private int ip(String node, String podKey) {
        return ipByPod.computeIfAbsent(podKey, k -> nextIp.merge(node, 1, Integer::sum) + 10);
    }

    private static Container admit(String namespace, Container container, List<String> defaulted) {
        ResourceRequirements r = container.getResources();
        boolean empty = r == null
                || ((r.getRequests() == null || r.getRequests().isEmpty())
                        && (r.getLimits() == null || r.getLimits().isEmpty()));
        return DemoQuotas.defaults(namespace)
                .filter(d -> empty)
                .map(d -> {
                    defaulted.add("cpu, memory request for container " + container.getName()
                            + "; cpu, memory limit for container " + container.getName());
                    return new ContainerBuilder(container)
                            .withNewResources()
                            .withRequests(d.requests())
                            .withLimits(d.limits())
                            .endResources()
                            .build();
                })
                .orElse(container);
    }

    private static List<Toleration> withDefaultTolerations(List<Toleration> declared, DemoWorkload w) {
        List<Toleration> out = new ArrayList<>(declared);
        if (w.kind == DemoWorkload.Kind.DAEMON_SET) {
            return out;
        }
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            out.add(new TolerationBuilder()
                    .withKey(key)
                    .withOperator("Exists")
                    .withEffect("NoExecute")
                    .withTolerationSeconds(300L)
                    .build());
        }
        return out;
    }

    static String qosClass(PodSpec spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : spec.getContainers()) {
            Map<String, Quantity> requests =
                    c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> limits =
                    c.getResources() == null ? null : c.getResources().getLimits();
            boolean hasRequests = requests != null && !requests.isEmpty();
            boolean hasLimits = limits != null && !limits.isEmpty();
            any |= hasRequests || hasLimits;
            for (String resource : List.of("cpu", "memory")) {
                Quantity limit = hasLimits ? limits.get(resource) : null;
                Quantity request = hasRequests ? requests.get(resource) : null;
                if (limit == null || (request != null && request.compareTo(limit) != 0)) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static PodCondition condition(String type, String status, String reason, String message, Instant at) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(DemoIds.time(at))
                .build();
    }
}
