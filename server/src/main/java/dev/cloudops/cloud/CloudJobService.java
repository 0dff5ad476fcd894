package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Role;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import org.springframework.stereotype.Service;

/** Starts cloud jobs and shows them; {@link CloudJobRunner} follows them to their end. */
@Service
public class CloudJobService {

    private final CloudJobStore store;
    private final CloudAccess access;
    private final Clock clock;

    CloudJobService(CloudJobStore store, CloudAccess access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    CloudJobView start(long accountId, Long cloudClusterId, JobPayload payload, String startedBy) {
        CloudOperation op = payload.operation();
        String target = op.cluster()
                + (op.nodeGroup() == null ? "" : "/" + op.nodeGroup())
                + (op.target() == null ? "" : " → " + op.target());
        long id = store.insert(accountId, cloudClusterId, target, payload, startedBy, clock.instant());
        return store.find(id).orElseThrow().view();
    }

    /** Refuses a second change while one is running on the same cluster ({@code 409 job-running}). */
    void requireIdle(long cloudClusterId) {
        if (store.runningFor(cloudClusterId)) {
            throw ApiException.conflict(
                    "job-running",
                    "Cloud cluster " + cloudClusterId + " has a job running; wait for it to end (GET"
                            + " /api/k8s/cloud/jobs?status=RUNNING)",
                    null);
        }
    }

    public CloudJobView get(long id) {
        CloudJobView job = store.find(id)
                .orElseThrow(() -> ApiException.notFound("cloud-job-not-found", "No cloud job " + id))
                .view();
        try {
            access.require(job.accountId(), Role.VIEWER);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw ApiException.notFound("cloud-job-not-found", "No cloud job " + id);
            }
            throw e;
        }
        return job;
    }

    public Page<CloudJobView> list(Long accountId, CloudJobView.Status status, int page, int size) {
        var visible = access.visibleAccounts();
        return new Page<>(
                store.list(accountId, visible, status, page * size, size),
                page,
                size,
                store.count(accountId, visible, status));
    }
}
