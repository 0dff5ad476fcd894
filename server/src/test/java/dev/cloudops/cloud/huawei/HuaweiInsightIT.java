package dev.cloudops.cloud.huawei;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Huawei Cloud CCE: Cloud Eye node metrics, IAM group access, error mapping and throttling")
class HuaweiInsightIT extends HuaweiTestSupport {

    static final String GROUP = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String ROLE = "c0ffee00c0ffee00c0ffee00c0ffee00";

    private String ak;
    private String clusterId;

    private long imported() {
        ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("in");
        clusterId = uuid();
        stubClusters(cluster(name, clusterId, "Available", "v1.29"));
        stubNodePools(clusterId);
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    @Test
    @DisplayName("monitoring reads the nodes' ECS metrics from Cloud Eye in one batch, named per node")
    void monitoring() {
        long record = imported();
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS + "/" + clusterId + "/nodes"))
                .willReturn(ok("{\"kind\":\"List\",\"apiVersion\":\"v3\",\"items\":[" + node("node-a", "srv-a") + ","
                        + node("node-b", "srv-b") + "]}")));
        String batch = "/V1.0/" + PROJECT + "/batch-query-metric-data";
        AWS.stubFor(post(urlPathEqualTo(batch))
                .withRequestBody(matchingJsonPath("$.period", equalTo("300")))
                .withRequestBody(matchingJsonPath("$.filter", equalTo("average")))
                .willReturn(ok(
                        "{\"metrics\":[" + series("cpu_util", "srv-a", "%", 1767225900000L, 41.5, 1767225600000L, 40.0)
                                + "," + series("cpu_util", "srv-b", "%", 1767225600000L, 12.25) + "]}")));
        var r = api.get(
                "/api/k8s/cloud/clusters/" + record + "/monitoring?metrics=cpu_util&minutes=60&period=300", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).path("metric").asString()).isEqualTo("cpu_util/node-a");
        assertThat(r.json().get(0).path("unit").asString()).isEqualTo("%");
        assertThat(r.json().get(0).path("points").get(0).path("value").asDouble())
                .isEqualTo(40.0);
        assertThat(r.json().get(0).path("points").get(1).path("value").asDouble())
                .isEqualTo(41.5);
        assertThat(r.json().get(1).path("metric").asString()).isEqualTo("cpu_util/node-b");
        AWS.verify(cce(postRequestedFor(urlPathEqualTo(batch)), ak)
                .withRequestBody(equalToJson(
                        "{\"metrics\":[{\"namespace\":\"SYS.ECS\",\"metric_name\":\"cpu_util\",\"dimensions\":"
                                + "[{\"name\":\"instance_id\",\"value\":\"srv-a\"}]},{\"namespace\":\"SYS.ECS\","
                                + "\"metric_name\":\"cpu_util\",\"dimensions\":[{\"name\":\"instance_id\",\"value\":"
                                + "\"srv-b\"}]}]}",
                        true,
                        true)));
        assertThat(CesMonitoring.period(60)).isEqualTo(300);
        assertThat(CesMonitoring.period(3600)).isEqualTo(3600);
        assertThat(CesMonitoring.period(90000)).isEqualTo(86400);
    }

    @Test
    @DisplayName("access: IAM groups holding CCE roles on the project are listed, granted and revoked")
    void access() {
        long record = imported();
        String roles = "/v3/projects/" + PROJECT + "/groups/" + GROUP + "/roles";
        AWS.stubFor(get(urlPathEqualTo("/v3/groups"))
                .willReturn(ok("{\"groups\":[" + group(GROUP, "developers") + ","
                        + group("b1b2c3d4e5f60718293a4b5c6d7e8f90", "finance") + "],\"links\":{}}")));
        AWS.stubFor(get(urlPathEqualTo("/v3/groups/" + GROUP))
                .willReturn(ok("{\"group\":" + group(GROUP, "developers") + "}")));
        AWS.stubFor(get(urlPathEqualTo(roles))
                .inScenario("roles")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"roles\":[" + role("d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0", "OBS OperateAccess", "OBS")
                        + "],\"links\":{}}")));
        AWS.stubFor(get(urlPathEqualTo("/v3/projects/" + PROJECT + "/groups/b1b2c3d4e5f60718293a4b5c6d7e8f90/roles"))
                .willReturn(ok("{\"roles\":[],\"links\":{}}")));
        var none = api.get("/api/k8s/cloud/clusters/" + record + "/access", admin);
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.json()).isEmpty();

        AWS.stubFor(get(urlPathEqualTo("/v3/roles"))
                .withQueryParam("display_name", equalTo("CCE ReadOnlyAccess"))
                .willReturn(ok("{\"roles\":[" + role(ROLE, "CCE ReadOnlyAccess", "CCE") + "],\"total_number\":1}")));
        AWS.stubFor(get(urlPathEqualTo(roles))
                .inScenario("roles")
                .whenScenarioStateIs("granted")
                .willReturn(ok("{\"roles\":[" + role(ROLE, "CCE ReadOnlyAccess", "CCE") + "],\"links\":{}}")));
        AWS.stubFor(put(urlPathEqualTo(roles + "/" + ROLE))
                .inScenario("roles")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(204)
                        .withHeader("X-Request-Id", "req-put"))
                .willSetStateTo("granted"));
        var granted = api.post(
                "/api/k8s/cloud/clusters/" + record + "/access",
                Map.of("principal", GROUP, "policy", "CCE ReadOnlyAccess"),
                admin);
        assertThat(granted.status()).as(granted.text()).isEqualTo(201);
        assertThat(granted.json().path("principal").asString()).isEqualTo(GROUP);
        assertThat(granted.json().path("type").asString()).isEqualTo("group");
        assertThat(granted.json().path("username").asString()).isEqualTo("developers");
        assertThat(granted.json().path("policies").get(0).path("policy").asString())
                .isEqualTo("CCE ReadOnlyAccess");
        AWS.verify(signed(putRequestedFor(urlPathEqualTo(roles + "/" + ROLE)), ak));

        var listed = api.get("/api/k8s/cloud/clusters/" + record + "/access", admin);
        assertThat(listed.json()).hasSize(1);

        AWS.stubFor(delete(urlPathEqualTo(roles + "/" + ROLE))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(204)
                        .withHeader("X-Request-Id", "req-del")));
        var revoked = api.delete("/api/k8s/cloud/clusters/" + record + "/access?principal=" + GROUP, admin);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
        AWS.verify(signed(deleteRequestedFor(urlPathEqualTo(roles + "/" + ROLE)), ak));
    }

    @Test
    @DisplayName("access refuses namespaces, a principal that is no group id and an unknown CCE policy")
    void accessBadInput() {
        long record = imported();
        var namespaced = api.post(
                "/api/k8s/cloud/clusters/" + record + "/access",
                Map.of("principal", GROUP, "policy", "CCE ReadOnlyAccess", "namespaces", List.of("team-a")),
                admin);
        assertThat(namespaced.status()).as(namespaced.text()).isEqualTo(400);
        assertThat(namespaced.json().path("field").asString()).isEqualTo("namespaces");
        var user = api.post(
                "/api/k8s/cloud/clusters/" + record + "/access",
                Map.of("principal", "arn:aws:iam::1:user/x", "policy", "CCE ReadOnlyAccess"),
                admin);
        assertThat(user.status()).isEqualTo(400);
        assertThat(user.json().path("field").asString()).isEqualTo("principal");
        AWS.verify(
                0, putRequestedFor(urlPathEqualTo("/v3/projects/" + PROJECT + "/groups/" + GROUP + "/roles/" + ROLE)));

        AWS.stubFor(get(urlPathEqualTo("/v3/groups/" + GROUP))
                .willReturn(ok("{\"group\":" + group(GROUP, "developers") + "}")));
        AWS.stubFor(get(urlPathEqualTo("/v3/roles")).willReturn(ok("{\"roles\":[],\"total_number\":0}")));
        var unknown = api.post(
                "/api/k8s/cloud/clusters/" + record + "/access",
                Map.of("principal", GROUP, "policy", "CCE Everything"),
                admin);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("cloud-invalid-request");
    }

    @Test
    @DisplayName("throttling (429) is retried with back-off; what persists is 429 cloud-throttled")
    void throttling() {
        long record = imported();
        AWS.resetRequests();
        String pools = CLUSTERS + "/" + clusterId + "/nodepools";
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, "APIGW.0308", "The throttling threshold has been reached"))
                .willSetStateTo("once"));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("throttle")
                .whenScenarioStateIs("once")
                .willReturn(error(429, "APIGW.0308", "The throttling threshold has been reached"))
                .willSetStateTo("ok"));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("throttle")
                .whenScenarioStateIs("ok")
                .willReturn(ok("{\"items\":[" + nodePool("workers", uuid(), null, 2, 1, 5) + "]}")));
        var r = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get(0).path("name").asString()).isEqualTo("workers");
        AWS.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(pools)));

        AWS.stubFor(get(urlPathEqualTo(pools))
                .willReturn(error(429, "APIGW.0308", "The throttling threshold has been reached")));
        var throttled = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups", admin);
        assertThat(throttled.status()).as(throttled.text()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("cloud-throttled");
        assertThat(throttled.json().path("detail").asString()).contains("APIGW.0308");
    }

    @Test
    @DisplayName("CCE errors map to cloud problems: 403 denied, quota, 409 conflict, 5xx after retries unavailable")
    void errors() {
        long record = imported();
        String pools = CLUSTERS + "/" + clusterId + "/nodepools";
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("cloud-access-denied", new Object[] {403, "CCE.01403001", "Forbidden: cce:nodepool:list", 403});
        cases.put("cloud-quota-exceeded", new Object[] {400, "CCE.01400013", "Insufficient quota of node", 422});
        cases.put("cloud-conflict", new Object[] {409, "CCE.01409001", "The cluster is being upgraded", 409});
        cases.put("cloud-unavailable", new Object[] {503, "CCE.01500000", "Internal error", 503});
        cases.put("cloud-invalid-request", new Object[] {400, "CCE.01400001", "Invalid request body", 422});
        cases.put(
                "cloud-auth-failed", new Object[] {401, "APIGW.0301", "Incorrect IAM authentication information", 422});
        for (var c : cases.entrySet()) {
            Object[] v = c.getValue();
            AWS.stubFor(get(urlPathEqualTo(pools)).willReturn(error((int) v[0], (String) v[1], (String) v[2])));
            var r = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups", admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(v[3]);
            assertThat(r.code()).isEqualTo(c.getKey());
            assertThat(r.json().path("detail").asString()).contains((String) v[1]);
        }
    }

    static String node(String name, String server) {
        return "{\"kind\":\"Node\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"" + uuid()
                + "\"},\"spec\":{\"flavor\":\"c7.large.2\",\"az\":\"" + REGION
                + "a\"},\"status\":{\"phase\":\"Active\","
                + "\"serverId\":\"" + server + "\",\"privateIP\":\"192.168.0.21\"}}";
    }

    static String series(String metric, String server, String unit, Object... points) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < points.length; i += 2) {
            p.append(p.isEmpty() ? "" : ",")
                    .append("{\"average\":")
                    .append(points[i + 1])
                    .append(",\"timestamp\":")
                    .append(points[i])
                    .append("}");
        }
        return "{\"namespace\":\"SYS.ECS\",\"metric_name\":\"" + metric + "\",\"dimensions\":[{\"name\":"
                + "\"instance_id\",\"value\":\"" + server + "\"}],\"datapoints\":[" + p + "],\"unit\":\"" + unit
                + "\"}";
    }

    static String group(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"domain_id\":\"" + DOMAIN
                + "\",\"description\":\"\",\"create_time\":1767225600000,\"links\":{\"self\":\"https://iam/v3/groups/"
                + id + "\"}}";
    }

    static String role(String id, String displayName, String catalog) {
        return "{\"id\":\"" + id + "\",\"name\":\""
                + displayName.toLowerCase(java.util.Locale.ROOT).replace(' ', '_')
                + "\",\"display_name\":\"" + displayName + "\",\"catalog\":\"" + catalog + "\",\"type\":\"XA\","
                + "\"flag\":\"fine_grained\",\"description\":\"\",\"links\":{\"self\":\"https://iam/v3/roles/" + id
                + "\"},\"policy\":{\"Version\":\"1.1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"cce:*:get\"]}]}}";
    }
}
