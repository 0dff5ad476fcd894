package dev.cloudops.container.logs;

import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.LogSource;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.ScheduleTiming;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.UserService;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Log schedules: save snapshots of the containers of a workload or label selector on an interval or a cron
 * schedule, every time or only after a container restarted. Creating, changing, running and deleting one needs
 * write access to its namespace, seeing one read access; one the caller may not read is answered like one that
 * does not exist. A due schedule runs once per fleet (ShedLock {@code log-schedules}, and each run claims its
 * schedule in the database), as its owner: with the grants that user holds at the time of the run. Each snapshot
 * is saved exactly as {@code POST …/logs/snapshots} saves one, with reason {@code schedule}.
 */
@Service
public class LogSchedules {

    private static final Logger log = LoggerFactory.getLogger(LogSchedules.class);

    static final int MAX_NAME = 128;
    static final int MAX_CONTAINERS = 20;
    static final int MAX_SELECTOR = 1024;
    static final int MAX_WORKLOAD = 320;
    static final int MAX_MESSAGE = 1024;
    private static final int BATCH = 50;

    /** When a schedule saves a container's log. */
    enum Trigger {
        /** At every run. */
        ALWAYS,
        /** Only when its restart count went up since the last run; then the log of the run that ended. */
        RESTART;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Trigger of(String value) {
            if (value == null || value.isBlank()) {
                return ALWAYS;
            }
            for (Trigger t : values()) {
                if (t.value().equalsIgnoreCase(value.strip())) {
                    return t;
                }
            }
            throw LogQuery.invalid("trigger", "trigger must be always or restart, not '" + value + "'");
        }
    }

    /** A schedule as a user writes it, for creating or replacing one. */
    @Schema(
            description = "A log snapshot schedule. Exactly one of workload and labelSelector; exactly one of"
                    + " interval and cron.")
    public record Spec(
            @Schema(description = "1 to 128 characters", example = "keep checkout crashes")
            String name,

            @Schema(
                    description = "deployments, statefulsets, daemonsets, replicasets or jobs, then /name",
                    example = "deployments/checkout")
            String workload,

            @Schema(description = "kubectl syntax", example = "app=checkout")
            String labelSelector,

            @Schema(description = "containers to save of each pod (at most 20); all when empty", example = "[\"app\"]")
            List<String> containers,

            @Schema(description = "1 minute to 30 days: 15m, 2h, PT30M", example = "5m")
            String interval,

            @Schema(description = "five fields or @hourly, @daily …", example = "*/10 * * * *")
            String cron,

            @Schema(description = "IANA zone of the cron expression; UTC when empty", example = "Europe/Berlin")
            String timeZone,

            @Schema(
                    description = "always (default) or restart",
                    allowableValues = {"always", "restart"},
                    example = "restart")
            String trigger,

            @Schema(description = "lines from the end (0 to 1,000,000)", example = "5000")
            Long tailLines,

            @Schema(description = "only lines of the last N seconds", example = "3600")
            Long sinceSeconds,

            @Schema(description = "stop after this many bytes (1 to 1 GiB)", example = "10485760")
            Long limitBytes,

            @Schema(description = "true when empty", example = "true")
            Boolean enabled) {}

    private final LogService logs;
    private final LogHistory history;
    private final LogScheduleStore store;
    private final LogSnapshotStore snapshots;
    private final AccessPolicy access;
    private final UserService users;
    private final int maxSources;
    private final Clock clock;

    LogSchedules(
            LogService logs,
            LogHistory history,
            LogScheduleStore store,
            LogSnapshotStore snapshots,
            AccessPolicy access,
            UserService users,
            CloudOpsProperties properties,
            Clock clock) {
        this.logs = logs;
        this.history = history;
        this.store = store;
        this.snapshots = snapshots;
        this.access = access;
        this.users = users;
        this.maxSources = properties.logs().maxSources();
        this.clock = clock;
    }

    /** Creates a schedule in a namespace; every check passes before anything is stored. */
    public LogSchedule create(long clusterId, String namespace, Spec spec) {
        LogSchedule checked = checked(clusterId, namespace, spec, null);
        return store.find(store.insert(checked)).orElseThrow();
    }

    /** A schedule the caller may read; 404 {@code schedule-not-found} otherwise. */
    public LogSchedule get(long id) {
        LogSchedule schedule = store.find(id).orElseThrow(() -> notFound(id));
        try {
            access.require(Action.READ, schedule.clusterId(), schedule.namespace());
        } catch (ApiException e) {
            throw notFound(id);
        }
        return schedule;
    }

    /** The schedules the caller may read, optionally of one cluster and namespace, oldest first. */
    public Page<LogSchedule> list(Long clusterId, String namespace, int page, int size) {
        if (namespace != null && !KubeNames.isDnsLabel(namespace)) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + namespace + "' is not a valid namespace name", "namespace");
        }
        List<Grant> readable = access.current().grants().stream()
                .filter(g -> g.role().covers(Action.READ.minimum()))
                .toList();
        var filter = new LogScheduleStore.Filter(readable, clusterId, namespace);
        return new Page<>(store.list(filter, Math.multiplyExact(page, size), size), page, size, store.count(filter));
    }

    /** Replaces a schedule's settings; the caller becomes its owner. Needs write access to its namespace. */
    public LogSchedule update(long id, Spec spec) {
        LogSchedule current = writable(id);
        LogSchedule checked = checked(current.clusterId(), current.namespace(), spec, current);
        store.update(checked);
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** Deletes a schedule; the snapshots it saved stay until retention removes them. */
    public void delete(long id) {
        writable(id);
        store.delete(id);
    }

    /** Runs a schedule now, as the caller, whether due or not; answers it with the outcome recorded. */
    public LogSchedule runNow(long id) {
        LogSchedule schedule = writable(id);
        store.recordRun(id, execute(schedule));
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** The snapshots a schedule saved, newest first. */
    public Page<LogSnapshot> snapshots(long id, int page, int size) {
        get(id);
        return new Page<>(
                snapshots.bySchedule(id, Math.multiplyExact(page, size), size),
                page,
                size,
                snapshots.countBySchedule(id));
    }

    /** Runs the due schedules, once per fleet, every {@code cloudops.logs.schedule-tick}. */
    @Scheduled(
            initialDelayString = "${cloudops.logs.schedule-tick:30s}",
            fixedDelayString = "${cloudops.logs.schedule-tick:30s}")
    @SchedulerLock(name = "log-schedules", lockAtMostFor = "PT30M")
    public void tick() {
        int ran = runDue();
        if (ran > 0) {
            log.info("Ran {} log schedules", ran);
        }
    }

    /**
     * Runs every schedule that is due now, each as its owner, and records how each went; answers how many ran.
     * A schedule is claimed first (its next run moved on in the database), so two callers never run the same
     * one.
     */
    public int runDue() {
        Instant now = clock.instant();
        int ran = 0;
        List<LogSchedule> due;
        do {
            due = store.due(now.toEpochMilli(), BATCH);
            for (LogSchedule s : due) {
                Instant next;
                LogScheduleStore.Outcome broken = null;
                try {
                    next = timing(s).next(now, now);
                } catch (ApiException e) {
                    next = null; // a timing that no longer reads (or never fires again) stops the schedule
                    broken = failed("its timing is not valid any more: " + e.getMessage());
                }
                if (store.claim(s.id(), s.nextRunAt().toEpochMilli(), next == null ? null : next.toEpochMilli())) {
                    store.recordRun(s.id(), broken != null ? broken : asOwner(s));
                    ran++;
                }
            }
        } while (due.size() == BATCH);
        return ran;
    }

    private LogScheduleStore.Outcome asOwner(LogSchedule s) {
        UserService.UserView owner;
        try {
            owner = users.get(s.ownerId());
        } catch (ApiException e) {
            return failed(
                    "user-not-found".equals(e.code())
                            ? "its owner " + s.owner() + " no longer exists"
                            : "its owner " + s.owner() + " could not be read: " + e.getMessage());
        }
        if (owner.disabled()) {
            return failed("its owner " + s.owner() + " is disabled");
        }
        return access.runAs(new CurrentUser(owner.id(), owner.username(), owner.grants()), () -> execute(s));
    }

    /** One run under the current identity: never throws; what went wrong is in the outcome. */
    private LogScheduleStore.Outcome execute(LogSchedule s) {
        try {
            return saveAll(s);
        } catch (ApiException e) {
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Log schedule {} failed", s.id(), e);
            return failed("unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    private LogScheduleStore.Outcome saveAll(LogSchedule s) {
        List<LogSource> pods = logs.sources(s.clusterId(), s.namespace(), s.labelSelector(), s.workload());
        List<String[]> targets = new ArrayList<>();
        for (LogSource pod : pods) {
            for (String c : pod.containers()) {
                if (s.containers().isEmpty() || s.containers().contains(c)) {
                    targets.add(new String[] {pod.pod(), c});
                }
            }
        }
        if (targets.size() > maxSources) {
            return failed(targets.size() + " containers selected; at most " + maxSources + " can be saved per run");
        }
        Map<String, LogSource> byPod = new HashMap<>();
        pods.forEach(p -> byPod.put(p.pod(), p));
        boolean restart = Trigger.RESTART.value().equals(s.trigger());
        Map<String, Integer> seen = restart ? store.restarts(s.id()) : Map.of();
        Map<String, Integer> remember = new HashMap<>();
        int saved = 0;
        int notStarted = 0;
        int unchanged = 0;
        List<String> errors = new ArrayList<>();
        for (String[] t : targets) {
            String key = t[0] + "/" + t[1];
            String note = "schedule " + s.id() + " (" + s.name() + ")";
            LogQuery query = new LogQuery(s.tailLines(), s.sinceSeconds(), null, true, false, s.limitBytes());
            Integer restarts = null;
            if (restart) {
                LogSource.ContainerState state = byPod.get(t[0]).states().get(t[1]);
                if (state == null || state.restarts() <= seen.getOrDefault(key, 0)) {
                    if (state != null) {
                        remember.put(key, state.restarts());
                    }
                    unchanged++;
                    continue;
                }
                restarts = state.restarts();
                query = new LogQuery(s.tailLines(), s.sinceSeconds(), null, true, true, s.limitBytes());
                note += ": restart " + restarts
                        + (state.lastTermination() == null ? "" : ", " + state.lastTermination())
                        + (state.waiting() == null ? "" : ", now " + state.waiting());
            }
            if (note.length() > LogHistory.MAX_NOTE) {
                note = note.substring(0, LogHistory.MAX_NOTE);
            }
            try {
                history.saveScheduled(s.clusterId(), s.namespace(), t[0], t[1], query, note, s.id());
                saved++;
                if (restarts != null) {
                    remember.put(key, restarts);
                }
            } catch (ApiException e) {
                if ("container-not-ready".equals(e.code())) {
                    notStarted++; // no log (or no previous run) to keep: nothing will come of trying again
                    if (restarts != null) {
                        remember.put(key, restarts);
                    }
                } else {
                    errors.add(key + ": " + e.getMessage()); // not remembered, so the next run tries again
                }
            }
        }
        if (restart) {
            store.replaceRestarts(s.id(), remember);
        }
        return outcome(pods.size(), targets.size(), saved, notStarted, unchanged, errors, restart);
    }

    private LogScheduleStore.Outcome outcome(
            int pods, int containers, int saved, int notStarted, int unchanged, List<String> errors, boolean restart) {
        String result = !errors.isEmpty() ? (saved > 0 ? "partial" : "failed") : saved > 0 ? "ok" : "nothing";
        StringBuilder message = new StringBuilder();
        if (pods == 0) {
            message.append("no pods selected");
        } else {
            message.append("saved ")
                    .append(saved)
                    .append(" of ")
                    .append(containers)
                    .append(" containers in ")
                    .append(pods)
                    .append(pods == 1 ? " pod" : " pods");
            if (restart && unchanged > 0) {
                message.append("; ").append(unchanged).append(" not restarted since the last run");
            }
            if (notStarted > 0) {
                message.append("; ").append(notStarted).append(restart ? " without a previous run" : " not started");
            }
            if (!errors.isEmpty()) {
                message.append("; ").append(errors.size()).append(" failed: ").append(String.join("; ", errors));
            }
        }
        return new LogScheduleStore.Outcome(clock.instant(), result, cut(message.toString()), saved);
    }

    private LogScheduleStore.Outcome failed(String message) {
        return new LogScheduleStore.Outcome(clock.instant(), "failed", cut(message), 0);
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private LogSchedule writable(long id) {
        LogSchedule schedule = get(id);
        access.require(Action.WRITE, schedule.clusterId(), schedule.namespace());
        return schedule;
    }

    /**
     * A schedule from what the user wrote, every check made: the namespace writable, each field within its bounds,
     * the workload (or the namespace of a label selector) present in the cluster.
     */
    private LogSchedule checked(long clusterId, String namespace, Spec spec, LogSchedule current) {
        logs.checkNamespace(clusterId, namespace, Action.WRITE);
        if (spec == null) {
            throw ApiException.badRequest("invalid-parameter", "a schedule needs a body", "name");
        }
        String name = spec.name() == null ? "" : spec.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw LogQuery.invalid("name", "name must be 1 to " + MAX_NAME + " printable characters");
        }
        List<String> containers = containers(spec.containers());
        ScheduleTiming timing = ScheduleTiming.of(spec.interval(), spec.cron(), spec.timeZone());
        Trigger trigger = Trigger.of(spec.trigger());
        LogQuery query = LogQuery.of(spec.tailLines(), spec.sinceSeconds(), null, true, false, spec.limitBytes());
        String selector = blankToNull(spec.labelSelector());
        String workload = blankToNull(spec.workload());
        if (selector != null && selector.length() > MAX_SELECTOR) {
            throw LogQuery.invalid("labelSelector", "labelSelector must be at most " + MAX_SELECTOR + " characters");
        }
        if (workload != null && workload.length() > MAX_WORKLOAD) {
            throw ApiException.badRequest(
                    "invalid-workload", "workload must be at most " + MAX_WORKLOAD + " characters", "workload");
        }
        logs.checkTarget(clusterId, namespace, selector, workload, Action.WRITE);
        logs.checkTargetExists(clusterId, namespace, selector, workload);
        boolean enabled = spec.enabled() == null || spec.enabled();
        Instant now = clock.instant();
        Instant next = enabled ? timing.next(now, current == null ? null : current.lastRunAt()) : null;
        CurrentUser me = access.current();
        return new LogSchedule(
                current == null ? 0 : current.id(),
                clusterId,
                namespace,
                name,
                workload,
                selector,
                containers,
                timing.intervalText(),
                timing.cron(),
                timing.zone().getId(),
                trigger.value(),
                query.tailLines(),
                query.sinceSeconds(),
                query.limitBytes(),
                enabled,
                me.username(),
                current == null ? now : current.createdAt(),
                now,
                next,
                null,
                null,
                null,
                null,
                me.id());
    }

    private static List<String> containers(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_CONTAINERS) {
            throw LogQuery.invalid("containers", "at most " + MAX_CONTAINERS + " containers, not " + given.size());
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String c : given) {
            if (c == null || !KubeNames.isDnsLabel(c)) {
                throw ApiException.badRequest(
                        "invalid-name", "'" + c + "' is not a valid container name", "containers");
            }
            names.add(c);
        }
        return List.copyOf(names);
    }

    private static ScheduleTiming timing(LogSchedule s) {
        return ScheduleTiming.of(s.interval(), s.cron(), s.timeZone());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("schedule-not-found", "There is no log schedule " + id);
    }
}
