package dev.cloudops.cloud;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.audit.AuditEvent;
import dev.cloudops.platform.audit.AuditService;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobContext;
import dev.cloudops.platform.jobs.JobRun;
import dev.cloudops.platform.jobs.Jobs;
import dev.cloudops.platform.jobs.ScheduleTiming;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.UserService;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Cross-cluster sync on a schedule. Whoever creates, changes, deletes or runs a schedule must be allowed to do by
 * hand what it does: read every object on the source and write it on every target (in the target namespace when
 * one is named). Runs are jobs ({@code cloud-sync}) with a per-object report, started once per fleet (ShedLock
 * {@code cloud-sync-schedules}; each run also claims its schedule in the database) and run as the schedule's owner
 * with the owner's grants at run time, so a revoked grant stops the copies it covered. Each run is audited.
 */
@Service
public class SyncSchedules {

    static final String JOB_KIND = "cloud-sync";
    private static final Logger log = LoggerFactory.getLogger(SyncSchedules.class);
    private static final int MAX_NAME = 128;

    private final SyncScheduleStore store;
    private final ClusterSyncService sync;
    private final ClusterService clusters;
    private final AccessPolicy access;
    private final UserService users;
    private final Jobs jobs;
    private final AuditService audit;
    private final Clock clock;

    SyncSchedules(
            SyncScheduleStore store,
            ClusterSyncService sync,
            ClusterService clusters,
            AccessPolicy access,
            UserService users,
            Jobs jobs,
            AuditService audit,
            Clock clock) {
        this.store = store;
        this.sync = sync;
        this.clusters = clusters;
        this.access = access;
        this.users = users;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    public SyncSchedule create(SyncScheduleRequest request) {
        SyncSchedule draft = checked(null, request);
        long id = store.insert(draft);
        return store.find(id).orElseThrow();
    }

    /** Replaces a schedule as a whole; the caller becomes its owner. */
    public SyncSchedule update(long id, SyncScheduleRequest request) {
        SyncSchedule current = manageable(id);
        store.update(checked(current, request));
        return store.find(id).orElseThrow();
    }

    public void delete(long id) {
        manageable(id);
        store.delete(id);
        jobs.forget(JOB_KIND, id);
    }

    /** One schedule; one whose source cluster the caller cannot see does not exist for them. */
    public SyncSchedule get(long id) {
        SyncSchedule s = store.find(id).orElseThrow(() -> notFound(id));
        if (!access.canSee(s.sourceClusterId())) {
            throw notFound(id);
        }
        return s;
    }

    /** The schedules whose source cluster the caller can see, by name. */
    public Page<SyncSchedule> list(int page, int size) {
        List<Long> visible =
                clusters.visibleClusters().stream().map(ClusterView::id).toList();
        return new Page<>(store.list(visible, Math.multiplyExact(page, size), size), page, size, store.count(visible));
    }

    /** Runs a schedule now as the caller, whatever its timing; answers the job. */
    public JobRun runNow(long id) {
        SyncSchedule s = manageable(id);
        CurrentUser caller = access.current();
        return jobs.find(start(s, caller, "manual")).orElseThrow();
    }

    /** The schedule's runs, newest first. */
    public Page<JobRun> runs(long id, int page, int size) {
        get(id);
        return jobs.bySubject(List.of(JOB_KIND), id, page, size);
    }

    /** One run's per-object report; {@code outcome} keeps one result (CREATED, FAILED …). */
    public Page<JobRun.Item> report(long id, long jobId, String outcome, int page, int size) {
        get(id);
        JobRun run = jobs.find(jobId)
                .filter(j -> JOB_KIND.equals(j.kind()) && Long.valueOf(id).equals(j.subjectId()))
                .orElseThrow(() -> ApiException.notFound("job-not-found", "Schedule " + id + " has no run " + jobId));
        return jobs.items(run.id(), outcome, page, size);
    }

    /** Starts the due schedules, once per fleet. */
    @Scheduled(
            initialDelayString = "${cloudops.cloud.sync-tick:30s}",
            fixedDelayString = "${cloudops.cloud.sync-tick:30s}")
    @SchedulerLock(name = "cloud-sync-schedules", lockAtMostFor = "PT10M")
    public void tick() {
        runDue();
    }

    /** Starts every due schedule, each claimed first; answers how many started. */
    public int runDue() {
        Instant now = clock.instant();
        int started = 0;
        for (SyncSchedule s : store.due(now.toEpochMilli(), 100)) {
            Instant next = timing(s).next(now, now);
            if (!store.claim(s.id(), s.nextRunAt().toEpochMilli(), next == null ? null : next.toEpochMilli())) {
                continue;
            }
            CurrentUser owner;
            try {
                owner = owner(s);
            } catch (ApiException e) {
                log.warn("Sync schedule {} was not run: {}", s.id(), e.getMessage());
                long jobId = jobs.start(JOB_KIND, s.id(), s.sourceClusterId(), s.owner(), job -> {
                    throw e;
                });
                store.ran(s.id(), now.toEpochMilli(), jobId);
                continue;
            }
            start(s, owner, "schedule");
            started++;
        }
        return started;
    }

    private long start(SyncSchedule s, CurrentUser as, String trigger) {
        long jobId = jobs.start(JOB_KIND, s.id(), s.sourceClusterId(), as.username(), job -> run(job, s, as, trigger));
        store.ran(s.id(), clock.millis(), jobId);
        return jobId;
    }

    private void run(JobContext job, SyncSchedule s, CurrentUser as, String trigger) {
        long started = System.nanoTime();
        job.phase("copying");
        job.total((long) s.objects().size() * s.targetClusterIds().size());
        ClusterSyncService.SyncReport report;
        try {
            report = access.runAs(as, () -> sync.sync(s.request()));
        } catch (ApiException e) {
            record(s, as, trigger, "failure", e.status().value(), started, e.code() + ": " + e.getMessage());
            throw e;
        }
        for (ClusterSyncService.ObjectResult r : report.results()) {
            String subject = "cluster " + r.targetClusterId() + " " + r.kind() + " "
                    + (r.namespace() == null ? "" : r.namespace() + "/") + r.name();
            boolean failed = "FAILED".equals(r.result());
            job.item(subject, r.result(), failed ? r.error() + ": " + r.detail() : null, failed);
            job.advance(1);
        }
        job.result(Map.of("copied", report.copied(), "failed", report.failed()));
        record(
                s,
                as,
                trigger,
                report.failed() == 0 ? "success" : "failure",
                200,
                started,
                report.copied() + " copied, " + report.failed() + " failed, to clusters " + s.targetClusterIds());
    }

    private void record(
            SyncSchedule s,
            CurrentUser as,
            String trigger,
            String result,
            int status,
            long startedNanos,
            String detail) {
        audit.record(new AuditEvent(
                null,
                clock.instant(),
                as.username(),
                "cloud.sync." + trigger,
                "JOB",
                "/api/k8s/cloud/sync/schedules/" + s.id(),
                s.sourceClusterId(),
                null,
                result,
                status,
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
                null,
                detail));
    }

    /** The owner as they are now; {@code 409 schedule-owner-unavailable} when gone or disabled. */
    private CurrentUser owner(SyncSchedule s) {
        UserService.UserView owner;
        try {
            owner = users.get(s.ownerId());
        } catch (ApiException e) {
            throw ownerUnavailable(s, "no longer exists");
        }
        if (owner.disabled()) {
            throw ownerUnavailable(s, "is disabled");
        }
        return new CurrentUser(owner.id(), owner.username(), owner.grants());
    }

    private static ApiException ownerUnavailable(SyncSchedule s, String why) {
        return ApiException.conflict(
                "schedule-owner-unavailable",
                "Scheduled sync " + s.name() + " was not run: its owner " + s.owner() + " " + why,
                "owner");
    }

    /** A schedule the caller may change: they could run its copies by hand. */
    private SyncSchedule manageable(long id) {
        SyncSchedule s = get(id);
        authorise(s.request());
        return s;
    }

    /** Everything checked, authorised and computed before anything is stored. */
    private SyncSchedule checked(SyncSchedule current, SyncScheduleRequest r) {
        if (r == null) {
            throw ApiException.badRequest("invalid-field", "A schedule is required", "body");
        }
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(
                    "invalid-name", "name must be 1 to " + MAX_NAME + " printable characters", "name");
        }
        var checked = ClusterSyncService.check(r.syncRequest());
        ScheduleTiming timing = ScheduleTiming.of(r.interval(), r.cron(), r.timeZone());
        authorise(r.syncRequest());
        if (store.nameTaken(name, current == null ? null : current.id())) {
            throw ApiException.conflict("duplicate-schedule-name", "A sync schedule named " + name + " exists", "name");
        }
        CurrentUser caller = access.current();
        boolean enabled = r.enabled() == null || r.enabled();
        Instant now = clock.instant();
        Instant lastRun = current == null ? null : current.lastRunAt();
        return new SyncSchedule(
                current == null ? 0 : current.id(),
                name,
                checked.source(),
                checked.objects(),
                checked.targets(),
                blankToNull(r.targetNamespace()),
                timing.intervalText(),
                timing.cron(),
                timing.zone().getId(),
                enabled,
                caller.id(),
                caller.username(),
                current == null ? now : current.createdAt(),
                now,
                enabled ? timing.next(now, lastRun) : null,
                lastRun,
                current == null ? null : current.lastJobId());
    }

    /** The caller may read every object on the source and write it on every target. */
    private void authorise(ClusterSyncService.SyncRequest request) {
        clusters.get(request.sourceClusterId());
        for (long target : request.targetClusterIds()) {
            clusters.get(target);
        }
        String targetNamespace = blankToNull(request.targetNamespace());
        for (ClusterSyncService.ObjectRef ref : request.objects()) {
            String namespace = blankToNull(ref.namespace());
            access.require(Action.READ, request.sourceClusterId(), namespace);
            for (long target : request.targetClusterIds()) {
                access.require(
                        Action.WRITE,
                        target,
                        namespace == null ? null : targetNamespace != null ? targetNamespace : namespace);
            }
        }
    }

    private static ScheduleTiming timing(SyncSchedule s) {
        return ScheduleTiming.of(s.interval(), s.cron(), s.timeZone());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() || "_".equals(text) ? null : text.strip();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("sync-schedule-not-found", "No sync schedule " + id);
    }
}
