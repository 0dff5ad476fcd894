package dev.cloudops.testing;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The exec subresource of the mock API server, answered by real processes on this machine: a container whose
 * argv runs here, speaking the kubelet's {@code v4.channel.k8s.io} protocol (channel 0 stdin, 1 stdout, 2 stderr,
 * 3 the status frame, 4 resize). Tests thereby drive real {@code tar}, {@code find}, {@code stat} and shells
 * through the platform, as a cluster would.
 *
 * <p>A container is {@link Image#FULL} (this machine's tools, bash included) or {@link Image#BUSYBOX} (only
 * BusyBox applets on its PATH, no bash), to hold the platform to what minimal images offer. The container's file
 * system is this machine's: tests work under a temporary directory.
 */
public final class ProcessContainers {

    /** What a container's image offers. */
    public enum Image {
        FULL,
        BUSYBOX
    }

    /** One exec request as the mock API server received it. */
    public record Exec(String namespace, String pod, String container, List<String> argv, boolean stdin, boolean tty) {}

    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final List<Exec> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, int[]> lastSizes = new ConcurrentHashMap<>();
    private volatile Path busyboxBin;

    /** Gives a container an image; containers are {@link Image#FULL} unless told otherwise. */
    public void image(String namespace, String pod, String container, Image image) {
        images.put(namespace + "/" + pod + "/" + container, image);
    }

    /** Every exec request received so far, oldest first. */
    public List<Exec> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The last terminal size a container was told (columns, rows), or null. */
    public int[] lastSize(String namespace, String pod, String container) {
        return lastSizes.get(namespace + "/" + pod + "/" + container);
    }

    /** True when this machine has BusyBox, which {@link Image#BUSYBOX} containers need. */
    public static boolean busyboxAvailable() {
        return resolve("busybox", System.getenv("PATH")) != null;
    }

    /** Answers an exec request with a WebSocket upgrade; null when the request is not an exec. */
    MockResponse answer(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/");
        // /api/v1/namespaces/{ns}/pods/{pod}/exec
        if (segments.length != 8 || !"exec".equals(segments[7]) || !"pods".equals(segments[5])) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        String container = null;
        boolean stdin = false;
        boolean tty = false;
        for (String pair : query < 0 ? new String[0] : path.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "command" -> argv.add(value);
                case "container" -> container = value;
                case "stdin" -> stdin = Boolean.parseBoolean(value);
                case "tty" -> tty = Boolean.parseBoolean(value);
                default -> {}
            }
        }
        Exec exec = new Exec(segments[4], segments[6], container, List.copyOf(argv), stdin, tty);
        received.add(exec);
        return new MockResponse().withWebSocketUpgrade(new Session(exec));
    }

    private List<String> commandLine(Exec exec) {
        Image image = images.getOrDefault(exec.namespace() + "/" + exec.pod() + "/" + exec.container(), Image.FULL);
        String path = image == Image.BUSYBOX ? busyboxPath() : System.getenv("PATH");
        String program = exec.argv().get(0);
        String name = image == Image.BUSYBOX ? Path.of(program).getFileName().toString() : program;
        String resolved = resolve(name, path);
        if (resolved == null) {
            return null;
        }
        List<String> line = new ArrayList<>(exec.argv());
        line.set(0, resolved);
        if (!exec.tty()) {
            return line;
        }
        // A real pseudo-terminal, as a TTY exec gets from the container runtime.
        StringBuilder command = new StringBuilder();
        for (String arg : line) {
            command.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        return List.of("script", "-qfec", command.toString().trim(), "/dev/null");
    }

    private synchronized String busyboxPath() {
        if (busyboxBin == null) {
            try {
                Path dir = Files.createTempDirectory("busybox-image");
                Process install = new ProcessBuilder(
                                resolve("busybox", System.getenv("PATH")), "--install", "-s", dir.toString())
                        .inheritIO()
                        .start();
                install.waitFor(30, TimeUnit.SECONDS);
                busyboxBin = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return busyboxBin.toString();
    }

    private static String resolve(String program, String path) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? program : null;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
    }

    /** One exec connection: the process and the pumps between it and the WebSocket. */
    private final class Session extends WebSocketListener {
        private final Exec exec;
        private volatile Process process;

        Session(Exec exec) {
            this.exec = exec;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            List<String> line = commandLine(exec);
            if (line == null) {
                finish(webSocket, failure("exec: \"" + exec.argv().get(0) + "\": executable file not found in $PATH"));
                return;
            }
            ProcessBuilder builder = new ProcessBuilder(line).directory(new File(System.getProperty("java.io.tmpdir")));
            builder.environment().put("TERM", "xterm");
            if (images.getOrDefault(key(), Image.FULL) == Image.BUSYBOX) {
                builder.environment().put("PATH", busyboxPath());
            }
            if (exec.tty()) {
                builder.redirectErrorStream(true);
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                finish(webSocket, failure(e.getMessage()));
                return;
            }
            if (!exec.stdin()) {
                closeQuietly(process.getOutputStream());
            }
            Thread out = pump(process.getInputStream(), webSocket, 1);
            Thread err = exec.tty() ? null : pump(process.getErrorStream(), webSocket, 2);
            daemon("exec-wait", () -> {
                try {
                    int code = process.waitFor();
                    out.join();
                    if (err != null) {
                        err.join();
                    }
                    finish(webSocket, code == 0 ? success() : nonZero(code));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private String key() {
            return exec.namespace() + "/" + exec.pod() + "/" + exec.container();
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            onMessage(webSocket, bytes.toByteArray());
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            if (bytes.length == 0 || process == null) {
                return;
            }
            if (bytes[0] == 0 && exec.stdin()) {
                try {
                    OutputStream in = process.getOutputStream();
                    in.write(bytes, 1, bytes.length - 1);
                    in.flush();
                } catch (IOException e) {
                    // The process has stopped reading; what it does next decides its exit.
                }
            } else if (bytes[0] == 4) {
                String size = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
                lastSizes.put(key(), new int[] {number(size, "Width"), number(size, "Height")});
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            Process p = process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        private Thread pump(InputStream from, WebSocket webSocket, int channel) {
            return daemon("exec-pump-" + channel, () -> {
                byte[] buffer = new byte[32 * 1024];
                try (from) {
                    int n;
                    while ((n = from.read(buffer, 1, buffer.length - 1)) >= 0) {
                        buffer[0] = (byte) channel;
                        webSocket.send(Arrays.copyOf(buffer, n + 1));
                    }
                } catch (IOException e) {
                    // The process ended or was killed.
                }
            });
        }

        private void finish(WebSocket webSocket, String status) {
            byte[] json = status.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[json.length + 1];
            frame[0] = 3;
            System.arraycopy(json, 0, frame, 1, json.length);
            webSocket.send(frame);
            webSocket.close(1000, "");
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int number(String json, String field) {
        int at = json.indexOf("\"" + field + "\"");
        if (at < 0) {
            return -1;
        }
        String rest = json.substring(json.indexOf(':', at) + 1).trim();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(rest.substring(0, end));
    }

    private static String success() {
        return "{\"metadata\":{},\"status\":\"Success\"}";
    }

    private static String nonZero(int code) {
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + code
                + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
                + code + "\"}]}}";
    }

    private static String failure(String why) {
        String message = ("OCI runtime exec failed: exec failed: unable to start container process: " + why
                        + ": unknown")
                .replace("\\", "\\\\")
                .replace("\"", "\\\"");
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"InternalError\",\"details\":{\"causes\":[{\"message\":\"" + message
                + "\"}]},\"code\":500}";
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing to release.
        }
    }
}
