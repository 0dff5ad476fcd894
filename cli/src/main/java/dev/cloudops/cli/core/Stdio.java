package dev.cloudops.cli.core;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The standard streams as bytes. Commands that relay what another program wrote ({@code exec}, {@code logs})
 * write here instead of through the text writers, so that what reaches the terminal or a pipe is exactly the
 * bytes the server sent, whatever the platform's default charset.
 *
 * <p>A command that also prints through {@link Session#out()} or {@link Session#err()} must flush that writer
 * first; {@link Session#rawOut()} and {@link Session#rawErr()} do so.
 *
 * @param in standard input
 * @param out standard output; never closed by the CLI
 * @param err standard error; never closed by the CLI
 */
public record Stdio(InputStream in, OutputStream out, OutputStream err) {

    /** Rejects missing streams. */
    public Stdio {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /**
     * The process's descriptors 0, 1 and 2. Output goes straight to the descriptors rather than through
     * {@link System#out}: a {@link java.io.PrintStream} swallows write errors, and {@code cloudops logs -f | head}
     * must notice that the reader has gone.
     */
    public static Stdio system() {
        return new Stdio(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }
}
