package dev.cloudops.demo;

import dev.cloudops.demo.DemoWorkload.PodState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs and CronJobs: a CronJob owns the Job of its last run, a Job owns its pods, one per attempt. */
final class DemoBatch {

    private final Instant now;
    private final List<HasMetadata> controllers;
    private final List<DemoPods.Plan> plans;

    DemoBatch(Instant now, List<HasMetadata> controllers, List<DemoPods.Plan> plans) {
        this.now = now;
        this.controllers = controllers;
        this.plans = plans;
    }

    void add(DemoWorkload w) {
        if (w.kind == DemoWorkload.Kind.JOB) {
            controllers.add(job(w, w.name, now.minus(w.age), null));
            return;
        }
        Instant created = now.minus(w.age);
        Instant last = w.suspended ? null : lastSchedule(w.schedule, now);
        var cron = new CronJobBuilder()
                .withMetadata(DemoWorkloads.meta(w, "CronJob", w.name, created, DemoWorkloads.labels(w)))
                .withNewSpec()
                .withSchedule(w.schedule)
                .withTimeZone("Etc/UTC")
                .withConcurrencyPolicy("Forbid")
                .withSuspend(w.suspended)
                .withStartingDeadlineSeconds(300L)
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(1)
                .withNewJobTemplate()
                .withNewMetadata()
                .withLabels(DemoWorkloads.labels(w))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(2)
                .withTemplate(DemoWorkloads.template(w, DemoWorkloads.labels(w)))
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
        if (last != null) {
            cron.setStatus(new CronJobStatusBuilder()
                    .withLastScheduleTime(DemoIds.time(last))
                    .withLastSuccessfulTime(DemoIds.time(last.plusSeconds(95)))
                    .build());
        }
        controllers.add(cron);
        if (last != null && !w.pods.isEmpty()) {
            String jobName = w.name + "-" + last.getEpochSecond() / 60;
            Job job = job(w, jobName, last, cron);
            job.getMetadata()
                    .setAnnotations(Map.of("batch.kubernetes.io/cronjob-scheduled-timestamp", DemoIds.time(last)));
            controllers.add(job);
            cron.getStatus()
                    .setActive(
                            w.pods.contains(PodState.RUNNING)
                                    ? List.of(new ObjectReferenceBuilder()
                                            .withApiVersion("batch/v1")
                                            .withKind("Job")
                                            .withNamespace(w.namespace)
                                            .withName(jobName)
                                            .build())
                                    : List.of());
        }
    }

    private Job job(DemoWorkload w, String name, Instant created, HasMetadata owner) {
        Map<String, String> podLabels = new LinkedHashMap<>(DemoWorkloads.labels(w));
        podLabels.put("batch.kubernetes.io/job-name", name);
        podLabels.put("job-name", name);
        int failed = (int) w.pods.stream().filter(s -> s == PodState.FAILED).count();
        int succeeded =
                (int) w.pods.stream().filter(s -> s == PodState.SUCCEEDED).count();
        int active = w.pods.size() - failed - succeeded;
        Instant finished = created.plusSeconds(40 + Math.floorMod(DemoIds.hash(name), 200));
        var job = new JobBuilder()
                .withMetadata(DemoWorkloads.meta(w, "Job", name, created, DemoWorkloads.labels(w)))
                .withNewSpec()
                .withCompletions(1)
                .withParallelism(1)
                .withBackoffLimit(failed > 0 ? failed - 1 : 6)
                .withCompletionMode("NonIndexed")
                .withSuspend(false)
                .withTemplate(DemoWorkloads.template(w, podLabels))
                .endSpec()
                .withNewStatus()
                .withStartTime(DemoIds.time(created))
                .withActive(active == 0 ? null : active)
                .withReady(active == 0 ? null : active)
                .withSucceeded(succeeded == 0 ? null : succeeded)
                .withFailed(failed == 0 ? null : failed)
                .withTerminating(0)
                .withNewUncountedTerminatedPods()
                .endUncountedTerminatedPods()
                .endStatus()
                .build();
        if (owner != null) {
            job.getMetadata().setOwnerReferences(List.of(DemoWorkloads.owner(owner)));
        }
        if (succeeded > 0) {
            job.getStatus().setCompletionTime(DemoIds.time(finished));
            job.getStatus()
                    .setConditions(List.of(
                            jobCondition("SuccessCriteriaMet", null, null, finished),
                            jobCondition("Complete", null, null, finished)));
        } else if (failed > 0 && active == 0) {
            String message = "Job has reached the specified backoff limit";
            job.getStatus()
                    .setConditions(List.of(
                            jobCondition("FailureTarget", "BackoffLimitExceeded", message, finished),
                            jobCondition("Failed", "BackoffLimitExceeded", message, finished)));
        }
        for (int i = 0; i < w.pods.size(); i++) {
            String podName = name + "-" + DemoIds.suffix(w.namespace + "/" + name + "/" + i, 5);
            plans.add(new DemoPods.Plan(
                    w,
                    podName,
                    i,
                    w.pods.get(i),
                    podLabels,
                    DemoWorkloads.owner(job),
                    DemoWorkloads.node(w, i),
                    created.plusSeconds(1 + i * 45L)));
        }
        return job;
    }

    private static JobCondition jobCondition(String type, String reason, String message, Instant at) {
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastProbeTime(DemoIds.time(at))
                .withLastTransitionTime(DemoIds.time(at))
                .build();
    }

    /**
     * The latest time at or before {@code now} that a five-field cron schedule fires. Supports what the catalogue uses
     * — {@code *}, {@code *}{@code /n} and plain numbers — and looks back at most eight days.
     */
    static Instant lastSchedule(String schedule, Instant now) {
        String[] fields = schedule.trim().split("\\s+");
        ZonedDateTime t = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 8 * 24 * 60; i++) {
            if (matches(fields[0], t.getMinute())
                    && matches(fields[1], t.getHour())
                    && matches(fields[2], t.getDayOfMonth())
                    && matches(fields[3], t.getMonthValue())
                    && matches(fields[4], t.getDayOfWeek().getValue() % 7)) {
                return t.toInstant();
            }
            t = t.minusMinutes(1);
        }
        return now.minus(Duration.ofDays(8));
    }

    private static boolean matches(String field, int value) {
        if (field.equals("*")) {
            return true;
        }
        if (field.startsWith("*/")) {
            return value % Integer.parseInt(field.substring(2)) == 0;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : field.split(",")) {
            values.add(Integer.parseInt(part));
        }
        return values.contains(value);
    }
}
