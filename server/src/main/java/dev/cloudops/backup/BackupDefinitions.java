package dev.cloudops.backup;

import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.selector.InvalidSelectorException;
import dev.cloudops.kube.selector.LabelSelector;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobRun;
import dev.cloudops.platform.jobs.Jobs;
import dev.cloudops.platform.jobs.ScheduleTiming;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.UserService;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Backup definitions and their runs: create, change, delete, run now, and the schedules. Managing a definition
 * and running it needs the operator role on its whole cluster (a grant without namespace): a backup reads every
 * object of its scope, Secrets and cluster-wide objects included. Seeing one needs the viewer role on the whole
 * cluster; one on a cluster the caller holds no grant on does not exist for them (404).
 *
 * <p>Due schedules run once per fleet (ShedLock {@code backup-schedules}; each run also claims its definition in
 * the database), as the definition's owner: the owner must still exist, be enabled and hold the operator role on
 * the whole cluster, or the run fails and says why. Retention (count and age) is applied after every backup and
 * on every tick.
 */
@Service
public class BackupDefinitions {

    private static final Logger log = LoggerFactory.getLogger(BackupDefinitions.class);
    static final String JOB_KIND = "backup";
    private static final int MAX_NAME = 128;

    private final BackupStore store;
    private final BackupAccess access;
    private final ArchiveKeys keys;
    private final BackupRunner runner;
    private final Jobs jobs;
    private final UserService users;
    private final Clock clock;

    BackupDefinitions(
            BackupStore store,
            BackupAccess access,
            ArchiveKeys keys,
            BackupRunner runner,
            Jobs jobs,
            UserService users,
            Clock clock) {
        this.store = store;
        this.access = access;
        this.keys = keys;
        this.runner = runner;
        this.jobs = jobs;
        this.users = users;
        this.clock = clock;
    }

    /** Creates a definition; every check passes before anything is stored. */
    public BackupDefinition create(DefinitionRequest request, String passphrase) {
        if (request == null || request.clusterId() == null) {
            throw BackupProblems.invalid("invalid-field", "clusterId", "clusterId is required");
        }
        long clusterId = request.clusterId();
        access.requireCluster(Action.WRITE, clusterId);
        CurrentUser caller = access.caller();
        Encryption encryption = request.encryption() == null ? Encryption.PLATFORM : request.encryption();
        Instant now = clock.instant();
        BackupDefinition draft = checked(
                new BackupDefinition(
                        0,
                        null,
                        clusterId,
                        null,
                        null,
                        "UTC",
                        null,
                        null,
                        true,
                        encryption,
                        null,
                        null,
                        null,
                        caller.id(),
                        caller.username(),
                        now,
                        now,
                        null),
                request);
        if (encryption == Encryption.PASSPHRASE) {
            ArchiveKeys.PassphraseKeys pair = keys.create(passphrase);
            draft = withKeys(draft, pair);
        } else if (passphrase != null && !passphrase.isEmpty()) {
            throw BackupProblems.invalid(
                    "invalid-field", "encryption", "a passphrase was sent but encryption is not PASSPHRASE");
        }
        return store.findDefinition(store.insertDefinition(draft)).orElseThrow();
    }

    public BackupDefinition get(long id) {
        BackupDefinition d = store.findDefinition(id).orElseThrow(() -> BackupProblems.definitionNotFound(id));
        access.requireVisible(Action.READ, d.clusterId(), () -> BackupProblems.definitionNotFound(id));
        return d;
    }

    /** The definitions the caller may see, optionally of one cluster, by name. */
    public Page<BackupDefinition> list(Long clusterId, int page, int size) {
        List<Long> clusters = access.readableClusters(clusterId);
        return new Page<>(
                store.definitions(clusters, Math.multiplyExact(page, size), size),
                page,
                size,
                store.countDefinitions(clusters));
    }

    /** Changes a definition; the caller becomes its owner. */
    public BackupDefinition update(long id, DefinitionRequest request) {
        BackupDefinition current = writable(id);
        if (request != null && request.clusterId() != null && request.clusterId() != current.clusterId()) {
            throw BackupProblems.invalid("invalid-field", "clusterId", "a definition's cluster cannot change");
        }
        if (request != null && request.encryption() != null && request.encryption() != current.encryption()) {
            throw BackupProblems.invalid("invalid-field", "encryption", "a definition's encryption cannot change");
        }
        CurrentUser caller = access.caller();
        BackupDefinition changed = checked(
                new BackupDefinition(
                        id,
                        current.name(),
                        current.clusterId(),
                        current.scope(),
                        current.cron(),
                        current.timeZone(),
                        current.keepCount(),
                        current.keepSeconds(),
                        current.enabled(),
                        current.encryption(),
                        current.kdf(),
                        current.publicKey(),
                        current.privateKeySealed(),
                        caller.id(),
                        caller.username(),
                        current.createdAt(),
                        clock.instant(),
                        current.nextRunAt()),
                request == null
                        ? new DefinitionRequest(null, null, null, null, null, null, null, null, null)
                        : request);
        store.updateDefinition(changed);
        return store.findDefinition(id).orElseThrow();
    }

    /**
     * Deletes a definition. Its backups go with it only when {@code withBackups}; otherwise a definition that
     * still has backups is refused (409 {@code definition-has-backups}).
     */
    public void delete(long id, boolean withBackups) {
        writable(id);
        if (store.countRunning(id) > 0) {
            throw ApiException.conflict(
                    "backup-not-ready",
                    "A backup of definition " + id + " is running; delete it when it is done",
                    "id");
        }
        List<Backup> kept = store.finishedOf(id);
        if (!kept.isEmpty() && !withBackups) {
            throw ApiException.conflict(
                    "definition-has-backups",
                    "Definition " + id + " still has " + kept.size() + " backups; delete them first or pass"
                            + " withBackups=true",
                    "withBackups");
        }
        for (Backup b : kept) {
            runner.remove(b);
        }
        store.deleteDefinition(id);
    }

    /** Starts a backup of the definition now, as the caller; answers the job. */
    public JobRun run(long id) {
        BackupDefinition d = writable(id);
        return start(d, "MANUAL", access.caller().username());
    }

    private JobRun start(BackupDefinition d, String trigger, String by) {
        var dataKey = ArchiveKeys.newDataKey();
        Instant now = clock.instant();
        String storageKey = d.id() + "/" + now.toEpochMilli() + "-" + java.util.UUID.randomUUID();
        Backup draft = new Backup(
                0,
                d.id(),
                d.clusterId(),
                Backup.RUNNING,
                trigger,
                null,
                d.encryption(),
                keys.seal(dataKey, d),
                storageKey,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                by,
                now,
                null);
        long backupId = store.insertBackup(draft);
        Backup backup = store.findBackup(backupId).orElseThrow();
        long jobId = jobs.start(JOB_KIND, backupId, d.clusterId(), by, job -> {
            runner.run(job, d, backup, dataKey);
            applyRetention(d.id());
        });
        store.setJob(backupId, jobId);
        return jobs.find(jobId).orElseThrow();
    }

    /** Runs the due schedules and applies retention, once per fleet. */
    @Scheduled(
            initialDelayString = "${cloudops.backups.schedule-tick:30s}",
            fixedDelayString = "${cloudops.backups.schedule-tick:30s}")
    @SchedulerLock(name = "backup-schedules", lockAtMostFor = "PT10M")
    public void tick() {
        runDue();
        for (Backup orphan : store.orphaned()) {
            runner.deleteFiles(orphan.storageKey());
            store.failed(orphan.id(), "The backup job stopped before it completed", clock.millis());
        }
        for (long id : store.withRetention()) {
            applyRetention(id);
        }
    }

    /** Starts every due definition's backup, each claimed first; answers how many started. */
    public int runDue() {
        Instant now = clock.instant();
        int started = 0;
        for (BackupDefinition d : store.due(now.toEpochMilli(), 100)) {
            Instant next = nextRun(d, now);
            if (!store.claim(d.id(), d.nextRunAt().toEpochMilli(), next == null ? null : next.toEpochMilli())) {
                continue;
            }
            String refused = ownerRefusal(d);
            if (refused != null) {
                log.warn("Backup definition {} was not run: {}", d.id(), refused);
                long id = store.insertBackup(new Backup(
                        0,
                        d.id(),
                        d.clusterId(),
                        Backup.FAILED,
                        "SCHEDULE",
                        null,
                        d.encryption(),
                        null,
                        d.id() + "/not-run",
                        0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null,
                        d.owner(),
                        now,
                        null));
                store.failed(id, "Scheduled backup not run: " + refused, clock.millis());
                continue;
            }
            start(d, "SCHEDULE", d.owner());
            started++;
        }
        return started;
    }

    /** Why the owner may not run the definition now, or null when they may. */
    private String ownerRefusal(BackupDefinition d) {
        UserService.UserView owner;
        try {
            owner = users.get(d.ownerId());
        } catch (ApiException e) {
            return "its owner " + d.owner() + " no longer exists";
        }
        if (owner.disabled()) {
            return "its owner " + d.owner() + " is disabled";
        }
        boolean allowed = owner.grants().stream().anyMatch(g -> g.allows(Action.WRITE, d.clusterId(), null));
        return allowed ? null : "its owner " + d.owner() + " is no longer operator on the whole cluster";
    }

    /** Deletes the definition's backups beyond its count and older than its age (never a running one). */
    void applyRetention(long definitionId) {
        BackupDefinition d = store.findDefinition(definitionId).orElse(null);
        if (d == null || (d.keepCount() == null && d.keepSeconds() == null)) {
            return;
        }
        Instant oldest = d.keepSeconds() == null ? null : clock.instant().minusSeconds(d.keepSeconds());
        List<Backup> finished = store.finishedOf(definitionId);
        for (int i = 0; i < finished.size(); i++) {
            Backup b = finished.get(i);
            boolean beyondCount = d.keepCount() != null && i >= d.keepCount();
            boolean tooOld = oldest != null && b.createdAt().isBefore(oldest);
            if (beyondCount || tooOld) {
                runner.remove(b);
            }
        }
    }

    BackupDefinition writable(long id) {
        BackupDefinition d = get(id);
        access.requireCluster(Action.WRITE, d.clusterId());
        return d;
    }

    private Instant nextRun(BackupDefinition d, Instant after) {
        if (d.cron() == null || !d.enabled()) {
            return null;
        }
        return ScheduleTiming.of(null, d.cron(), d.timeZone()).next(after, null);
    }

    /** The definition with the request's fields applied, every one checked. */
    private BackupDefinition checked(BackupDefinition base, DefinitionRequest r) {
        String name = r.name() != null ? r.name().strip() : base.name();
        if (name == null
                || name.isEmpty()
                || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw BackupProblems.invalid(
                    "invalid-name", "name", "name must be 1 to " + MAX_NAME + " printable characters");
        }
        if (store.nameTaken(base.clusterId(), name, base.id() == 0 ? null : base.id())) {
            throw ApiException.conflict(
                    "duplicate-definition-name",
                    "A backup definition named " + name + " exists on this cluster",
                    "name");
        }
        Scope scope = r.scope() != null
                ? r.scope()
                : base.scope() != null ? base.scope() : new Scope(null, null, null, null, null, null, null, null);
        checkScope(scope);
        String cron = r.cron() != null ? (r.cron().isBlank() ? null : r.cron().strip()) : base.cron();
        String zone = r.timeZone() != null ? r.timeZone().strip() : base.timeZone();
        zone = ScheduleTiming.of(null, cron != null ? cron : "@daily", zone)
                .zone()
                .getId();
        Integer keepCount = r.keepCount() != null ? r.keepCount() : base.keepCount();
        if (keepCount != null && (keepCount < 1 || keepCount > 1000)) {
            throw BackupProblems.invalid("invalid-retention", "keepCount", "keepCount must be 1 to 1000");
        }
        Long keepSeconds = r.keepFor() != null ? keepFor(r.keepFor()) : base.keepSeconds();
        boolean enabled = r.enabled() != null ? r.enabled() : base.enabled();
        Instant now = clock.instant();
        Instant next = cron == null || !enabled
                ? null
                : ScheduleTiming.of(null, cron, zone).next(now, null);
        return new BackupDefinition(
                base.id(),
                name,
                base.clusterId(),
                scope,
                cron,
                zone,
                keepCount,
                keepSeconds,
                enabled,
                base.encryption(),
                base.kdf(),
                base.publicKey(),
                base.privateKeySealed(),
                base.ownerId(),
                base.owner(),
                base.createdAt(),
                base.updatedAt(),
                next);
    }

    private static Long keepFor(String text) {
        if (text.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = DurationStyle.detectAndParse(
                    text.strip().toLowerCase(Locale.ROOT).startsWith("p")
                            ? text.strip().toUpperCase(Locale.ROOT)
                            : text.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw BackupProblems.invalid(
                    "invalid-retention", "keepFor", "keepFor must be a duration such as 30d or PT36H");
        }
        if (d.compareTo(Duration.ofHours(1)) < 0 || d.compareTo(Duration.ofDays(36_500)) > 0) {
            throw BackupProblems.invalid(
                    "invalid-retention", "keepFor", "keepFor must be between 1 hour and 100 years");
        }
        return d.toSeconds();
    }

    static void checkScope(Scope scope) {
        for (String ns : scope.namespaces()) {
            if (!KubeNames.isDnsLabel(ns)) {
                throw BackupProblems.invalid(
                        "invalid-namespace", "scope.namespaces", "'" + ns + "' is not a valid namespace name");
            }
        }
        for (String kind : concat(scope.kinds(), scope.excludeKinds())) {
            if (kind == null || !kind.matches("[A-Za-z0-9][-A-Za-z0-9.]{0,252}")) {
                throw BackupProblems.invalid("unknown-kind", "scope.kinds", "'" + kind + "' is not a kind name");
            }
        }
        try {
            LabelSelector.parse(scope.labelSelector());
        } catch (InvalidSelectorException e) {
            throw BackupProblems.invalid("invalid-selector", "scope.labelSelector", e.getMessage());
        }
        for (int i = 0; i < scope.include().size(); i++) {
            scope.include().get(i).check("scope.include[" + i + "]");
        }
        for (int i = 0; i < scope.exclude().size(); i++) {
            scope.exclude().get(i).check("scope.exclude[" + i + "]");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static BackupDefinition withKeys(BackupDefinition d, ArchiveKeys.PassphraseKeys pair) {
        return new BackupDefinition(
                d.id(),
                d.name(),
                d.clusterId(),
                d.scope(),
                d.cron(),
                d.timeZone(),
                d.keepCount(),
                d.keepSeconds(),
                d.enabled(),
                d.encryption(),
                pair.kdf(),
                pair.publicKey(),
                pair.privateKeySealed(),
                d.ownerId(),
                d.owner(),
                d.createdAt(),
                d.updatedAt(),
                d.nextRunAt());
    }
}
