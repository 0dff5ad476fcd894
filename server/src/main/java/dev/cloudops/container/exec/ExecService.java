package dev.cloudops.container.exec;

import dev.cloudops.container.ContainerOperation;
import dev.cloudops.container.ContainerOperations;
import dev.cloudops.container.ContainerTargets;
import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.ExecFailedException;
import dev.cloudops.kube.KubeExec;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One-shot commands in containers: validated, authorised (namespace rights, then the command policy), run with a
 * timeout and an output cap, and recorded in the history whatever happened, refusals included.
 */
@Service
public class ExecService {

    private static final int MAX_ARGS = 256;
    private static final int MAX_COMMAND_CHARS = 64 * 1024;

    private final ContainerTargets targets;
    private final ExecPolicy policy;
    private final KubeExec kube;
    private final ContainerOperations operations;
    private final AccessPolicy access;
    private final CloudOpsProperties.Exec settings;
    private final Clock clock;
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "exec-output");
        thread.setDaemon(true);
        return thread;
    });

    ExecService(
            ContainerTargets targets,
            ExecPolicy policy,
            KubeExec kube,
            ContainerOperations operations,
            AccessPolicy access,
            CloudOpsProperties properties,
            Clock clock) {
        this.targets = targets;
        this.policy = policy;
        this.kube = kube;
        this.operations = operations;
        this.access = access;
        this.settings = properties.exec();
        this.clock = clock;
    }

    public ExecResult run(long clusterId, String namespace, String pod, String container, ExecRequest request) {
        List<String> argv = argv(request);
        Duration timeout = timeout(request.timeoutSeconds());
        ContainerRef target = targets.authorize(clusterId, namespace, pod, container, Action.EXEC);
        ExecPolicy.Decision decision = policy.decide(target, ExecRule.Scope.COMMAND, argv);
        Instant started = clock.instant();
        String line = String.join(" ", argv);
        if (!decision.allowed()) {
            record(target, line, ContainerOperation.Outcome.DENIED, null, started, null, false, decision.reason());
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "command-denied",
                    "Command '" + abbreviate(line) + "' is not allowed in " + target.path() + ": " + decision.reason(),
                    "command");
        }
        kube.requireRunning(target);
        long startNanos = System.nanoTime();
        try (ContainerProcess process = kube.start(target, argv, false, false)) {
            OutputCapture out = new OutputCapture(settings.maxOutputBytes());
            OutputCapture err = new OutputCapture(settings.maxOutputBytes());
            Future<?> outDone = readers.submit(() -> out.drain(process.stdout()));
            Future<?> errDone = readers.submit(() -> err.drain(process.stderr()));
            Integer exitCode = null;
            boolean timedOut = false;
            String failure = null;
            try {
                exitCode = awaitExit(process.exitCode(), timeout);
                awaitQuietly(outDone, Duration.ofSeconds(5));
                awaitQuietly(errDone, Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                timedOut = true;
            } catch (ExecFailedException e) {
                failure = e.getMessage();
            }
            process.close();
            long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            boolean truncated = out.truncated() || err.truncated();
            if (failure != null) {
                record(target, line, ContainerOperation.Outcome.FAILED, null, started, null, false, failure);
                throw ApiException.unprocessable(
                        "command-not-started", "The container could not start the command: " + failure, "command");
            }
            if (exitCode != null && exitCode == ContainerProcess.NO_EXIT_CODE) {
                exitCode = null;
            }
            ContainerOperation.Outcome outcome = timedOut
                    ? ContainerOperation.Outcome.TIMED_OUT
                    : exitCode != null && exitCode == 0
                            ? ContainerOperation.Outcome.SUCCEEDED
                            : ContainerOperation.Outcome.FAILED;
            String stdout = out.text();
            String stderr = err.text();
            long id = operations.record(ContainerOperation.of(
                    ContainerOperation.Kind.EXEC,
                    target,
                    access.current().username(),
                    line,
                    outcome,
                    exitCode,
                    started,
                    duration,
                    kept(stdout, stderr),
                    truncated || stdout.length() + stderr.length() > settings.historyOutputBytes(),
                    null,
                    timedOut ? "timed out after " + timeout.toSeconds() + " s" : null));
            return new ExecResult(id, exitCode, stdout, stderr, truncated, timedOut, duration);
        }
    }

    /** The commands run in one container (terminal sessions included), newest first. */
    public Page<ContainerOperation> history(
            long clusterId, String namespace, String pod, String container, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ApiException.badRequest("invalid-page", "page must be ≥ 0 and size between 1 and 500", "size");
        }
        ContainerRef target = targets.authorize(clusterId, namespace, pod, container, Action.READ);
        return operations.onContainer(
                target, EnumSet.of(ContainerOperation.Kind.EXEC, ContainerOperation.Kind.TERMINAL), page, size);
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    private static Integer awaitExit(CompletableFuture<Integer> exit, Duration timeout) throws TimeoutException {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExecFailedException failed) {
                throw failed;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitQuietly(Future<?> reading, Duration timeout) {
        try {
            reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            reading.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(
            ContainerRef target,
            String line,
            ContainerOperation.Outcome outcome,
            Integer exitCode,
            Instant started,
            String output,
            boolean truncated,
            String detail) {
        operations.record(ContainerOperation.of(
                ContainerOperation.Kind.EXEC,
                target,
                access.current().username(),
                line,
                outcome,
                exitCode,
                started,
                0,
                output,
                truncated,
                null,
                detail));
    }

    private String kept(String stdout, String stderr) {
        int cap = settings.historyOutputBytes();
        if (cap <= 0) {
            return null;
        }
        String both = stderr.isEmpty() ? stdout : stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
        return both.length() <= cap ? both : both.substring(0, cap);
    }

    private static List<String> argv(ExecRequest request) {
        List<String> command = request.command();
        if (command == null || command.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-command", "command must be a non-empty array of arguments", "command");
        }
        if (command.size() > MAX_ARGS) {
            throw ApiException.badRequest(
                    "invalid-command", "command has more than " + MAX_ARGS + " arguments", "command");
        }
        int chars = 0;
        for (String arg : command) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw ApiException.badRequest(
                        "invalid-command", "command arguments must be strings without NUL characters", "command");
            }
            chars += arg.length();
        }
        if (chars > MAX_COMMAND_CHARS) {
            throw ApiException.badRequest(
                    "invalid-command", "command is longer than " + MAX_COMMAND_CHARS + " characters", "command");
        }
        if (command.get(0).isBlank()) {
            throw ApiException.badRequest("invalid-command", "command[0] (the program) is empty", "command");
        }
        if (Boolean.TRUE.equals(request.shell())) {
            if (command.size() != 1) {
                throw ApiException.badRequest(
                        "invalid-command", "with shell=true, command holds exactly one script for sh -c", "command");
            }
            return List.of("sh", "-c", command.get(0));
        }
        return List.copyOf(command);
    }

    private Duration timeout(Integer seconds) {
        if (seconds == null) {
            return settings.defaultTimeout();
        }
        if (seconds < 1 || seconds > settings.maxTimeout().toSeconds()) {
            throw ApiException.badRequest(
                    "invalid-timeout",
                    "timeoutSeconds must be between 1 and "
                            + settings.maxTimeout().toSeconds(),
                    "timeoutSeconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }
}
