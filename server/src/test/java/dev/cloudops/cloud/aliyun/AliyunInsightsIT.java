package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "ACK monitoring and access: CloudMonitor series, RAM users' and roles' RBAC grants listed, granted, revoked")
class AliyunInsightsIT extends AliyunTestSupport {

    static final String ALICE = "2222222222222222";
    static final String CI_ROLE = "3333333333333333";

    @Test
    @DisplayName("monitoring reads CloudMonitor acs_k8s by the cluster's id; node points are averaged per time")
    void monitoring() {
        long account = aliyunAccount(accessKey());
        String name = unique("mon");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
        long record = importAck(account, name);
        long t0 = 1_767_225_600_000L;
        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo("DescribeMetricList"))
                .withHeader("x-acs-version", equalTo("2019-01-01"))
                .withQueryParam("MetricName", equalTo("cluster.cpu.utilization"))
                .willReturn(ok("{\"RequestId\":\"r1\",\"Code\":\"200\",\"Success\":true,\"Period\":\"300\","
                        + "\"Datapoints\":\"[{\\\"timestamp\\\":" + t0 + ",\\\"cluster\\\":\\\"" + id
                        + "\\\",\\\"Average\\\":41.5,\\\"Maximum\\\":60},{\\\"timestamp\\\":" + (t0 + 300_000)
                        + ",\\\"cluster\\\":\\\"" + id + "\\\",\\\"Average\\\":43.5,\\\"Maximum\\\":61}]\"}")));
        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo("DescribeMetricList"))
                .withQueryParam("MetricName", equalTo("node.memory.utilization"))
                .willReturn(ok("{\"RequestId\":\"r2\",\"Code\":\"200\",\"Success\":true,\"Period\":\"300\","
                        + "\"Datapoints\":\"[{\\\"timestamp\\\":" + t0 + ",\\\"node\\\":\\\"n1\\\",\\\"Average\\\":20},"
                        + "{\\\"timestamp\\\":" + t0 + ",\\\"node\\\":\\\"n2\\\",\\\"Average\\\":40}]\"}")));

        var r = api.get(
                "/api/k8s/cloud/clusters/" + record
                        + "/monitoring?metrics=cluster.cpu.utilization,node.memory.utilization&minutes=60&period=300",
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).path("metric").asString()).isEqualTo("cluster.cpu.utilization");
        assertThat(r.json().get(0).path("unit").asString()).isEqualTo("Percent");
        assertThat(r.json().get(0).path("points")).hasSize(2);
        assertThat(r.json().get(0).path("points").get(1).path("value").asDouble())
                .isEqualTo(43.5);
        assertThat(r.json().get(1).path("points")).hasSize(1);
        assertThat(r.json().get(1).path("points").get(0).path("value").asDouble())
                .isEqualTo(30.0);

        var sent = AWS.findAll(rpc("DescribeMetricList"));
        assertThat(sent).hasSize(2);
        var first = sent.get(0);
        assertThat(first.queryParameter("Namespace").firstValue()).isEqualTo("acs_k8s");
        assertThat(first.queryParameter("Period").firstValue()).isEqualTo("300");
        assertThat(first.queryParameter("Dimensions").firstValue()).isEqualTo("[{\"cluster\":\"" + id + "\"}]");
        long start = Long.parseLong(first.queryParameter("StartTime").firstValue());
        long end = Long.parseLong(first.queryParameter("EndTime").firstValue());
        assertThat(end - start).isEqualTo(3_600_000L);
        assertThat(first.getHeader("Authorization")).startsWith("ACS3-HMAC-SHA256 Credential=LTAI");

        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo("DescribeMetricList"))
                .withQueryParam("MetricName", equalTo("no.such.metric"))
                .willReturn(ok("{\"RequestId\":\"r3\",\"Code\":\"400\",\"Success\":false,"
                        + "\"Message\":\"The specified metric is not supported.\"}")));
        var unknown = api.get("/api/k8s/cloud/clusters/" + record + "/monitoring?metrics=no.such.metric", admin);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("cloud-invalid-request");
        assertThat(unknown.json().path("detail").asString()).contains("not supported");
    }

    @Test
    @DisplayName("access: RAM users and roles with RBAC grants on the cluster, grants elsewhere left alone")
    void access() {
        long account = aliyunAccount(accessKey());
        String name = unique("acc");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
        long record = importAck(account, name);
        stubRpc(
                "ListUsers",
                ok("{\"RequestId\":\"r\",\"IsTruncated\":false,\"Users\":{\"User\":[{\"UserId\":\"" + ALICE
                        + "\",\"UserName\":\"alice\"},{\"UserId\":\"4444444444444444\",\"UserName\":\"bob\"}]}}"));
        stubRpc(
                "ListRoles",
                ok("{\"RequestId\":\"r\",\"IsTruncated\":false,\"Roles\":{\"Role\":[{\"RoleId\":\"" + CI_ROLE
                        + "\",\"RoleName\":\"ci\",\"Arn\":\"acs:ram::" + ALI_ACCOUNT + ":role/ci\"}]}}"));
        AWS.stubFor(get(urlPathEqualTo("/permissions/users/" + ALICE))
                .withHeader("x-acs-action", equalTo("DescribeUserPermission"))
                .willReturn(ok("[{\"resource_id\":\"" + id + "\",\"resource_type\":\"cluster\",\"role_name\":\"dev\","
                        + "\"role_type\":\"cluster\",\"is_owner\":0,\"is_ram_role\":0},"
                        + "{\"resource_id\":\"cother\",\"resource_type\":\"cluster\",\"role_name\":\"admin\","
                        + "\"role_type\":\"cluster\",\"is_owner\":0,\"is_ram_role\":0}]")));
        AWS.stubFor(get(urlPathEqualTo("/permissions/users/4444444444444444"))
                .willReturn(ok("[{\"resource_id\":\"cother\",\"resource_type\":\"cluster\",\"role_name\":\"ops\","
                        + "\"is_owner\":0,\"is_ram_role\":0}]")));
        AWS.stubFor(get(urlPathEqualTo("/permissions/users/" + CI_ROLE))
                .willReturn(ok("[{\"resource_id\":\"" + id + "/team-a\",\"resource_type\":\"namespace\","
                        + "\"role_name\":\"restricted\",\"is_owner\":0,\"is_ram_role\":1}]")));

        var list = api.get("/api/k8s/cloud/clusters/" + record + "/access", admin);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(list.json().get(0).path("principal").asString()).isEqualTo(ALICE);
        assertThat(list.json().get(0).path("type").asString()).isEqualTo("RamUser");
        assertThat(list.json().get(0).path("username").asString()).isEqualTo("alice");
        assertThat(list.json().get(0).path("policies").get(0).path("policy").asString())
                .isEqualTo("dev");
        assertThat(list.json().get(0).path("policies").get(0).path("namespaces"))
                .isEmpty();
        assertThat(list.json().get(1).path("type").asString()).isEqualTo("RamRole");
        assertThat(list.json()
                        .get(1)
                        .path("policies")
                        .get(0)
                        .path("namespaces")
                        .get(0)
                        .asString())
                .isEqualTo("team-a");

        Map<String, Map<String, Object>> bad = Map.of(
                "principal",
                Map.of("principal", "alice", "policy", "dev"),
                "policy",
                Map.of("principal", ALICE, "policy", "AmazonEKSViewPolicy"),
                "namespaces",
                Map.of("principal", ALICE, "policy", "admin", "namespaces", List.of("team-a")),
                "groups",
                Map.of("principal", ALICE, "policy", "dev", "groups", List.of("devs")));
        for (var c : bad.entrySet()) {
            var r = api.post("/api/k8s/cloud/clusters/" + record + "/access", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo(c.getKey());
        }
        assertThat(api.post(
                                "/api/k8s/cloud/clusters/" + record + "/access",
                                Map.of("principal", "9999999999999999", "policy", "dev"),
                                admin)
                        .code())
                .isEqualTo("cloud-not-found");
        AWS.verify(0, postRequestedFor(urlPathMatching("/permissions/users/.*")));

        AWS.stubFor(post(urlPathEqualTo("/permissions/users/" + CI_ROLE))
                .withHeader("x-acs-action", equalTo("GrantPermissions"))
                .withRequestBody(equalToJson("[{\"cluster\":\"" + id + "\",\"role_type\":\"namespace\","
                        + "\"namespace\":\"team-a\",\"role_name\":\"restricted\",\"is_custom\":false,"
                        + "\"is_ram_role\":true},{\"cluster\":\"" + id + "\",\"role_type\":\"namespace\","
                        + "\"namespace\":\"team-b\",\"role_name\":\"edit-crds\",\"is_custom\":true,"
                        + "\"is_ram_role\":true}]"))
                .willReturn(ok("")));
        var granted = api.post(
                "/api/k8s/cloud/clusters/" + record + "/access",
                Map.of("principal", CI_ROLE, "policy", "custom:edit-crds", "namespaces", List.of("team-b")),
                admin);
        assertThat(granted.status()).as(granted.text()).isEqualTo(201);
        assertThat(granted.json().path("principal").asString()).isEqualTo(CI_ROLE);

        AWS.stubFor(post(urlPathEqualTo("/permissions/users/" + ALICE))
                .withRequestBody(equalToJson("[{\"cluster\":\"cother\",\"role_type\":\"cluster\",\"namespace\":\"\","
                        + "\"role_name\":\"admin\",\"is_custom\":false,\"is_ram_role\":false}]"))
                .willReturn(ok("")));
        var revoked = api.delete("/api/k8s/cloud/clusters/" + record + "/access?principal=" + ALICE, admin);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
        assertThat(api.delete("/api/k8s/cloud/clusters/" + record + "/access?principal=4444444444444444", admin)
                        .code())
                .isEqualTo("cloud-not-found");
        AWS.verify(1, postRequestedFor(urlPathEqualTo("/permissions/users/" + ALICE)));
        AWS.verify(0, postRequestedFor(urlPathEqualTo("/permissions/users/4444444444444444")));
    }
}
