package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ExecFailedException;
import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A file operation's command: stderr kept, deadline enforced, runtime failures and exit codes as problems")
class ContainerCommandTest {

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        readers.shutdownNow();
        timer.shutdownNow();
    }

    /** A process whose streams and exit the test controls. */
    private static final class Fake implements ContainerProcess {
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        final InputStream stdout;
        final InputStream stderr;
        volatile boolean closed;

        Fake(InputStream stdout, String stderr) {
            this.stdout = stdout;
            this.stderr = new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutputStream stdin() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }

        @Override
        public InputStream stderr() {
            return stderr;
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            return exit;
        }

        @Override
        public void resize(int columns, int rows) {}

        @Override
        public void close() {
            closed = true;
            exit.complete(NO_EXIT_CODE);
        }
    }

    @Test
    void keepsStderrAndAnswersTheExitCode() {
        Fake fake = new Fake(InputStream.nullInputStream(), "stat: cannot stat 'x'\nsecond line\n");
        fake.exit.complete(3);
        ContainerCommand command = new ContainerCommand(fake, readers);
        assertThat(command.exitCode(Duration.ofSeconds(5))).isEqualTo(3);
        assertThat(command.stderr()).isEqualTo("stat: cannot stat 'x'\nsecond line");
        assertThat(command.firstError()).isEqualTo("stat: cannot stat 'x'");
    }

    @Test
    void aProgramTheImageLacksIsFilesUnsupported() {
        Fake fake = new Fake(InputStream.nullInputStream(), "");
        fake.exit.completeExceptionally(new ExecFailedException("exec: \"sh\": executable file not found in $PATH"));
        ContainerCommand command = new ContainerCommand(fake, readers);
        assertThatThrownBy(() -> command.exitCode(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("files-unsupported");
                    assertThat(e.getMessage()).contains("executable file not found");
                });
    }

    @Test
    void aBrokenConnectionIsFileOperationFailed() {
        Fake fake = new Fake(InputStream.nullInputStream(), "");
        fake.exit.completeExceptionally(new IllegalStateException("connection reset"));
        assertThatThrownBy(() -> new ContainerCommand(fake, readers).exitCode(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("file-operation-failed"));
    }

    @Test
    void theDeadlineStopsTheCommand() throws Exception {
        PipedInputStream stdout = new PipedInputStream();
        try (PipedOutputStream never = new PipedOutputStream(stdout)) {
            Fake fake = new Fake(stdout, "");
            ContainerCommand command = new ContainerCommand(fake, readers).deadline(timer, Duration.ofMillis(100));
            assertThatThrownBy(() -> command.exitCode(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("file-operation-timeout"));
            assertThat(fake.closed).isTrue();
            assertThat(command.timedOut()).isTrue();
        }
    }

    @Test
    void waitingTooLongClosesTheCommand() {
        Fake fake = new Fake(InputStream.nullInputStream(), "");
        ContainerCommand command = new ContainerCommand(fake, readers);
        assertThatThrownBy(() -> command.exitCode(Duration.ofMillis(50))).isInstanceOf(ApiException.class);
        assertThat(fake.closed).isTrue();
    }

    @Test
    void exitCodesBecomeProblems() {
        String[][] cases = {
            {"90", "file-not-found"},
            {"91", "not-a-directory"},
            {"92", "is-a-directory"},
            {"93", "file-exists"},
            {"94", "file-permission-denied"},
            {"95", "directory-not-empty"},
            {"96", "file-changed"},
            {"97", "not-a-regular-file"},
            {"98", "invalid-regex"},
            {"127", "files-unsupported"},
            {"1", "file-operation-failed"}
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> FileCommands.check(Integer.parseInt(c[0]), "why", "/p", "path"))
                    .as(c[0])
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(c[1]));
        }
        FileCommands.check(0, "", "/p", "path");
    }
}
