package dev.cloudops.demo;

import dev.cloudops.demo.DemoWorkload.PodState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Core/v1 events as the scheduler, kubelet and controllers record them. Like a real cluster, one-off events
 * (Scheduled, Pulled, Started…) only exist for objects younger than the one-hour event TTL, while recurring ones
 * (BackOff, FailedScheduling, ProvisioningFailed) keep a recent last timestamp and a growing count.
 */
final class DemoEvents {

    private static final Duration TTL = Duration.ofHours(1);

    private final Instant now;
    private final List<Event> events = new ArrayList<>();

    private DemoEvents(Instant now) {
        this.now = now;
    }

    static List<Event> events(DemoWorkloads.Built built, List<HasMetadata> storage, Instant now) {
        DemoEvents out = new DemoEvents(now);
        for (DemoPods.Plan plan : built.plans()) {
            Pod pod = built.pods().stream()
                    .filter(p -> p.getMetadata().getName().equals(plan.name())
                            && p.getMetadata().getNamespace().equals(plan.workload().namespace))
                    .findFirst()
                    .orElseThrow();
            out.pod(plan, pod);
        }
        for (HasMetadata controller : built.controllers()) {
            out.controller(controller, built);
        }
        for (HasMetadata object : storage) {
            if (object instanceof PersistentVolumeClaim claim
                    && !"standard".equals(claim.getSpec().getStorageClassName())) {
                Instant first = Instant.parse(object.getMetadata().getCreationTimestamp());
                String message =
                        "storageclass.storage.k8s.io \"" + claim.getSpec().getStorageClassName() + "\" not found";
                out.event(object, "Warning", "ProvisioningFailed", message)
                        .by("persistentvolume-controller", null)
                        .at(first, now.minusSeconds(11), out.recurring(first, 15));
            }
        }
        return List.copyOf(out.events);
    }

    private void pod(DemoPods.Plan plan, Pod pod) {
        DemoWorkload w = plan.workload();
        Instant created = plan.created();
        String node = pod.getSpec().getNodeName();
        String container = "spec.containers{" + w.container() + "}";
        PodState state = plan.state();
        boolean fresh = created.isAfter(now.minus(TTL));
        if (state == PodState.PENDING) {
            event(pod, "Warning", "FailedScheduling", w.pendingMessage)
                    .by("default-scheduler", null)
                    .at(created, now.minusSeconds(40), recurring(created, 5));
            return;
        }
        if (fresh || state == PodState.IMAGE_PULL_BACKOFF || state == PodState.CRASH_LOOP) {
            event(
                            pod,
                            "Normal",
                            "Scheduled",
                            "Successfully assigned " + w.namespace + "/" + plan.name() + " to " + node)
                    .by("default-scheduler", null)
                    .at(created, created, 1);
        }
        if (state == PodState.IMAGE_PULL_BACKOFF) {
            int pulls = recurring(created, 5);
            String failure = "Failed to pull image \"" + w.image + "\": " + String.format(w.pullError, w.image);
            kubelet(pod, container, "Normal", "Pulling", "Pulling image \"" + w.image + "\"")
                    .at(created.plusSeconds(1), now.minusSeconds(150), pulls);
            kubelet(pod, container, "Warning", "Failed", failure)
                    .at(created.plusSeconds(2), now.minusSeconds(149), pulls);
            kubelet(pod, container, "Warning", "Failed", "Error: ErrImagePull")
                    .at(created.plusSeconds(2), now.minusSeconds(149), pulls);
            kubelet(pod, container, "Normal", "BackOff", "Back-off pulling image \"" + w.image + "\"")
                    .at(created.plusSeconds(3), now.minusSeconds(8), recurring(created, 1));
            kubelet(pod, container, "Warning", "Failed", "Error: ImagePullBackOff")
                    .at(created.plusSeconds(3), now.minusSeconds(8), recurring(created, 1));
        } else if (state == PodState.CRASH_LOOP) {
            int restarts = pod.getStatus().getContainerStatuses().get(0).getRestartCount();
            kubelet(
                            pod,
                            container,
                            "Normal",
                            "Pulled",
                            "Container image \"" + w.image + "\" already present on machine")
                    .at(created.plusSeconds(2), now.minusSeconds(95), restarts);
            kubelet(pod, container, "Normal", "Created", "Created container: " + w.container())
                    .at(created.plusSeconds(2), now.minusSeconds(95), restarts + 1);
            kubelet(pod, container, "Normal", "Started", "Started container " + w.container())
                    .at(created.plusSeconds(3), now.minusSeconds(94), restarts + 1);
            String backOff = "Back-off restarting failed container " + w.container() + " in pod " + plan.name() + "_"
                    + w.namespace + "(" + pod.getMetadata().getUid() + ")";
            kubelet(pod, container, "Warning", "BackOff", backOff)
                    .at(created.plusSeconds(15), now.minusSeconds(20), restarts * 3 + 2);
        } else if (fresh) {
            long size = 20_000_000 + Math.floorMod(DemoIds.hash(w.image), 90_000_000);
            String pulled = "Successfully pulled image \"" + w.image + "\" in 2.184s (2.184s including waiting). "
                    + "Image size: " + size + " bytes.";
            kubelet(pod, container, "Normal", "Pulled", pulled).at(created.plusSeconds(2), created.plusSeconds(2), 1);
            kubelet(pod, container, "Normal", "Created", "Created container: " + w.container())
                    .at(created.plusSeconds(2), created.plusSeconds(2), 1);
            kubelet(pod, container, "Normal", "Started", "Started container " + w.container())
                    .at(created.plusSeconds(3), created.plusSeconds(3), 1);
        }
    }

    private void controller(HasMetadata controller, DemoWorkloads.Built built) {
        Instant created = Instant.parse(controller.getMetadata().getCreationTimestamp());
        if (controller instanceof Job job) {
            boolean failed =
                    job.getStatus().getFailed() != null && job.getStatus().getActive() == null;
            if (!created.isAfter(now.minus(TTL)) && !failed) {
                return;
            }
            built.pods().stream()
                    .filter(p -> p.getMetadata()
                            .getOwnerReferences()
                            .get(0)
                            .getName()
                            .equals(job.getMetadata().getName()))
                    .forEach(p -> event(
                                    job,
                                    "Normal",
                                    "SuccessfulCreate",
                                    "Created pod: " + p.getMetadata().getName())
                            .by("job-controller", null)
                            .at(created, created, 1));
            if (failed) {
                event(job, "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit")
                        .by("job-controller", null)
                        .at(created.plusSeconds(60), created.plusSeconds(60), 1);
            } else if (job.getStatus().getSucceeded() != null) {
                event(job, "Normal", "Completed", "Job completed")
                        .by("job-controller", null)
                        .at(created.plusSeconds(95), created.plusSeconds(95), 1);
            }
        } else if (controller instanceof CronJob cron
                && cron.getStatus() != null
                && cron.getStatus().getLastScheduleTime() != null) {
            Instant last = Instant.parse(cron.getStatus().getLastScheduleTime());
            if (last.isAfter(now.minus(TTL))) {
                String job = cron.getMetadata().getName() + "-" + last.getEpochSecond() / 60;
                event(cron, "Normal", "SuccessfulCreate", "Created job " + job)
                        .by("cronjob-controller", null)
                        .at(last, last, 1);
                event(cron, "Normal", "SawCompletedJob", "Saw completed job: " + job + ", condition: Complete")
                        .by("cronjob-controller", null)
                        .at(last.plusSeconds(100), last.plusSeconds(100), 1);
            }
        } else if (controller instanceof Deployment deployment && created.isAfter(now.minus(Duration.ofHours(12)))) {
            String replicaSet = built.controllers().stream()
                    .filter(c -> c.getKind().equals("ReplicaSet")
                            && c.getMetadata()
                                    .getNamespace()
                                    .equals(deployment.getMetadata().getNamespace())
                            && c.getMetadata()
                                    .getOwnerReferences()
                                    .get(0)
                                    .getUid()
                                    .equals(deployment.getMetadata().getUid()))
                    .reduce((first, second) -> second)
                    .map(c -> c.getMetadata().getName())
                    .orElseThrow();
            String message = "Scaled up replica set " + replicaSet + " from 0 to "
                    + deployment.getSpec().getReplicas();
            event(deployment, "Normal", "ScalingReplicaSet", message)
                    .by("deployment-controller", null)
                    .at(created, created, 1);
        }
    }

    /** How often a recurring event fired since {@code first}, at most once every {@code everyMinutes}. */
    private int recurring(Instant first, int everyMinutes) {
        return (int) Math.max(1, Duration.between(first, now).toMinutes() / everyMinutes);
    }

    private Draft kubelet(Pod pod, String fieldPath, String type, String reason, String message) {
        Draft draft =
                event(pod, type, reason, message).by("kubelet", pod.getSpec().getNodeName());
        draft.fieldPath = fieldPath;
        return draft;
    }

    private Draft event(HasMetadata involved, String type, String reason, String message) {
        return new Draft(involved, type, reason, message);
    }

    /** An event being written: what it is about, who reports it, then {@link #at} records it. */
    private final class Draft {
        private final HasMetadata involved;
        private final String type;
        private final String reason;
        private final String message;
        private String component;
        private String host;
        private String fieldPath;

        Draft(HasMetadata involved, String type, String reason, String message) {
            this.involved = involved;
            this.type = type;
            this.reason = reason;
            this.message = message;
        }

        Draft by(String component, String host) {
            this.component = component;
            this.host = host;
            return this;
        }

        void at(Instant first, Instant last, int count) {
            String namespace = involved.getMetadata().getNamespace();
            String name = involved.getMetadata().getName() + "."
                    + DemoIds.hex(DemoNamespaces.key(involved) + "/" + reason + "/" + message, 16);
            events.add(new EventBuilder()
                    .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(name)
                    .withUid(DemoIds.uid("Event/" + namespace + "/" + name))
                    .withCreationTimestamp(DemoIds.time(first))
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(involved.getApiVersion())
                    .withKind(involved.getKind())
                    .withNamespace(namespace)
                    .withName(involved.getMetadata().getName())
                    .withUid(involved.getMetadata().getUid())
                    .withFieldPath(fieldPath)
                    .endInvolvedObject()
                    .withType(type)
                    .withReason(reason)
                    .withMessage(message)
                    .withNewSource()
                    .withComponent(component)
                    .withHost(host)
                    .endSource()
                    .withReportingComponent(component)
                    .withReportingInstance(host == null ? "" : host)
                    .withFirstTimestamp(DemoIds.time(first))
                    .withLastTimestamp(DemoIds.time(last))
                    .withCount(count)
                    .build());
        }
    }
}
