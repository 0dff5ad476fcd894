package dev.cloudops.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SseReader")
class SseReaderTest {

    private static List<SseReader.Event> read(SseReader reader) throws IOException {
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    private static SseReader reader(String stream) {
        return new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("reads the platform's stream: retry, then id and data per line, keep-alive comments skipped")
    void platformStream() throws IOException {
        SseReader reader = reader("retry:2000\n\n"
                + "id:2026-01-02T15:04:05.123456789Z#1\ndata:GET /healthz 200\n\n"
                + ": keep-alive\n\n"
                + "id:2026-01-02T15:04:05.123456789Z#2\ndata:  File \"app.py\", line 3\n\n");

        assertThat(read(reader))
                .containsExactly(
                        new SseReader.Event("2026-01-02T15:04:05.123456789Z#1", "GET /healthz 200"),
                        new SseReader.Event("2026-01-02T15:04:05.123456789Z#2", "  File \"app.py\", line 3"));
        assertThat(reader.retry()).contains(Duration.ofMillis(2000));
        assertThat(reader.lastEventId()).isEqualTo("2026-01-02T15:04:05.123456789Z#2");
    }

    @Test
    @DisplayName("CR, LF and CRLF all end lines; data lines of one event join with LF; empty data is an event")
    void lineEnds() throws IOException {
        SseReader reader = reader("id: a\r\ndata:one\rdata:two\n\r\ndata:\n\ndata:three\r\r");

        assertThat(read(reader))
                .containsExactly(
                        new SseReader.Event("a", "one\ntwo"),
                        new SseReader.Event("a", ""),
                        new SseReader.Event("a", "three"));
    }

    @Test
    @DisplayName("an event cut off by the end of the stream is dropped; a leading BOM is ignored")
    void cutOff() throws IOException {
        SseReader reader = reader("\uFEFFdata:whole\n\ndata:half");

        assertThat(read(reader)).containsExactly(new SseReader.Event(null, "whole"));
    }

    @Test
    @DisplayName("unknown fields, named events, bad retry values and ids with NUL are ignored; an empty id resets")
    void ignored() throws IOException {
        SseReader reader =
                reader("id:x\nevent:log\nfoo:bar\nretry:soon\ndata\n\nid:bad\u0000\ndata:y\n\nid\ndata:z\n\n");

        assertThat(read(reader))
                .containsExactly(
                        new SseReader.Event("x", ""), new SseReader.Event("x", "y"), new SseReader.Event(null, "z"));
        assertThat(reader.retry()).isEmpty();
    }

    @Test
    @DisplayName("a line over 1 MiB is cut there, not held whole")
    void longLine() throws IOException {
        String huge = "x".repeat(SseReader.MAX_LINE_BYTES + 10);
        SseReader reader = reader("data:" + huge + "\n\n");

        assertThat(reader.next().data()).hasSize(SseReader.MAX_LINE_BYTES - "data:".length());
    }
}
