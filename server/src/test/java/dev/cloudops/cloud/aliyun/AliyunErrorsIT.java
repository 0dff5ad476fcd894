package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ACK errors: throttling retried with back-off, every failure a cloud-* problem, rights checked first")
class AliyunErrorsIT extends AliyunTestSupport {

    private static final String GHOST = "c" + "0".repeat(32);

    @Test
    @DisplayName("Throttling.User twice, then an answer: the call succeeds after three attempts")
    void throttlingRetried() {
        long account = aliyunAccount(accessKey());
        stubClustersInTurn(
                ackError(400, "Throttling.User", "Request was denied due to user flow control."),
                ackError(429, "Throttling", "Request was denied due to flow control."),
                ok("{\"clusters\":[],\"page_info\":{\"page_number\":1,\"page_size\":100,\"total_count\":0}}"));
        var r = api.get(discover(account), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json()).isEmpty();
        AWS.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/clusters")));
    }

    @Test
    @DisplayName("throttling that does not stop is 429 cloud-throttled after cloudops.cloud.max-attempts tries")
    void throttlingGivesUp() {
        long account = aliyunAccount(accessKey());
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(ackError(400, "Throttling.User", "Request was denied due to user flow control.")));
        var r = api.get(discover(account), admin);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("cloud-throttled");
        assertThat(r.json().path("detail").asString())
                .contains("Throttling.User")
                .contains("req-Throttling.User");
        AWS.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/clusters")));
    }

    @Test
    @DisplayName("a missing RAM permission is 403, a 5xx 503 after retries, an unknown cluster 404, never a 500")
    void problems() {
        long account = aliyunAccount(accessKey());
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(
                        ackError(403, "Forbidden.RAM", "User not authorized to operate on the specified resource")));
        var denied = api.get(discover(account), admin);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("cloud-access-denied");

        AWS.resetAll();
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(ackError(503, "ServiceUnavailable", "The request has failed due to a temporary failure")));
        var down = api.get(discover(account), admin);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("cloud-unavailable");
        AWS.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/clusters")));

        AWS.resetAll();
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(ok("{\"clusters\":[],\"page_info\":{\"page_number\":1,\"page_size\":100,"
                        + "\"total_count\":0}}")));
        long records = count("cloud_clusters");
        var missing = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/ghost/import",
                java.util.Map.of("register", false),
                admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("cloud-not-found");
        assertThat(count("cloud_clusters")).isEqualTo(records);

        AWS.stubFor(get(urlPathEqualTo("/clusters/" + GHOST))
                .willReturn(ackError(404, "ErrorClusterNotFound", "cluster c000 not found")));
        var byId = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + GHOST + "/import",
                java.util.Map.of("register", false),
                admin);
        assertThat(byId.code()).isEqualTo("cloud-not-found");
        assertThat(byId.json().path("detail").asString()).contains("ErrorClusterNotFound");
    }

    @Test
    @DisplayName("an account the user holds no rights on does not exist for them, and ACK is not called")
    void noRights() {
        long account = aliyunAccount(accessKey());
        AWS.resetAll();
        String stranger = userWith(List.of(grant("ADMIN", 1L, null)));
        var r = api.get(discover(account), stranger);
        assertThat(r.code()).isEqualTo("cloud-account-not-found");
        var create = api.post(
                "/api/k8s/cloud/accounts/" + account + "/clusters",
                java.util.Map.of("region", REGION, "name", "x", "version", "1.31.1-aliyun.1"),
                stranger);
        assertThat(create.status()).isIn(403, 404);
        AWS.verify(
                0,
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    private static String discover(long account) {
        return "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters";
    }

    private static void stubClustersInTurn(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var stub = get(urlPathEqualTo("/api/v1/clusters"))
                    .inScenario("turns")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "t" + i)
                    .willReturn(answers[i]);
            AWS.stubFor(i == answers.length - 1 ? stub : stub.willSetStateTo("t" + (i + 1)));
        }
    }
}
