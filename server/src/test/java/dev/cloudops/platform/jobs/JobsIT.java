package dev.cloudops.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.testing.PlatformIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Jobs: status, progress, items and summary in the database; failures and abandoned jobs")
class JobsIT extends PlatformIT {

    @Autowired
    private Jobs jobs;

    private JobRun finished(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JobRun run = jobs.find(id).orElseThrow();
            if (run.status().finished()) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    @DisplayName("a job's items, counts and summary are kept; a failed item makes it PARTIALLY_FAILED")
    void itemsAndSummary() throws InterruptedException {
        long subject = System.nanoTime();
        long id = jobs.start("test", subject, null, "tester", job -> {
            job.phase("working");
            job.total(1200);
            for (int i = 0; i < 1200; i++) {
                job.item(
                        "item " + i,
                        i % 400 == 0 ? "failed" : "done",
                        i % 400 == 0 ? "broken " + i : null,
                        i % 400 == 0);
            }
            job.advance(5);
            job.result(Map.of("count", 1200));
            assertThat(job.anyFailed()).isTrue();
            assertThat(job.id()).isPositive();
        });
        JobRun run = finished(id);
        assertThat(run.status()).isEqualTo(JobRun.Status.PARTIALLY_FAILED);
        assertThat(run.done()).isEqualTo(1205);
        assertThat(run.failed()).isEqualTo(3);
        assertThat(run.phase()).isEqualTo("working");
        assertThat(run.result()).isEqualTo(Map.of("count", 1200));
        assertThat(run.startedAt()).isNotNull();
        assertThat(jobs.items(id, "failed", 0, 10).items())
                .extracting(JobRun.Item::detail)
                .containsExactly("broken 0", "broken 400", "broken 800");
        assertThat(jobs.items(id, null, 2, 500).items()).hasSize(200);
        assertThat(jobs.bySubject(List.of("test"), subject, 0, 5).total()).isEqualTo(1);
        jobs.forget("test", subject);
        assertThat(jobs.find(id)).isEmpty();
    }

    @Test
    @DisplayName("a problem ends a job FAILED with its code; an unexpected failure with internal-error and no detail")
    void failures() throws InterruptedException {
        long problem = jobs.start("test", null, 1L, "tester", job -> {
            throw ApiException.badRequest("some-code", "what went wrong", null);
        });
        long crash = jobs.start("test", null, 1L, "tester", job -> {
            throw new IllegalStateException("secret internals");
        });
        JobRun p = finished(problem);
        assertThat(p.status()).isEqualTo(JobRun.Status.FAILED);
        assertThat(p.code()).isEqualTo("some-code");
        assertThat(p.message()).isEqualTo("what went wrong");
        JobRun c = finished(crash);
        assertThat(c.code()).isEqualTo("internal-error");
        assertThat(c.message()).doesNotContain("secret internals");
    }

    @Test
    @DisplayName("a running job whose heartbeat stopped is marked FAILED job-abandoned; a live one is not")
    void abandoned() throws InterruptedException {
        jdbc.sql("INSERT INTO job_runs (kind, status, total, done, failed, created_by, created_at, heartbeat_at)"
                        + " VALUES ('test', 'RUNNING', 0, 0, 0, 'ghost', 1, 1)")
                .update();
        long ghost = jdbc.sql("SELECT MAX(id) FROM job_runs WHERE created_by = 'ghost'")
                .query(Long.class)
                .single();
        jobs.heartbeat();
        jobs.abandonStale();
        JobRun run = jobs.find(ghost).orElseThrow();
        assertThat(run.status()).isEqualTo(JobRun.Status.FAILED);
        assertThat(run.code()).isEqualTo("job-abandoned");
        assertThat(run.finishedAt()).isNotNull();
    }
}
