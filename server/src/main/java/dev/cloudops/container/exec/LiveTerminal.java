package dev.cloudops.container.exec;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.ExecFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attached terminal: a TTY shell in the container joined to a browser's WebSocket, recorded as it goes. The
 * first shell that the container can start wins (bash, then sh); output is decoded as UTF-8 across frame
 * boundaries and sent as {@code {"op":"stdout","data":…}} frames; input lines are handed to the audit trail.
 */
final class LiveTerminal {

    /** What the terminal needs from the platform, so that this class holds only the session's own state. */
    interface Host {
        ContainerProcess start(ContainerRef target, String shell);

        void started(LiveTerminal terminal, String shell);

        void inputLine(LiveTerminal terminal, String line);

        void ended(LiveTerminal terminal, String reason, Integer exitCode);
    }

    private static final Logger log = LoggerFactory.getLogger(LiveTerminal.class);
    private static final Pattern ESCAPES = Pattern.compile("\u001b(\\[[0-?]*[ -/]*[@-~]|O.|.)");
    private static final int MAX_LINE = 1024;
    private static final int MAX_UNCONFIRMED_INPUT = 4096;

    final String id;
    final String username;
    final ContainerRef target;
    private final WebSocketSession socket;
    private final TerminalRecording recording;
    private final JsonMapper json;
    private final Host host;
    private final Deque<String> shells;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringBuilder line = new StringBuilder();
    /** Input typed before the shell printed anything: replayed to the next shell if this one cannot start. */
    private final StringBuilder unconfirmedInput = new StringBuilder();

    private volatile ContainerProcess process;
    private volatile boolean sawOutput;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile int columns;
    private volatile int rows;

    LiveTerminal(
            String id,
            String username,
            ContainerRef target,
            List<String> shells,
            int columns,
            int rows,
            WebSocketSession socket,
            TerminalRecording recording,
            JsonMapper json,
            Host host) {
        this.id = id;
        this.username = username;
        this.target = target;
        this.shells = new ArrayDeque<>(shells);
        this.columns = columns;
        this.rows = rows;
        this.socket = socket;
        this.recording = recording;
        this.json = json;
        this.host = host;
    }

    /** Starts the first shell; later ones are tried only when the container cannot start it. */
    void start() {
        startNext(null);
    }

    private void startNext(String previousFailure) {
        String shell = shells.poll();
        if (shell == null) {
            send(Map.of("op", "stdout", "data", "\r\nNo shell could be started: " + previousFailure + "\r\n"));
            close("no shell: " + previousFailure, null);
            return;
        }
        ContainerProcess started;
        try {
            started = host.start(target, shell);
        } catch (RuntimeException e) {
            close("start failed: " + e.getMessage(), null);
            return;
        }
        process = started;
        started.resize(columns, rows);
        host.started(this, shell);
        synchronized (unconfirmedInput) {
            if (!unconfirmedInput.isEmpty()) {
                try {
                    started.stdin().write(unconfirmedInput.toString().getBytes(StandardCharsets.UTF_8));
                    started.stdin().flush();
                } catch (IOException e) {
                    // This shell failed as well; its exit status moves on to the next one.
                }
            }
        }
        Thread pump = new Thread(() -> pump(started), "terminal-" + id);
        pump.setDaemon(true);
        pump.start();
        started.exitCode().whenComplete((code, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof ExecFailedException failed && !sawOutput && !closed.get()) {
                started.close();
                // Not on the client's callback thread: starting the next shell waits for that same client.
                Thread next = new Thread(() -> startNext(failed.getMessage()), "terminal-" + id + "-fallback");
                next.setDaemon(true);
                next.start();
            } else if (cause != null) {
                close("connection lost: " + cause.getMessage(), null);
            } else {
                close("exit", code == null || code == ContainerProcess.NO_EXIT_CODE ? null : code);
            }
        });
    }

    private void pump(ContainerProcess from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer bytes = ByteBuffer.allocate(16 * 1024);
        CharBuffer chars = CharBuffer.allocate(16 * 1024);
        try (InputStream in = from.stdout()) {
            int n;
            while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                bytes.position(bytes.position() + n);
                bytes.flip();
                decoder.decode(bytes, chars, false);
                bytes.compact();
                chars.flip();
                if (chars.hasRemaining()) {
                    String text = chars.toString();
                    if (!sawOutput) {
                        sawOutput = true;
                        synchronized (unconfirmedInput) {
                            unconfirmedInput.setLength(0);
                        }
                    }
                    lastActivityNanos = System.nanoTime();
                    recording.output(text);
                    send(Map.of("op", "stdout", "data", text));
                }
                chars.clear();
            }
        } catch (IOException e) {
            // The exec connection ended; the exit status decides what happens next.
        }
    }

    void input(String data) {
        ContainerProcess p = process;
        if (p == null || closed.get()) {
            return;
        }
        lastActivityNanos = System.nanoTime();
        boolean confirmed = sawOutput;
        if (!confirmed) {
            synchronized (unconfirmedInput) {
                if (unconfirmedInput.length() + data.length() <= MAX_UNCONFIRMED_INPUT) {
                    unconfirmedInput.append(data);
                }
            }
        }
        collectLines(data);
        try {
            recording.input(data);
            p.stdin().write(data.getBytes(StandardCharsets.UTF_8));
            p.stdin().flush();
        } catch (IOException e) {
            if (confirmed || shells.isEmpty()) {
                close("input failed: " + e.getMessage(), null);
            }
        }
    }

    void resize(int newColumns, int newRows) {
        columns = newColumns;
        rows = newRows;
        ContainerProcess p = process;
        if (p != null) {
            p.resize(newColumns, newRows);
        }
        try {
            recording.resize(newColumns, newRows);
        } catch (IOException e) {
            log.warn("Terminal {}: recording failed: {}", id, e.getMessage());
        }
    }

    /** Input lines as typed (edits applied, escape sequences dropped), for the audit trail. */
    private void collectLines(String data) {
        synchronized (line) {
            for (int i = 0; i < data.length(); i++) {
                char c = data.charAt(i);
                if (c == '\r' || c == '\n') {
                    String typed = ESCAPES.matcher(line).replaceAll("").strip();
                    line.setLength(0);
                    if (!typed.isEmpty()) {
                        host.inputLine(this, typed);
                    }
                } else if (c == '\u007f' || c == '\b') {
                    if (!line.isEmpty()) {
                        line.setLength(line.length() - 1);
                    }
                } else if ((c >= ' ' || c == '\u001b' || c == '\t') && line.length() < MAX_LINE) {
                    line.append(c);
                }
            }
        }
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    long recordingBytes() {
        try {
            return recording.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Ends the session once: the process, the socket (told why) and the recording, then tells the host. */
    void close(String reason, Integer exitCode) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ContainerProcess p = process;
        if (p != null) {
            p.close();
        }
        try {
            recording.close();
        } catch (IOException e) {
            log.warn("Terminal {}: closing the recording failed: {}", id, e.getMessage());
        }
        if (socket.isOpen()) {
            var closing = new java.util.HashMap<String, Object>();
            closing.put("op", "closed");
            closing.put("data", reason);
            closing.put("code", exitCode);
            send(closing);
            try {
                socket.close(new CloseStatus(CloseStatus.NORMAL.getCode(), abbreviate(reason)));
            } catch (IOException e) {
                // Already gone.
            }
        }
        host.ended(this, reason, exitCode);
    }

    boolean isClosed() {
        return closed.get();
    }

    private void send(Map<String, ?> frame) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (IOException | RuntimeException e) {
            // A client too slow to take its output (the send buffer is bounded) or gone: end the session.
            if (!closed.get()) {
                Thread closer = new Thread(() -> close("client not reading: " + e.getMessage(), null));
                closer.setDaemon(true);
                closer.start();
            }
        }
    }

    private static String abbreviate(String reason) {
        // A close frame's reason is at most 123 bytes.
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 120 ? reason : new String(bytes, 0, 120, StandardCharsets.UTF_8);
    }
}
