package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.KubeExec;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs the file operations' commands in containers: argv arrays only, or a constant {@link Scripts script} for
 * {@code sh -c} whose inputs are positional parameters. Knows the scripts' exit codes and turns them into problems.
 */
@Component
class FileCommands {

    private final KubeExec kube;
    private final Duration timeout;
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "files-stderr");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "files-deadline");
        thread.setDaemon(true);
        return thread;
    });

    FileCommands(KubeExec kube, CloudOpsProperties properties) {
        this.kube = kube;
        this.timeout = properties.files().operationTimeout();
    }

    /** What a command printed and how it ended. */
    record Output(int exitCode, byte[] stdout, boolean truncated, String stderr, String firstError) {}

    /** Starts {@code argv} with the operation timeout as its deadline. */
    ContainerCommand start(ContainerRef target, List<String> argv, boolean stdin) {
        ContainerProcess process = kube.start(target, argv, stdin, false);
        return new ContainerCommand(process, readers).deadline(timer, timeout);
    }

    /** Starts {@code sh -c script sh args…}. */
    ContainerCommand script(ContainerRef target, String script, List<String> args, boolean stdin) {
        return start(target, shell(script, args), stdin);
    }

    /** Runs {@code sh -c script sh args…} to its end, keeping at most {@code maxStdout} bytes of its output. */
    Output run(ContainerRef target, String script, List<String> args, int maxStdout) {
        try (ContainerCommand command = script(target, script, args, false)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean truncated = read(command.stdout(), out, maxStdout);
            if (truncated) {
                command.close();
            }
            int code = truncated ? 0 : command.exitCode(timeout.plusSeconds(5));
            return new Output(code, out.toByteArray(), truncated, command.stderr(), command.firstError());
        }
    }

    /** {@code sh -c script sh args…} as an argv. */
    static List<String> shell(String script, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 4);
        argv.add("sh");
        argv.add("-c");
        argv.add(script);
        argv.add("sh");
        argv.addAll(args);
        return argv;
    }

    Duration timeout() {
        return timeout;
    }

    /** Threads for reading a command's output in the background. */
    ExecutorService readers() {
        return readers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Turns a script's exit code into the problem it stands for; 0 passes.
     *
     * @param path the path named in the problem
     * @param field the request field that named it
     */
    static void check(int code, String stderr, String path, String field) {
        if (code == 0) {
            return;
        }
        String shown = "'" + FilePaths.abbreviate(path) + "'";
        throw switch (code) {
            case Scripts.NOT_FOUND ->
                new ApiException(
                        HttpStatus.NOT_FOUND, "file-not-found", shown + " does not exist in the container", field);
            case Scripts.NOT_A_DIRECTORY ->
                ApiException.conflict("not-a-directory", shown + " is not a directory", field);
            case Scripts.IS_A_DIRECTORY -> ApiException.conflict("is-a-directory", shown + " is a directory", field);
            case Scripts.EXISTS -> ApiException.conflict("file-exists", shown + " already exists", field);
            case Scripts.PERMISSION ->
                new ApiException(
                        HttpStatus.FORBIDDEN,
                        "file-permission-denied",
                        "The container's user may not do that to " + shown + detail(stderr),
                        field);
            case Scripts.NOT_EMPTY ->
                ApiException.conflict(
                        "directory-not-empty", shown + " is a directory that is not empty; set recursive=true", field);
            case Scripts.CHANGED ->
                ApiException.conflict(
                        "file-changed",
                        shown + " changed since it was read: its checksum differs from the one given; read it again",
                        "sha256");
            case Scripts.NOT_REGULAR ->
                ApiException.conflict("not-a-regular-file", shown + " is not a regular file", field);
            case Scripts.BAD_PATTERN ->
                ApiException.badRequest("invalid-regex", "grep refused the pattern" + detail(stderr), "pattern");
            case 126, 127 -> ContainerCommand.unsupported("exit code " + code + detail(stderr));
            default ->
                ApiException.unprocessable(
                        "file-operation-failed",
                        "The command failed in the container (exit code " + code + ")" + detail(stderr),
                        field);
        };
    }

    /** The container printed something the operation cannot parse. */
    static ApiException checkFailed(String path) {
        return new ApiException(
                HttpStatus.BAD_GATEWAY,
                "file-output-invalid",
                "The container's answer about '" + FilePaths.abbreviate(path) + "' could not be read");
    }

    private static String detail(String stderr) {
        return stderr == null || stderr.isBlank() ? "" : ": " + FilePaths.abbreviate(stderr.strip());
    }

    /** Copies {@code in} to {@code out} up to {@code max} bytes; true when there was more. */
    private static boolean read(InputStream in, ByteArrayOutputStream out, int max) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = max - out.size();
                if (n > room) {
                    out.write(buffer, 0, room);
                    return true;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The connection ended (deadline or failure); the exit code tells which.
        }
        return false;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
        timer.shutdownNow();
    }
}
