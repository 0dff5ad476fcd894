package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live log stream caps")
class LogStreamsTest {

    private final LogStreams streams = new LogStreams(new CloudOpsProperties(
            null,
            null,
            null,
            null,
            null,
            new CloudOpsProperties.Logs(
                    1,
                    2,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(1),
                    5,
                    Duration.ofDays(7),
                    1L << 30,
                    Duration.ofSeconds(30)),
            null,
            null,
            null));

    @AfterEach
    void stop() {
        streams.shutdown();
    }

    @Test
    @DisplayName("a user past the per-user cap gets 429 too-many-streams; the slot frees when the log ends")
    void perUserCap() throws Exception {
        PipedOutputStream upstream = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(upstream);
        streams.follow("ann", null, () -> in);
        assertThatThrownBy(() -> streams.follow("ann", null, PipedInputStream::new))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("too-many-streams");
                    assertThat(e.status().value()).isEqualTo(429);
                });
        PipedInputStream bobs = new PipedInputStream(new PipedOutputStream());
        streams.follow("bob", null, () -> bobs);
        assertThatThrownBy(() -> streams.follow("cid", null, PipedInputStream::new))
                .as("server-wide cap of 2")
                .isInstanceOf(ApiException.class);

        upstream.close(); // the container's log ends
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean freed = false;
        while (!freed && System.nanoTime() < until) {
            try {
                streams.follow("ann", null, PipedInputStream::new);
                freed = true;
            } catch (ApiException e) {
                Thread.sleep(20);
            }
        }
        assertThat(freed).isTrue();
    }

    @Test
    @DisplayName("a stream whose upstream fails to open gives its slot back")
    void failedOpenReleases() {
        assertThatThrownBy(() -> streams.follow("ann", null, () -> {
                    throw ApiException.notFound("kube-not-found", "gone");
                }))
                .isInstanceOf(ApiException.class);
        streams.follow("ann", null, PipedInputStream::new);
    }
}
