package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoPodLogsTest {

    private static final Clock CLOCK = DemoFixturesTest.CLOCK;
    private static final List<HasMetadata> OBJECTS = DemoFixtures.objects(CLOCK);

    private final DemoPodLogs logs = new DemoPodLogs(new DemoLogGenerator(), CLOCK, 2_000);

    private static Pod pod(String namespace, Predicate<Pod> filter) {
        return OBJECTS.stream()
                .filter(Pod.class::isInstance)
                .map(Pod.class::cast)
                .filter(p -> p.getMetadata().getNamespace().equals(namespace))
                .filter(filter)
                .findFirst()
                .orElseThrow();
    }

    private static Pod pod(String namespace, String workload) {
        return pod(namespace, p -> workload.equals(p.getMetadata().getLabels().get("app.kubernetes.io/name")));
    }

    private static List<String> lines(DemoPodLogs.Answer answer) {
        assertThat(answer.code()).as("status of %s", answer.status()).isEqualTo(200);
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }

    private static String error(DemoPodLogs.Answer answer) {
        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.status().getReason()).isEqualTo("BadRequest");
        return answer.status().getMessage();
    }

    @Test
    @DisplayName("tails a running container's log, without timestamps unless asked, every line written before now")
    void tail() {
        Pod web = pod("shop", "web");
        List<String> plain = lines(logs.answer(web, "pretty=false&container=web&tailLines=10"));
        assertThat(plain).hasSize(10).noneMatch(l -> l.startsWith("2026-"));
        List<String> stamped = lines(logs.answer(web, "pretty=false&container=web&tailLines=10&timestamps=true"));
        assertThat(stamped).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(stamped.get(i)).endsWith(plain.get(i));
            assertThat(Instant.parse(stamped.get(i).substring(0, stamped.get(i).indexOf(' '))))
                    .isBefore(CLOCK.instant());
        }
    }

    @Test
    @DisplayName("keeps at most the configured number of lines, like a kubelet's rotated log")
    void window() {
        assertThat(lines(logs.answer(pod("shop", "web"), "container=web"))).hasSize(2_000);
    }

    @Test
    @DisplayName("grows as time passes")
    void grows() {
        Pod web = pod("shop", "web");
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(10));
        DemoPodLogs afterwards = new DemoPodLogs(new DemoLogGenerator(), later, 2_000);
        String last = lines(logs.answer(web, "container=web&tailLines=1&timestamps=true"))
                .get(0);
        String laterLast = lines(afterwards.answer(web, "container=web&tailLines=1&timestamps=true"))
                .get(0);
        assertThat(Instant.parse(laterLast.substring(0, laterLast.indexOf(' '))))
                .isAfter(Instant.parse(last.substring(0, last.indexOf(' '))));
    }

    @Test
    @DisplayName("honours sinceSeconds and limitBytes")
    void sinceAndLimit() {
        Pod web = pod("shop", "web");
        List<String> recent = lines(logs.answer(web, "container=web&sinceSeconds=60&timestamps=true"));
        assertThat(recent)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(Instant.parse(l.substring(0, l.indexOf(' '))))
                        .isAfterOrEqualTo(CLOCK.instant().minusSeconds(60)));
        assertThat(logs.answer(web, "container=web&limitBytes=100").body()).hasSize(100);
        assertThat(error(logs.answer(web, "container=web&tailLines=-1"))).startsWith("tailLines: Invalid value");
    }

    @Test
    @DisplayName("asks for a container name when a pod has several, and refuses one it does not have")
    void containerChoice() {
        Pod api = pod("payments", "payments-api");
        assertThat(error(logs.answer(api, "pretty=false")))
                .isEqualTo("a container name must be specified for pod "
                        + api.getMetadata().getName() + ", choose one of: [payments-api envoy]");
        assertThat(lines(logs.answer(api, "container=envoy&tailLines=3"))).hasSize(3);
        assertThat(error(logs.answer(api, "container=app")))
                .isEqualTo("container app is not valid for pod "
                        + api.getMetadata().getName());
        assertThat(lines(logs.answer(pod("shop", "web"), "tailLines=2"))).hasSize(2);
    }

    @Test
    @DisplayName("shows a crash-looping container's last run, ending in its fatal error, also as previous")
    void crashLoop() {
        Pod crashing = pod("shop", "recommendations");
        List<String> current = lines(logs.answer(crashing, "container=recommendations"));
        assertThat(current.subList(current.size() - 8, current.size()))
                .anyMatch(l -> l.contains("FATAL") || l.contains("fatal") || l.startsWith("panic:"));
        assertThat(lines(logs.answer(crashing, "container=recommendations&previous=true")))
                .isEqualTo(current);
    }

    @Test
    @DisplayName("answers as the kubelet does for containers that never started or have no previous run")
    void notStarted() {
        Pod pulling = pod("shop", "search");
        assertThat(error(logs.answer(pulling, "container=search")))
                .isEqualTo("container \"search\" in pod \""
                        + pulling.getMetadata().getName() + "\" is waiting to start: trying and failing to pull image");
        Pod web = pod("shop", "web");
        assertThat(error(logs.answer(web, "container=web&previous=true")))
                .isEqualTo("previous terminated container \"web\" in pod \""
                        + web.getMetadata().getName() + "\" not found");
        assertThat(lines(logs.answer(pod("shop", "image-resizer"), "container=image-resizer")))
                .isEmpty();
    }

    @Test
    @DisplayName("shows an OOM-killed container's previous run and a finished job's complete log")
    void finished() {
        Pod checkout = pod("shop", "checkout");
        assertThat(lines(logs.answer(checkout, "container=checkout&previous=true&tailLines=5")))
                .hasSize(5);
        Pod job = pod("payments", p -> p.getMetadata().getName().startsWith("ledger-migrate"));
        List<String> all = lines(logs.answer(job, ""));
        assertThat(all.get(all.size() - 1)).contains("Completed");
        Pod running = pod("staging", "load-test");
        List<String> partial = lines(logs.answer(running, ""));
        assertThat(partial).isNotEmpty().noneMatch(l -> l.contains("Completed"));
    }

    @Test
    @DisplayName("gives the same answer for the same pod, query and time")
    void deterministic() {
        Pod web = pod("shop", "web");
        assertThat(logs.answer(web, "container=web&tailLines=50").body())
                .isEqualTo(new DemoPodLogs(new DemoLogGenerator(), Clock.fixed(CLOCK.instant(), ZoneOffset.UTC), 2_000)
                        .answer(web, "container=web&tailLines=50")
                        .body());
    }
}
