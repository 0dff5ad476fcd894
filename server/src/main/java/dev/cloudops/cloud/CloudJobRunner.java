package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follows every running cloud job, once per fleet (a database lock), every {@code cloudops.cloud.poll-interval}:
 * asks the cloud where each stands and, when one ends, does what follows — records the cluster's new state and
 * baseline, registers a created cluster, removes a deleted one. Jobs live in the database, so any replica can
 * take over after a restart.
 */
@Component
class CloudJobRunner {

    private static final Logger log = LoggerFactory.getLogger(CloudJobRunner.class);

    private final CloudJobStore jobs;
    private final CloudClusterStore records;
    private final CloudAccountService accounts;
    private final CloudRegistrar registrar;
    private final CloudProperties properties;
    private final Clock clock;

    CloudJobRunner(
            CloudJobStore jobs,
            CloudClusterStore records,
            CloudAccountService accounts,
            CloudRegistrar registrar,
            CloudProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.records = records;
        this.accounts = accounts;
        this.registrar = registrar;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${cloudops.cloud.poll-interval:15s}",
            fixedDelayString = "${cloudops.cloud.poll-interval:15s}")
    @SchedulerLock(name = "cloud-job-poll", lockAtMostFor = "PT10M")
    void pollAll() {
        for (CloudJobStore.Row job : jobs.running()) {
            try {
                poll(job);
            } catch (RuntimeException e) {
                log.warn("Polling cloud job {} failed unexpectedly", job.view().id(), e);
            }
        }
    }

    void poll(CloudJobStore.Row job) {
        CloudJobView view = job.view();
        JobPayload payload = job.payload();
        Instant now = clock.instant();
        if (now.isAfter(view.createdAt().plus(properties.jobTimeout()))) {
            String message = "No end after " + properties.jobTimeout() + "; the cloud may still be working on it";
            recordFailure(view, payload, message, false);
            jobs.finish(view.id(), CloudJobView.Status.FAILED, view.phase(), message, "job-timeout", now);
            return;
        }
        CloudClusterProvider provider;
        CloudSession session;
        OperationProgress progress;
        try {
            provider = accounts.provider(view.accountId());
            session = accounts.session(view.accountId(), payload.region());
            progress = provider.poll(session, payload.operation());
        } catch (ApiException e) {
            if (e.status().is5xxServerError() || e.status().value() == 429) {
                jobs.polled(view.id(), view.phase(), now); // passing trouble: ask again next time
                return;
            }
            recordFailure(view, payload, e.getMessage(), false);
            jobs.finish(view.id(), CloudJobView.Status.FAILED, view.phase(), e.getMessage(), e.code(), now);
            return;
        }
        switch (progress.state()) {
            case RUNNING -> jobs.polled(view.id(), progress.phase(), now);
            case FAILED -> {
                String message =
                        progress.message() == null ? "The cloud reports the operation failed" : progress.message();
                recordFailure(view, payload, message, true);
                jobs.finish(
                        view.id(),
                        CloudJobView.Status.FAILED,
                        progress.phase(),
                        message,
                        "cloud-operation-failed",
                        now);
            }
            case SUCCEEDED -> {
                String message = complete(view, payload, provider, session);
                jobs.finish(view.id(), CloudJobView.Status.SUCCEEDED, progress.phase(), message, null, clock.instant());
            }
        }
    }

    /** What follows a successful operation; answers the job's closing message. */
    private String complete(
            CloudJobView view, JobPayload payload, CloudClusterProvider provider, CloudSession session) {
        CloudOperation op = payload.operation();
        CloudClusterStore.Row record = view.cloudClusterId() == null
                ? null
                : records.find(view.cloudClusterId()).orElse(null);
        if (record == null) {
            return "Done; the platform's record of " + op.cluster() + " is gone";
        }
        if (op.kind() == CloudOperation.OperationKind.DELETE_CLUSTER) {
            registrar.remove(record.view().clusterId());
            records.delete(record.view().id());
            return "Cluster " + op.cluster() + " deleted"
                    + (record.view().clusterId() == null
                            ? ""
                            : "; registry cluster " + record.view().clusterId() + " removed");
        }
        CloudCluster live = provider.describeCluster(session, op.cluster());
        var scope = op.kind() == CloudOperation.OperationKind.CREATE_CLUSTER
                ? (java.util.function.Predicate<String>) key -> true
                : DriftGuard.scopeOf(op);
        var baseline = DriftGuard.rebase(record.baseline(), live.settings(), scope);
        records.synced(record.view().id(), live, baseline, Drift.between(baseline, live.settings()), clock.instant());
        String done = describe(op) + "; the cluster is " + live.status();
        if (op.kind() != CloudOperation.OperationKind.CREATE_CLUSTER || !payload.register()) {
            return done;
        }
        try {
            var registration = registrar.register(
                    provider,
                    session,
                    live,
                    CloudRegistrar.registryName(payload.registryName(), op.cluster()),
                    payload.env(),
                    payload.tags());
            records.registered(
                    record.view().id(), registration.cluster().id(), registration.expiresAt(), clock.instant());
            return done + "; registered as cluster " + registration.cluster().id();
        } catch (ApiException e) {
            records.error(record.view().id(), "Not registered: " + e.getMessage(), clock.instant());
            return done + "; not registered (" + e.code() + "): " + e.getMessage();
        }
    }

    private static String describe(CloudOperation op) {
        String what = op.nodeGroup() == null ? "Cluster " + op.cluster() : "Node group " + op.nodeGroup();
        return switch (op.kind()) {
            case CREATE_CLUSTER, CREATE_NODE_GROUP -> what + " created";
            case UPDATE_CLUSTER, UPDATE_NODE_GROUP ->
                what + " updated" + (op.target() == null ? "" : " to " + op.target());
            case DELETE_CLUSTER, DELETE_NODE_GROUP -> what + " deleted";
        };
    }

    /**
     * Notes a failure on the cluster's record: a creation the cloud reports failed leaves a FAILED cluster; any
     * other failure leaves the status as the last sync saw it, with the reason.
     */
    private void recordFailure(CloudJobView job, JobPayload payload, String error, boolean cloudSaysFailed) {
        if (job.cloudClusterId() == null) {
            return;
        }
        if (cloudSaysFailed && payload.operation().kind() == CloudOperation.OperationKind.CREATE_CLUSTER) {
            records.status(job.cloudClusterId(), CloudStatus.FAILED, error, clock.instant());
        } else {
            records.error(job.cloudClusterId(), error, clock.instant());
        }
    }
}
