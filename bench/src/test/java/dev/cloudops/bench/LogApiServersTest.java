package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LogApiServersTest {

    @Test
    void readsTheTimestampsParameter() {
        assertThat(LogApiServers.wantsTimestamps(null)).isFalse();
        assertThat(LogApiServers.wantsTimestamps("container=app")).isFalse();
        assertThat(LogApiServers.wantsTimestamps("pretty=false&container=app&timestamps=true"))
                .isTrue();
        assertThat(LogApiServers.wantsTimestamps("timestamps=false")).isFalse();
    }

    @Test
    void matchesTheLogSubresourceWithAnyQuery() {
        Matcher m = LogApiServers.LOG_PATH.matcher("/api/v1/namespaces/bench/pods/big-log/log?container=app");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("container=app");
        assertThat(LogApiServers.LOG_PATH
                        .matcher("/api/v1/namespaces/bench/pods/big-log")
                        .matches())
                .isFalse();
        assertThat(LogApiServers.LOG_PATH
                        .matcher("/api/v1/namespaces/bench/pods/big-log/log")
                        .matches())
                .isTrue();
    }

    @Test
    void thePodIsRunningWithItsOneContainer() {
        var pod = LogApiServers.pod();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getSpec().getContainers())
                .singleElement()
                .satisfies(c -> assertThat(c.getName()).isEqualTo("app"));
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getRunning())
                .isNotNull();
    }

    @Test
    void discoveryDocumentsAreJsonThatNamesPods() {
        JsonMapper json = JsonMapper.builder().build();
        LogApiServers.DISCOVERY
                .values()
                .forEach(doc -> assertThat(json.readTree(doc).isObject()).isTrue());
        assertThat(json.readTree(LogApiServers.DISCOVERY.get("/api/v1"))
                        .path("resources")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("pods");
    }
}
