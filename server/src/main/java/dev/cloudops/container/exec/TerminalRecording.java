package dev.cloudops.container.exec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A terminal session recorded as an asciicast v2 file (header line, then one {@code [seconds, code, data]} event
 * per line: {@code o} output, {@code i} input, {@code r} resize), which {@code asciinema play} replays. Written as
 * it happens and flushed per event, so a crash loses at most the last event.
 */
final class TerminalRecording implements AutoCloseable {

    private final Path file;
    private final Writer out;
    private final JsonMapper json;
    private final long startNanos = System.nanoTime();
    private final Object lock = new Object();

    private TerminalRecording(Path file, Writer out, JsonMapper json) {
        this.file = file;
        this.out = out;
        this.json = json;
    }

    /** Creates the file (readable by the server's user only) and writes the header. */
    static TerminalRecording start(
            Path file, JsonMapper json, int columns, int rows, long epochSeconds, String title, String shell)
            throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Writer writer = new BufferedWriter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND), 8192);
        TerminalRecording recording = new TerminalRecording(file, writer, json);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("version", 2);
        header.put("width", columns);
        header.put("height", rows);
        header.put("timestamp", epochSeconds);
        header.put("title", title);
        header.put("env", Map.of("SHELL", shell, "TERM", "xterm-256color"));
        writer.write(json.writeValueAsString(header));
        writer.write('\n');
        writer.flush();
        return recording;
    }

    void output(String text) throws IOException {
        event("o", text);
    }

    void input(String text) throws IOException {
        event("i", text);
    }

    void resize(int columns, int rows) throws IOException {
        event("r", columns + "x" + rows);
    }

    private void event(String code, String data) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = "[" + String.format(Locale.ROOT, "%.6f", seconds) + ", "
                + json.writeValueAsString(List.of(code, data)).substring(1) + "\n";
        synchronized (lock) {
            out.write(line);
            out.flush();
        }
    }

    long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            out.close();
        }
    }
}
