package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.testing.MockCluster;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ACK clusters: discovered, created (initial → running / failed), upgraded, changed and deleted as jobs")
class AliyunClustersIT extends AliyunTestSupport {

    @Test
    @DisplayName("discover lists the region's clusters through a signed DescribeClustersV1; import records one")
    void discoverAndImport() {
        long account = aliyunAccount(accessKey());
        String a = unique("ack-a");
        String idA = clusterId();
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(ok("{\"clusters\":[" + ackCluster(idA, a, "running", "1.30.1-aliyun.1", true) + ","
                        + ackCluster(clusterId(), unique("ack-b"), "initial", "1.31.1-aliyun.1", false) + "],"
                        + "\"page_info\":{\"page_number\":1,\"page_size\":100,\"total_count\":2}}")));
        var found = api.get("/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters", admin);
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json()).hasSize(2);
        var first = found.json().get(0).path("cluster");
        assertThat(first.path("name").asString()).isEqualTo(a);
        assertThat(first.path("cloudId").asString()).isEqualTo(idA);
        assertThat(first.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(first.path("endpoint").asString()).isEqualTo("https://47.96.1.2:6443");
        assertThat(first.path("settings").path("deletionProtection").asString()).isEqualTo("true");
        assertThat(first.path("settings").path("tags.team").asString()).isEqualTo("platform");
        var second = found.json().get(1).path("cluster");
        assertThat(second.path("status").asString()).isEqualTo("CREATING");
        assertThat(second.path("endpoint").asString()).isEqualTo("https://192.168.0.10:6443");
        AWS.verify(getRequestedFor(urlPathEqualTo("/api/v1/clusters"))
                .withQueryParam("region_id", equalTo(REGION))
                .withQueryParam("page_number", equalTo("1"))
                .withHeader("x-acs-action", equalTo("DescribeClustersV1"))
                .withHeader("x-acs-version", equalTo("2015-12-15"))
                .withHeader("Authorization", matching("ACS3-HMAC-SHA256 Credential=LTAI[0-9a-f]{20},.*")));

        stubAckCluster(idA, a, "running", "1.30.1-aliyun.1", ackPool("np-workers", "workers", "active", 1, 5, 2));
        long id = importAck(account, a);
        var view = api.get("/api/k8s/cloud/clusters/" + id, admin).json();
        assertThat(view.path("cloudId").asString()).isEqualTo(idA);
        assertThat(view.path("provider").asString()).isEqualTo("aliyun");
        assertThat(view.path("version").asString()).isEqualTo("1.30.1-aliyun.1");
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin)
                        .json()
                        .path("differences"))
                .isEmpty();
    }

    @Test
    @DisplayName("create: CreateCluster, initial → running, then registered with ACK's temporary kubeconfig")
    void createToActive() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            long account = aliyunAccount(accessKey());
            String name = unique("new");
            String id = clusterId();
            AWS.stubFor(post(urlPathEqualTo("/clusters"))
                    .withHeader("x-acs-action", equalTo("CreateCluster"))
                    .withRequestBody(equalToJson(
                            "{\"name\":\"" + name + "\",\"region_id\":\"" + REGION + "\","
                                    + "\"cluster_type\":\"ManagedKubernetes\",\"cluster_spec\":\"ack.pro.small\","
                                    + "\"kubernetes_version\":\"1.31.1-aliyun.1\",\"vpcid\":\"vpc-bp1abcdefgh\","
                                    + "\"vswitch_ids\":[\"vsw-bp1aaaaaaa\",\"vsw-bp1bbbbbbb\"],"
                                    + "\"endpoint_public_access\":true,\"snat_entry\":true,\"num_of_nodes\":0,"
                                    + "\"is_enterprise_security_group\":true,"
                                    + "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"}]}",
                            true,
                            true))
                    .willReturn(ok("{\"cluster_id\":\"" + id + "\",\"request_id\":\"r-1\",\"task_id\":\"T-1\"}")));
            stubStates(name, id, "initial", "initial", "running");
            AWS.stubFor(get(urlPathEqualTo("/k8s/" + id + "/user_config"))
                    .withQueryParam("TemporaryDurationMinutes", equalTo("180"))
                    .withQueryParam("PrivateIpAddress", equalTo("false"))
                    .willReturn(ok("{\"config\":" + jsonString(mock.kubeconfig())
                            + ",\"expiration\":\"2099-01-01T03:00:00Z\"}")));

            var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            long record = started.json().path("cloudClusterId").asLong();
            assertThat(api.get("/api/k8s/cloud/clusters/" + record, admin)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("CREATING");

            var job = awaitJob(started.json().path("id").asLong());
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.path("phase").asString()).isEqualTo("RUNNING");
            assertThat(job.path("polls").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(job.path("message").asString()).contains("registered as cluster");
            var view = api.get("/api/k8s/cloud/clusters/" + record, admin).json();
            assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(view.path("cloudId").asString()).isEqualTo(id);
            assertThat(Instant.parse(view.path("credentialsExpireAt").asString()))
                    .isEqualTo(Instant.parse("2099-01-01T03:00:00Z"));
            long clusterId = view.path("clusterId").asLong();
            assertThat(api.get("/api/k8s/cluster/" + clusterId, admin)
                            .json()
                            .path("name")
                            .asString())
                    .isEqualTo(name);
            assertThat(mock.server().getLastRequest().getHeader("Authorization"))
                    .isEqualTo("Bearer " + MockCluster.TOKEN);
        }
    }

    @Test
    @DisplayName("create: initial → failed ends the job failed with the ACK task's error; the record says FAILED")
    void createToFailed() {
        long account = aliyunAccount(accessKey());
        String name = unique("bad");
        String id = clusterId();
        AWS.stubFor(post(urlPathEqualTo("/clusters"))
                .willReturn(ok("{\"cluster_id\":\"" + id + "\",\"request_id\":\"r-2\",\"task_id\":\"T-fail\"}")));
        stubStates(name, id, "initial", "initial", "failed");
        AWS.stubFor(
                get(urlPathEqualTo("/tasks/T-fail"))
                        .withHeader("x-acs-action", equalTo("DescribeTaskInfo"))
                        .willReturn(
                                ok(
                                        "{\"task_id\":\"T-fail\",\"cluster_id\":\"" + id
                                                + "\",\"task_type\":\"cluster_create\","
                                                + "\"state\":\"failed\",\"created\":\"2026-01-01T08:00:00+08:00\","
                                                + "\"error\":{\"code\":\"ErrVSwitchNotExist\",\"message\":\"vsw-bp1bbbbbbb does not exist\"}}")));
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("errorCode").asString()).isEqualTo("cloud-operation-failed");
        assertThat(job.path("message").asString()).contains("ErrVSwitchNotExist");
        var view = api.get(
                        "/api/k8s/cloud/clusters/" + job.path("cloudClusterId").asLong(), admin)
                .json();
        assertThat(view.path("status").asString()).isEqualTo("FAILED");
        assertThat(view.path("clusterId").isNull()).isTrue();
    }

    @Test
    @DisplayName(
            "create: a quota error, a missing VPC, an unknown option or a region outside the account leave nothing")
    void createRefused() {
        long account = aliyunAccount(accessKey());
        AWS.stubFor(post(urlPathEqualTo("/clusters"))
                .willReturn(ackError(400, "QuotaExceeded.Cluster", "The number of clusters exceeds the quota")));
        long records = count("cloud_clusters");
        long jobs = count("cloud_jobs");
        var quota = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(unique("q")), admin);
        assertThat(quota.status()).as(quota.text()).isEqualTo(422);
        assertThat(quota.code()).isEqualTo("cloud-quota-exceeded");

        Map<String, Object> noVpc = new HashMap<>(create(unique("v")));
        noVpc.remove("vpcId");
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", noVpc, admin)
                        .code())
                .isEqualTo("invalid-field");
        Map<String, Object> unknownOption = new HashMap<>(create(unique("o")));
        unknownOption.put("options", Map.of("roleArn", "arn:aws:iam::1:role/x"));
        var option = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", unknownOption, admin);
        assertThat(option.code()).isEqualTo("invalid-field");
        assertThat(option.json().path("field").asString()).isEqualTo("options.roleArn");
        Map<String, Object> otherRegion = new HashMap<>(create(unique("r")));
        otherRegion.put("region", "us-west-1");
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", otherRegion, admin)
                        .code())
                .isEqualTo("unknown-region");
        assertThat(count("cloud_clusters")).isEqualTo(records);
        assertThat(count("cloud_jobs")).isEqualTo(jobs);
        AWS.verify(1, postRequestedFor(urlPathEqualTo("/clusters")));
    }

    @Test
    @DisplayName("upgrade: UpgradeCluster followed by GetUpgradeStatus; downgrades and skipped minors send nothing")
    void upgrade() {
        long account = aliyunAccount(accessKey());
        String name = unique("up");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
        long record = importAck(account, name);

        var down = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", "1.29.3-aliyun.1"), admin);
        assertThat(down.status()).isEqualTo(400);
        assertThat(down.code()).isEqualTo("version-downgrade");
        var skip = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", "1.32.1-aliyun.1"), admin);
        assertThat(skip.code()).isEqualTo("invalid-version");
        assertThat(skip.json().path("detail").asString()).contains("the next is 1.31");
        var mixed = api.put(
                "/api/k8s/cloud/clusters/" + record,
                Map.of("version", "1.31.1-aliyun.1", "settings", Map.of("deletionProtection", "false")),
                admin);
        assertThat(mixed.code()).isEqualTo("invalid-field");
        AWS.verify(0, postRequestedFor(urlPathMatching("/api/v2/clusters/.*")));
        assertThat(count("cloud_jobs WHERE cloud_cluster_id = " + record)).isZero();

        AWS.stubFor(post(urlPathEqualTo("/api/v2/clusters/" + id + "/upgrade"))
                .withHeader("x-acs-action", equalTo("UpgradeCluster"))
                .withRequestBody(equalToJson(
                        "{\"next_version\":\"1.31.1-aliyun.1\",\"version\":\"1.30.1-aliyun.1\"}", true, true))
                .willReturn(ok("{}")));
        AWS.stubFor(get(urlPathEqualTo("/api/v2/clusters/" + id + "/upgrade/status"))
                .inScenario("upgrade")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"status\":\"running\",\"upgrade_step\":\"upgrade_master\"}"))
                .willSetStateTo("done"));
        AWS.stubFor(get(urlPathEqualTo("/api/v2/clusters/" + id + "/upgrade/status"))
                .inScenario("upgrade")
                .whenScenarioStateIs("done")
                .willReturn(ok("{\"status\":\"success\",\"upgrade_step\":\"end\"}")));
        var started = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", "1.31.1-aliyun.1"), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("SUCCESS");
        assertThat(job.path("message").asString()).contains("updated to 1.31.1-aliyun.1");
    }

    @Test
    @DisplayName("settings: ModifyCluster keeps the maintenance window's other fields; unknown settings send nothing")
    void settings() {
        long account = aliyunAccount(accessKey());
        String name = unique("set");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
        long record = importAck(account, name);

        var bad = api.put(
                "/api/k8s/cloud/clusters/" + record,
                Map.of("settings", Map.of("endpointPublicAccess", "false")),
                admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid-setting");
        var badValue = api.put(
                "/api/k8s/cloud/clusters/" + record,
                Map.of("settings", Map.of("maintenanceWindow.weeklyPeriod", "Someday")),
                admin);
        assertThat(badValue.code()).isEqualTo("invalid-setting");
        AWS.verify(0, putRequestedFor(urlPathMatching("/api/v2/clusters/.*")));

        AWS.stubFor(put(urlPathEqualTo("/api/v2/clusters/" + id))
                .withHeader("x-acs-action", equalTo("ModifyCluster"))
                .withRequestBody(equalToJson(
                        "{\"deletion_protection\":false,\"maintenance_window\":{\"enable\":true,"
                                + "\"maintenance_time\":\"\",\"duration\":\"\",\"weekly_period\":\"Thursday\"}}",
                        true,
                        false))
                .willReturn(ok("{\"cluster_id\":\"" + id + "\",\"request_id\":\"r\",\"task_id\":\"T-mod\"}")));
        AWS.stubFor(
                get(urlPathEqualTo("/tasks/T-mod")).willReturn(ok("{\"task_id\":\"T-mod\",\"state\":\"success\"}")));
        var changed = api.put(
                "/api/k8s/cloud/clusters/" + record,
                Map.of(
                        "settings",
                        Map.of(
                                "deletionProtection",
                                "false",
                                "maintenanceWindow.enable",
                                "true",
                                "maintenanceWindow.weeklyPeriod",
                                "Thursday")),
                admin);
        assertThat(changed.status()).as(changed.text()).isEqualTo(202);
        var job = awaitJob(changed.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    }

    @Test
    @DisplayName("delete needs the cluster's name; DeleteCluster is followed until the cluster is gone")
    void deleteCluster() {
        long account = aliyunAccount(accessKey());
        String name = unique("del");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
        long record = importAck(account, name);
        assertThat(api.delete("/api/k8s/cloud/clusters/" + record, admin).code())
                .isEqualTo("confirmation-required");
        assertThat(api.delete("/api/k8s/cloud/clusters/" + record + "?confirm=other", admin)
                        .code())
                .isEqualTo("confirmation-mismatch");
        AWS.verify(0, deleteRequestedFor(anyUrl()));

        AWS.stubFor(delete(urlPathEqualTo("/clusters/" + id))
                .withHeader("x-acs-action", equalTo("DeleteCluster"))
                .withQueryParam("retain_all_resources", equalTo("false"))
                .willReturn(ok("{}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id))
                .inScenario("delete")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(ackCluster(id, name, "deleting", "1.30.1-aliyun.1", true)))
                .willSetStateTo("gone"));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id))
                .inScenario("delete")
                .whenScenarioStateIs("gone")
                .willReturn(ackError(404, "ErrorClusterNotFound", "cluster not found")));
        var started = api.delete("/api/k8s/cloud/clusters/" + record + "?confirm=" + name, admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("DELETED");
        assertThat(api.get("/api/k8s/cloud/clusters/" + record, admin).code()).isEqualTo("cloud-cluster-not-found");
        AWS.verify(1, deleteRequestedFor(urlPathEqualTo("/clusters/" + id)));
    }

    /** DescribeClustersV1 by name answering the states in turn (the last one for good), no node pools. */
    private static void stubStates(String name, String id, String... states) {
        for (int i = 0; i < states.length; i++) {
            boolean last = i == states.length - 1;
            var stub = get(urlPathEqualTo("/api/v1/clusters"))
                    .withQueryParam("name", equalTo(name))
                    .inScenario(name)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willReturn(ok("{\"clusters\":["
                            + ackCluster(id, name, states[i], "1.31.1-aliyun.1", "running".equals(states[i]))
                            + "],\"page_info\":{\"page_number\":1,\"page_size\":100,\"total_count\":1}}"));
            AWS.stubFor(last ? stub : stub.willSetStateTo("s" + (i + 1)));
        }
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id + "/nodepools")).willReturn(ok("{\"nodepools\":[]}")));
    }

    private static Map<String, Object> create(String name) {
        return Map.of(
                "region",
                REGION,
                "name",
                name,
                "version",
                "1.31.1-aliyun.1",
                "vpcId",
                "vpc-bp1abcdefgh",
                "subnetIds",
                List.of("vsw-bp1aaaaaaa", "vsw-bp1bbbbbbb"),
                "tags",
                Map.of("team", "platform"));
    }

    private static String jsonString(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }
}
