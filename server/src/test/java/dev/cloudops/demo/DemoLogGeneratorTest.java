package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cloudops.demo.DemoLogGenerator.Profile;
import dev.cloudops.demo.DemoLogGenerator.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoLogGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Pattern KUBECTL_TIMESTAMPS =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z .*$");

    private static final int SLOT = 8;

    private final DemoLogGenerator generator = new DemoLogGenerator();

    private static Source source(Profile profile, String container) {
        return new Source("shop", "web-7d9f8b6c4-x2k9p", container, 0, profile, START);
    }

    @Test
    @DisplayName("is lazy: a stream of ten million lines, or an endless one, yields its first lines at once")
    void lazy() {
        List<String> first = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> generator
                        .lines("shop", "web-7d9f8b6c4-x2k9p", "web", START, 10_000_000)
                        .limit(5)
                        .toList());
        assertThat(first).hasSize(5);
        List<String> endless = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> generator
                        .lines("shop", "web-7d9f8b6c4-x2k9p", "web", START, Long.MAX_VALUE)
                        .skip(3)
                        .limit(3)
                        .toList());
        assertThat(endless.subList(0, 2)).isEqualTo(first.subList(3, 5));
    }

    @Test
    @DisplayName("produces any range without the lines before it, the same lines a full read gives")
    void randomAccess() {
        Source service = source(Profile.SERVICE, "web");
        List<String> tail = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> generator.lines(service, 9_999_990, 10_000_000).toList());
        assertThat(tail)
                .hasSize(10)
                .allMatch(line -> KUBECTL_TIMESTAMPS.matcher(line).matches());
        List<String> all = generator.lines(service, 0, 2_000).toList();
        assertThat(generator.lines(service, 1_500, 1_510).toList()).isEqualTo(all.subList(1_500, 1_510));
    }

    @Test
    @DisplayName("is deterministic: the same seed and source give the same lines, another seed or pod other lines")
    void deterministic() {
        List<String> once = generator.lines("shop", "web-1", "web", START, 500).toList();
        assertThat(new DemoLogGenerator()
                        .lines("shop", "web-1", "web", START, 500)
                        .toList())
                .isEqualTo(once);
        assertThat(new DemoLogGenerator(42)
                        .lines("shop", "web-1", "web", START, 500)
                        .toList())
                .isNotEqualTo(once);
        assertThat(generator.lines("shop", "web-2", "web", START, 500).toList()).isNotEqualTo(once);
    }

    @Test
    @DisplayName("prefixes every line with an RFC 3339 timestamp with nanoseconds, never going back in time")
    void timestamps() {
        for (Profile profile : Profile.values()) {
            Source source = source(profile, "web");
            List<String> lines = generator.lines(source, 0, 20_000).toList();
            assertThat(lines).allMatch(line -> KUBECTL_TIMESTAMPS.matcher(line).matches(), "kubectl --timestamps");
            Instant previous = START;
            for (String line : lines) {
                Instant t = Instant.parse(line.substring(0, line.indexOf(' ')));
                assertThat(t).isAfterOrEqualTo(previous);
                previous = t;
            }
            assertThat(generator.timestamp(source, 0)).isAfterOrEqualTo(START);
        }
    }

    @Test
    @DisplayName("mixes HTTP access lines with INFO, WARN and ERROR messages and the odd stack trace, per dialect")
    void mix() {
        List<String> services = new java.util.ArrayList<>();
        for (String container : List.of("web", "cart", "checkout", "ledger", "grafana", "search")) {
            services.addAll(generator
                    .lines(source(Profile.SERVICE, container), 0, 10_000)
                    .toList());
        }
        assertThat(services).anyMatch(l -> l.contains(" HTTP/1.1\" "));
        assertThat(services).anyMatch(l -> l.contains(" INFO  ["));
        assertThat(services).anyMatch(l -> l.contains(" WARN  ["));
        assertThat(services).anyMatch(l -> l.contains(" ERROR ["));
        assertThat(services).anyMatch(l -> l.contains(" \tat "));
        assertThat(services).anyMatch(l -> l.contains("\"msg\":\"request\",\"method\""));
        assertThat(services).anyMatch(l -> l.contains(" {\"level\":\"warn\""));
        assertThat(services).anyMatch(l -> l.contains(" {\"level\":\"error\""));
        List<String> envoy = generator
                .lines(source(Profile.SERVICE, DemoContainers.SIDECAR), SLOT, 2_000)
                .toList();
        assertThat(envoy).allMatch(l -> l.matches("^\\S+ \\[[^]]+] \"[A-Z]+ \\S+ HTTP/1.1\" \\d{3} .*"));
        List<String> klog = generator
                .lines(new Source("kube-system", "coredns-1", "coredns", 0, Profile.SERVICE, START), 0, 2_000)
                .toList();
        assertThat(klog).allMatch(l -> l.matches("^\\S+ [IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} .*"));
    }

    @Test
    @DisplayName("ends a crashing container's log in a stack trace and a fatal error")
    void crash() {
        for (String container : List.of("recommendations", "notifications-worker", "web", "cart")) {
            Source source = source(Profile.CRASH, container);
            long length = generator.length(source);
            List<String> lines = generator.lines(source, 0, Long.MAX_VALUE).toList();
            assertThat(lines).hasSize((int) length).hasSizeBetween(12, 20);
            assertThat(lines).anyMatch(l -> l.contains("\tat ") || l.contains("goroutine 1 [running]:"));
            assertThat(String.join("\n", lines.subList(lines.size() - 8, lines.size())))
                    .containsAnyOf("FATAL", "fatal", "panic:");
        }
    }

    @Test
    @DisplayName("ends a job's log with its completion line")
    void job() {
        Source source = source(Profile.JOB, "sitemap-generator");
        List<String> lines = generator.lines(source, 0, Long.MAX_VALUE).toList();
        assertThat(lines.get(0)).contains("Starting sitemap-generator");
        assertThat(lines.get(lines.size() - 1)).contains("Completed sitemap-generator");
    }

    @Test
    @DisplayName("finds how many lines were written before an instant, consistent with the lines' timestamps")
    void linesBefore() {
        Source source = source(Profile.SERVICE, "web");
        for (Duration after :
                List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(7), Duration.ofDays(3))) {
            Instant instant = START.plus(after);
            long count = generator.linesBefore(source, instant);
            if (count > 0) {
                assertThat(generator.timestamp(source, count - 1)).isBefore(instant);
            }
            assertThat(generator.timestamp(source, count)).isAfterOrEqualTo(instant);
        }
        assertThat(generator.linesBefore(source, START.plus(Duration.ofDays(3))))
                .isGreaterThan(generator.linesBefore(source, START.plus(Duration.ofDays(1))));
    }

    @Test
    @DisplayName("text() joins lines with a trailing newline each; a reversed range is refused")
    void text() {
        String text = generator.text("shop", "web-1", "web", START, 25);
        assertThat(text).endsWith("\n");
        assertThat(text.split("\n", -1)).hasSize(26);
        assertThatThrownBy(() -> generator.lines(source(Profile.SERVICE, "web"), 10, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
