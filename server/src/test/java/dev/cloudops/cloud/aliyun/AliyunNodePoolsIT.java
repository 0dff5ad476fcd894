package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.testing.MockCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ACK node pools and kubeconfigs: listed, scaled, created, upgraded and deleted as jobs; bad input refused")
class AliyunNodePoolsIT extends AliyunTestSupport {

    @Test
    @DisplayName("node pools: listed by name, scaled with ModifyClusterNodePool, min > max and downgrades send nothing")
    void listAndScale() {
        long account = aliyunAccount(accessKey());
        String name = unique("np");
        String id = clusterId();
        stubAckCluster(
                id,
                name,
                "running",
                "1.30.1-aliyun.1",
                ackPool("np-auto", "workers", "active", 1, 5, 2),
                ackPool("np-fixed", "system", "active", 3, 3, 3));
        long record = importAck(account, name);

        var list = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups", admin)
                .json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asString()).isEqualTo("workers");
        assertThat(list.get(0).path("cloudId").asString()).isEqualTo("np-auto");
        assertThat(list.get(0).path("scaling").path("minSize").asInt()).isEqualTo(1);
        assertThat(list.get(0).path("scaling").path("maxSize").asInt()).isEqualTo(5);
        assertThat(list.get(0).path("scaling").path("desiredSize").asInt()).isEqualTo(2);
        assertThat(list.get(1).path("scaling").path("desiredSize").asInt()).isEqualTo(3);
        var one = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups/system", admin)
                .json();
        assertThat(one.path("instanceTypes").get(0).asString()).isEqualTo("ecs.g7.xlarge");
        assertThat(one.path("diskSizeGb").asInt()).isEqualTo(120);
        assertThat(one.path("labels").path("pool").asString()).isEqualTo("system");
        assertThat(api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups/nope", admin)
                        .code())
                .isEqualTo("cloud-not-found");

        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("min > max", Map.of("minSize", 5, "maxSize", 2, "desiredSize", 3));
        bad.put("desired > max", Map.of("minSize", 1, "maxSize", 2, "desiredSize", 3));
        for (var c : bad.entrySet()) {
            var r = api.put("/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/scaling", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.code()).as(c.getKey()).isEqualTo("invalid-scaling");
        }
        assertThat(api.post(
                                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/upgrade",
                                Map.of("version", "1.31.1-aliyun.1"),
                                admin)
                        .code())
                .isEqualTo("invalid-version");
        AWS.verify(0, anyRequestedFor(urlPathMatching("/clusters/" + id + "/nodepools/.*")));

        AWS.stubFor(put(urlPathEqualTo("/clusters/" + id + "/nodepools/np-auto"))
                .withHeader("x-acs-action", equalTo("ModifyClusterNodePool"))
                .withRequestBody(equalToJson(
                        "{\"auto_scaling\":{\"enable\":true,\"min_instances\":2,\"max_instances\":8}}", true, false))
                .willReturn(ok("{\"nodepool_id\":\"np-auto\",\"task_id\":\"T-scale\",\"request_id\":\"r\"}")));
        AWS.stubFor(get(urlPathEqualTo("/tasks/T-scale"))
                .inScenario("scale")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"task_id\":\"T-scale\",\"state\":\"running\"}"))
                .willSetStateTo("done"));
        AWS.stubFor(get(urlPathEqualTo("/tasks/T-scale"))
                .inScenario("scale")
                .whenScenarioStateIs("done")
                .willReturn(ok("{\"task_id\":\"T-scale\",\"state\":\"success\"}")));
        var scaled = api.put(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/scaling",
                Map.of("minSize", 2, "maxSize", 8, "desiredSize", 4),
                admin);
        assertThat(scaled.status()).as(scaled.text()).isEqualTo(202);
        var job = awaitJob(scaled.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("message").asString()).contains("updated to 2/4/8");

        AWS.stubFor(put(urlPathEqualTo("/clusters/" + id + "/nodepools/np-fixed"))
                .withRequestBody(equalToJson(
                        "{\"auto_scaling\":{\"enable\":false},\"scaling_group\":{\"desired_size\":4}}", true, false))
                .willReturn(ok("{\"nodepool_id\":\"np-fixed\",\"task_id\":\"T-fixed\"}")));
        AWS.stubFor(get(urlPathEqualTo("/tasks/T-fixed"))
                .willReturn(ok("{\"task_id\":\"T-fixed\",\"state\":\"success\"}")));
        var fixed = api.put(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/system/scaling",
                Map.of("minSize", 4, "maxSize", 4, "desiredSize", 4),
                admin);
        assertThat(fixed.status()).as(fixed.text()).isEqualTo(202);
        assertThat(awaitJob(fixed.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    @DisplayName("create, upgrade and delete a node pool; a pool without instance types is refused before any call")
    void createUpgradeDelete() {
        long account = aliyunAccount(accessKey());
        String name = unique("npc");
        String id = clusterId();
        stubAckCluster(id, name, "running", "1.31.1-aliyun.1", ackPool("np-auto", "workers", "active", 1, 5, 2));
        long record = importAck(account, name);

        var noTypes = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups",
                Map.of("name", "gpu", "minSize", 0, "maxSize", 2, "desiredSize", 1),
                admin);
        assertThat(noTypes.code()).as(noTypes.text()).isEqualTo("invalid-field");
        assertThat(noTypes.json().path("field").asString()).isEqualTo("instanceTypes");
        var badOption = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups",
                Map.of(
                        "name",
                        "gpu",
                        "minSize",
                        0,
                        "maxSize",
                        2,
                        "desiredSize",
                        1,
                        "instanceTypes",
                        List.of("ecs.gn7i-c8g1.2xlarge"),
                        "options",
                        Map.of("nodeRoleArn", "arn:aws:iam::1:role/x")),
                admin);
        assertThat(badOption.json().path("field").asString()).isEqualTo("options.nodeRoleArn");
        AWS.verify(
                0,
                anyRequestedFor(urlPathEqualTo("/clusters/" + id + "/nodepools"))
                        .withHeader("x-acs-action", equalTo("CreateClusterNodePool")));

        // The pool list answers without the new pool until CreateClusterNodePool, with it until DeleteClusterNodepool.
        AWS.stubFor(post(urlPathEqualTo("/clusters/" + id + "/nodepools"))
                .inScenario("pool")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("created")
                .withHeader("x-acs-action", equalTo("CreateClusterNodePool"))
                .withRequestBody(equalToJson(
                        "{\"nodepool_info\":{\"name\":\"gpu\",\"type\":\"ess\"},"
                                + "\"scaling_group\":{\"vswitch_ids\":[\"vsw-bp1aaaaaaa\",\"vsw-bp1bbbbbbb\"],"
                                + "\"instance_types\":[\"ecs.gn7i-c8g1.2xlarge\"],\"system_disk_size\":200,"
                                + "\"system_disk_category\":\"cloud_essd\"},"
                                + "\"auto_scaling\":{\"enable\":true,\"min_instances\":0,\"max_instances\":2},"
                                + "\"kubernetes_config\":{\"labels\":[{\"key\":\"accelerator\",\"value\":\"nvidia\"}]}}",
                        true,
                        true))
                .willReturn(ok("{\"nodepool_id\":\"np-gpu\",\"request_id\":\"r\"}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id + "/nodepools"))
                .inScenario("pool")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"nodepools\":[" + ackPool("np-auto", "workers", "active", 1, 5, 2) + "]}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id + "/nodepools"))
                .inScenario("pool")
                .whenScenarioStateIs("created")
                .willReturn(ok("{\"nodepools\":[" + ackPool("np-auto", "workers", "active", 1, 5, 2) + ","
                        + ackPool("np-gpu", "gpu", "active", 0, 2, 1) + "]}")));
        var created = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups",
                Map.of(
                        "name",
                        "gpu",
                        "minSize",
                        0,
                        "maxSize",
                        2,
                        "desiredSize",
                        1,
                        "instanceTypes",
                        List.of("ecs.gn7i-c8g1.2xlarge"),
                        "diskSizeGb",
                        200,
                        "labels",
                        Map.of("accelerator", "nvidia"),
                        "options",
                        Map.of("systemDiskCategory", "cloud_essd")),
                admin);
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        var createdJob = awaitJob(created.json().path("id").asLong());
        assertThat(createdJob.path("status").asString())
                .as(createdJob.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(createdJob.path("message").asString()).contains("Node group gpu created");

        AWS.stubFor(put(urlPathEqualTo("/clusters/" + id + "/nodepools/np-gpu/upgrade"))
                .withHeader("x-acs-action", equalTo("UpgradeClusterNodepool"))
                .withHeader("x-acs-version", equalTo("2015-12-15"))
                .withRequestBody(equalToJson("{\"kubernetes_version\":\"1.31.1-aliyun.1\"}"))
                .willReturn(ok("{\"task_id\":\"T-up\",\"request_id\":\"r\"}")));
        AWS.stubFor(get(urlPathEqualTo("/tasks/T-up")).willReturn(ok("{\"task_id\":\"T-up\",\"state\":\"success\"}")));
        var upgraded = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/gpu/upgrade",
                Map.of("version", "1.31.1-aliyun.1"),
                admin);
        assertThat(upgraded.status()).as(upgraded.text()).isEqualTo(202);
        assertThat(awaitJob(upgraded.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");

        assertThat(api.delete("/api/k8s/cloud/clusters/" + record + "/nodegroups/gpu", admin)
                        .code())
                .isEqualTo("confirmation-required");
        AWS.stubFor(delete(urlPathEqualTo("/clusters/" + id + "/nodepools/np-gpu"))
                .inScenario("pool")
                .whenScenarioStateIs("created")
                .willSetStateTo(Scenario.STARTED)
                .withHeader("x-acs-action", equalTo("DeleteClusterNodepool"))
                .willReturn(ok("{\"request_id\":\"r\"}")));
        var deleted = api.delete("/api/k8s/cloud/clusters/" + record + "/nodegroups/gpu?confirm=gpu", admin);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
        var deletedJob = awaitJob(deleted.json().path("id").asLong());
        assertThat(deletedJob.path("status").asString())
                .as(deletedJob.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(deletedJob.path("phase").asString()).isEqualTo("DELETED");
    }

    @Test
    @DisplayName("credentials: a temporary ACK kubeconfig registers the cluster, its expiry recorded, no secret shown")
    void credentials() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            long account = aliyunAccount(accessKey());
            String name = unique("cred");
            String id = clusterId();
            stubAckCluster(id, name, "running", "1.30.1-aliyun.1");
            long record = importAck(account, name);
            AWS.stubFor(get(urlPathEqualTo("/k8s/" + id + "/user_config"))
                    .withHeader("x-acs-action", equalTo("DescribeClusterUserKubeconfig"))
                    .withQueryParam("TemporaryDurationMinutes", equalTo("180"))
                    .willReturn(ok("{\"config\":"
                            + tools.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .writeValueAsString(mock.kubeconfig())
                            + ",\"expiration\":\"2099-02-01T00:00:00Z\"}")));
            var refreshed = api.post("/api/k8s/cloud/clusters/" + record + "/credentials/refresh", Map.of(), admin);
            assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
            assertThat(refreshed.json().path("clusterId").isNull()).isFalse();
            assertThat(refreshed.json().path("credentialsExpireAt").asString()).startsWith("2099-02-01T00:00");
            assertThat(mock.server().getLastRequest().getHeader("Authorization"))
                    .isEqualTo("Bearer " + MockCluster.TOKEN);
            assertThat(refreshed.text()).doesNotContain(MockCluster.TOKEN);
        }
    }
}
