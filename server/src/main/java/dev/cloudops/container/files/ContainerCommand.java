package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ExecFailedException;
import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;

/**
 * One command running in a container for a file operation: its standard error is drained in the background (kept
 * up to {@value #STDERR_KEPT} bytes, so an unread stream never stalls the exec connection), and a watchdog ends it
 * at its deadline. Standard output is the caller's to read.
 */
final class ContainerCommand implements AutoCloseable {

    static final int STDERR_KEPT = 8 * 1024;

    private final ContainerProcess process;
    private final Future<?> stderrDone;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private volatile ScheduledFuture<?> watchdog;
    private volatile boolean timedOut;

    ContainerCommand(ContainerProcess process, ExecutorService readers) {
        this.process = process;
        this.stderrDone = readers.submit(this::drainStderr);
    }

    /** Ends the command after {@code limit} unless it ended before; replaces an earlier deadline. */
    ContainerCommand deadline(ScheduledExecutorService timer, Duration limit) {
        ScheduledFuture<?> previous = watchdog;
        if (previous != null) {
            previous.cancel(false);
        }
        watchdog = timer.schedule(
                () -> {
                    timedOut = true;
                    process.close();
                },
                limit.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Lifts the deadline (while a transfer runs, which the caller's connection paces). */
    void noDeadline() {
        ScheduledFuture<?> previous = watchdog;
        if (previous != null) {
            previous.cancel(false);
        }
    }

    InputStream stdout() {
        return process.stdout();
    }

    OutputStream stdin() {
        return process.stdin();
    }

    boolean timedOut() {
        return timedOut;
    }

    /**
     * Waits for the exit code.
     *
     * @throws ApiException 504 {@code file-operation-timeout} past the deadline, 422 {@code files-unsupported} when
     *     the container could not start the program (no shell in the image)
     */
    int exitCode(Duration wait) {
        try {
            int code = process.exitCode().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            stderrDone.get(5, TimeUnit.SECONDS);
            if (timedOut) {
                throw timeout();
            }
            return code;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExecFailedException failed) {
                throw unsupported(failed.getMessage());
            }
            if (timedOut) {
                throw timeout();
            }
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "file-operation-failed",
                    "The connection to the container broke: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            close();
            throw timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw timeout();
        }
    }

    /** What the command wrote to standard error (its first {@value #STDERR_KEPT} bytes), trimmed. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    /** The first line of standard error, for a problem's detail. */
    String firstError() {
        String all = stderr();
        int nl = all.indexOf('\n');
        return FilePaths.abbreviate(nl < 0 ? all : all.substring(0, nl));
    }

    @Override
    public void close() {
        noDeadline();
        process.close();
    }

    static ApiException unsupported(String why) {
        return ApiException.unprocessable(
                "files-unsupported",
                "The container cannot run the file operation (" + why + "): file operations need a POSIX sh with"
                        + " find, stat, tar, head, cat, mv, rm (GNU coreutils or BusyBox) in the image",
                null);
    }

    private ApiException timeout() {
        return new ApiException(
                HttpStatus.GATEWAY_TIMEOUT,
                "file-operation-timeout",
                "The file operation did not finish in time (cloudops.files.operation-timeout)");
    }

    private void drainStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.stderr()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (stderr) {
                    int room = Math.max(0, Math.min(n, STDERR_KEPT - stderr.size()));
                    stderr.write(buffer, 0, room);
                }
            }
        } catch (IOException e) {
            // The exec connection closed; what was read is what there is.
        }
    }
}
