package dev.cloudops.kube;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process started in a container through the API server's exec subresource. Its output streams are bounded:
 * the API server is asked for more only as they are read. Closing ends the exec connection, which the kubelet
 * answers by killing the process.
 *
 * <p>The exec protocol (v4) has no end-of-input signal, so a process that reads {@link #stdin()} must know by
 * itself where its input ends (a tar archive's end blocks, {@code head -c n}).
 */
public interface ContainerProcess extends AutoCloseable {

    /** The process's standard input; fails when the process was started without one. */
    OutputStream stdin();

    /** Standard output (with a TTY, the terminal's output, standard error included). */
    InputStream stdout();

    /** Standard error; an empty stream with a TTY. */
    InputStream stderr();

    /**
     * Completes with the exit code once the process ends; with {@link #NO_EXIT_CODE} when the connection closed
     * without one. Completes exceptionally with {@link ExecFailedException} when the container runtime could not
     * start the command.
     */
    CompletableFuture<Integer> exitCode();

    /** Tells a TTY process its terminal size; ignored without a TTY. */
    void resize(int columns, int rows);

    @Override
    void close();

    /** The exit code reported when the connection ended without a status from the kubelet. */
    int NO_EXIT_CODE = -1;
}
