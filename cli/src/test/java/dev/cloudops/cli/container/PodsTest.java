package dev.cloudops.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Pods")
class PodsTest {

    static final String TWO_CONTAINERS = """
            {"metadata":{"name":"web-1","annotations":{}},
             "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"web"},{"name":"istio-proxy"}]},
             "status":{"containerStatuses":[
                {"name":"web","state":{"running":{"startedAt":"2026-06-01T11:00:00Z"}}},
                {"name":"istio-proxy","state":{"terminated":{"exitCode":0}}}],
              "initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":0}}}]}}""";

    private static JsonNode pod(String json) {
        return Json.readTree(json);
    }

    @Test
    @DisplayName("a pod with one container defaults to it")
    void single() {
        JsonNode pod = pod("{\"spec\":{\"containers\":[{\"name\":\"app\"}]}}");

        assertThat(Pods.defaultContainer(pod, "shop", "p")).isEqualTo("app");
    }

    @Test
    @DisplayName("with several containers, the kubectl default-container annotation decides, if it names one")
    void annotation() {
        JsonNode pod = pod(TWO_CONTAINERS.replace(
                "\"annotations\":{}", "\"annotations\":{\"kubectl.kubernetes.io/default-container\":\"istio-proxy\"}"));
        JsonNode wrong = pod(TWO_CONTAINERS.replace(
                "\"annotations\":{}", "\"annotations\":{\"kubectl.kubernetes.io/default-container\":\"gone\"}"));

        assertThat(Pods.defaultContainer(pod, "shop", "web-1")).isEqualTo("istio-proxy");
        assertThatThrownBy(() -> Pods.defaultContainer(wrong, "shop", "web-1")).isInstanceOf(CliException.class);
    }

    @Test
    @DisplayName("otherwise the choice is the user's: the error lists the containers and names -c")
    void ambiguous() {
        assertThatThrownBy(() -> Pods.defaultContainer(pod(TWO_CONTAINERS), "shop", "web-1"))
                .isInstanceOf(CliException.class)
                .hasMessage("pod shop/web-1 has 2 containers (web, istio-proxy); choose one with -c");
        assertThatThrownBy(() -> Pods.defaultContainer(pod("{}"), "shop", "web-1"))
                .hasMessage("pod shop/web-1 lists no containers; name one with -c");
    }

    @Test
    @DisplayName("running is read from the container's state in any status list; unknown containers are empty")
    void running() {
        JsonNode pod = pod(TWO_CONTAINERS);

        assertThat(Pods.running(pod, "web")).contains(true);
        assertThat(Pods.running(pod, "istio-proxy")).contains(false);
        assertThat(Pods.running(pod, "init")).contains(false);
        assertThat(Pods.running(pod, "nope")).isEmpty();
    }
}
