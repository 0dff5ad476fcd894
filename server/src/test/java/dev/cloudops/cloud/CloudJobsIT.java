package dev.cloudops.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.testing.MockCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

@DisplayName("Cloud jobs on EKS: create followed to ACTIVE or FAILED, node groups, monitoring, rights")
class CloudJobsIT extends CloudTestSupport {

    @Test
    @DisplayName("create: CREATING → ACTIVE, then the new cluster is registered with an EKS token")
    void createToActive() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            long account = account(key());
            String name = unique("new");
            AWS.stubFor(post(urlPathEqualTo("/clusters"))
                    .withRequestBody(equalToJson(
                            "{\"name\":\"" + name + "\",\"version\":\"1.31\",\"roleArn\":\"arn:aws:iam::" + ACCOUNT_ID
                                    + ":role/eks-cluster\",\"resourcesVpcConfig\":{\"subnetIds\":[\"subnet-0a\","
                                    + "\"subnet-0b\"],\"endpointPublicAccess\":true,\"endpointPrivateAccess\":false},"
                                    + "\"accessConfig\":{\"authenticationMode\":\"API_AND_CONFIG_MAP\","
                                    + "\"bootstrapClusterCreatorAdminPermissions\":true},\"tags\":{\"team\":\"platform\"}}",
                            true,
                            true))
                    .willReturn(json("{\"cluster\":" + cluster(name, "CREATING", "1.31", null, true) + "}")));
            stubCreating(name, "ACTIVE", mock.url());
            var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            assertThat(started.json().path("status").asString()).isEqualTo("RUNNING");
            long record = started.json().path("cloudClusterId").asLong();
            assertThat(api.get("/api/k8s/cloud/clusters/" + record, admin)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("CREATING");

            var job = awaitJob(started.json().path("id").asLong());
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.path("phase").asString()).isEqualTo("ACTIVE");
            assertThat(job.path("polls").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(job.path("message").asString()).contains("registered as cluster");
            var view = api.get("/api/k8s/cloud/clusters/" + record, admin).json();
            assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
            long clusterId = view.path("clusterId").asLong();
            assertThat(api.get("/api/k8s/cluster/" + clusterId, admin)
                            .json()
                            .path("name")
                            .asString())
                    .isEqualTo(name);
            assertThat(mock.server().getLastRequest().getHeader("Authorization"))
                    .startsWith("Bearer k8s-aws-v1.");
            assertThat(api.get("/api/k8s/cloud/clusters/" + record + "/drift", admin)
                            .json()
                            .path("differences"))
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("create: CREATING → FAILED ends the job failed with EKS's reason; the record says FAILED")
    void createToFailed() {
        long account = account(key());
        String name = unique("bad");
        AWS.stubFor(post(urlPathEqualTo("/clusters"))
                .willReturn(json("{\"cluster\":" + cluster(name, "CREATING", "1.31", null, true) + "}")));
        stubCreating(name, "FAILED", null);
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("errorCode").asString()).isEqualTo("cloud-operation-failed");
        assertThat(job.path("message").asString()).contains("SubnetNotFound");
        var view = api.get(
                        "/api/k8s/cloud/clusters/" + job.path("cloudClusterId").asLong(), admin)
                .json();
        assertThat(view.path("status").asString()).isEqualTo("FAILED");
        assertThat(view.path("clusterId").isNull()).isTrue();
    }

    @Test
    @DisplayName("create: a quota error, missing options or a bad region are refused and leave nothing behind")
    void createRefused() {
        long account = account(key());
        AWS.stubFor(post(urlPathEqualTo("/clusters"))
                .willReturn(eksError(400, "ResourceLimitExceededException", "Cluster limit exceeded for account")));
        long records = count("cloud_clusters");
        long jobs = count("cloud_jobs");
        var quota = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(unique("q")), admin);
        assertThat(quota.status()).isEqualTo(422);
        assertThat(quota.code()).isEqualTo("cloud-quota-exceeded");

        Map<String, Object> noRole = new HashMap<>(create(unique("r")));
        noRole.put("options", Map.of());
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", noRole, admin)
                        .code())
                .isEqualTo("invalid-field");
        Map<String, Object> oneSubnet = new HashMap<>(create(unique("s")));
        oneSubnet.put("subnetIds", List.of("subnet-0a"));
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", oneSubnet, admin)
                        .code())
                .isEqualTo("invalid-field");
        Map<String, Object> otherRegion = new HashMap<>(create(unique("t")));
        otherRegion.put("region", "ap-south-1");
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", otherRegion, admin)
                        .code())
                .isEqualTo("unknown-region");
        Map<String, Object> badVersion = new HashMap<>(create(unique("u")));
        badVersion.put("version", "one");
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", badVersion, admin)
                        .code())
                .isEqualTo("invalid-version");
        assertThat(count("cloud_clusters")).isEqualTo(records);
        assertThat(count("cloud_jobs")).isEqualTo(jobs);
        AWS.verify(1, postRequestedFor(urlPathEqualTo("/clusters")));
    }

    @Test
    @DisplayName("node groups: listed, created, scaled and upgraded as jobs; min > max and downgrades change nothing")
    void nodeGroups() {
        long account = account(key());
        String name = unique("ng");
        stubCluster(name, "ACTIVE", "1.30", null, true, "workers");
        long id = importUnregistered(account, name);
        var list = api.get("/api/k8s/cloud/clusters/" + id + "/nodegroups", admin);
        assertThat(list.json().get(0).path("scaling").path("desiredSize").asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/nodegroups/workers", admin)
                        .json()
                        .path("instanceTypes")
                        .get(0)
                        .asString())
                .isEqualTo("m6i.large");

        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("min > max", Map.of("minSize", 5, "maxSize", 2, "desiredSize", 3));
        bad.put("desired > max", Map.of("minSize", 1, "maxSize", 2, "desiredSize", 3));
        bad.put("negative", Map.of("minSize", -1, "maxSize", 2, "desiredSize", 1));
        bad.put("missing", Map.of("minSize", 1, "maxSize", 2));
        for (var c : bad.entrySet()) {
            var r = api.put("/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.code()).as(c.getKey()).isEqualTo("invalid-scaling");
        }
        assertThat(api.post(
                                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/upgrade",
                                Map.of("version", "1.29"),
                                admin)
                        .code())
                .isEqualTo("version-downgrade");
        assertThat(api.post(
                                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/upgrade",
                                Map.of("version", "1.31"),
                                admin)
                        .code())
                .isEqualTo("invalid-version");
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id + "/nodegroups/workers", admin)
                        .code())
                .isEqualTo("confirmation-required");
        AWS.verify(0, postRequestedFor(urlPathMatching("/clusters/" + name + "/node-groups/.*")));
        assertThat(count("cloud_jobs WHERE cloud_cluster_id = " + id)).isZero();

        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/node-groups/workers/update-config"))
                .withRequestBody(
                        equalToJson("{\"scalingConfig\":{\"minSize\":2,\"maxSize\":8,\"desiredSize\":4}}", true, true))
                .willReturn(json(
                        "{\"update\":{\"id\":\"upd-scale\",\"status\":\"InProgress\",\"type\":\"ConfigUpdate\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-scale"))
                .withQueryParam("nodegroupName", equalTo("workers"))
                .willReturn(json(
                        "{\"update\":{\"id\":\"upd-scale\",\"status\":\"Successful\",\"type\":\"ConfigUpdate\"}}")));
        var scaled = api.put(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                Map.of("minSize", 2, "maxSize", 8, "desiredSize", 4),
                admin);
        assertThat(scaled.status()).as(scaled.text()).isEqualTo(202);
        assertThat(awaitJob(scaled.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");

        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/node-groups"))
                .withRequestBody(equalToJson(
                        "{\"nodegroupName\":\"spot\",\"scalingConfig\":{\"minSize\":0,\"maxSize\":3,\"desiredSize\":1},"
                                + "\"subnets\":[\"subnet-0a\",\"subnet-0b\"],\"instanceTypes\":[\"m6i.large\"],"
                                + "\"nodeRole\":\"arn:aws:iam::" + ACCOUNT_ID
                                + ":role/nodes\",\"capacityType\":\"SPOT\"}",
                        true,
                        true))
                .willReturn(json("{\"nodegroup\":" + nodeGroup(name, "spot", "CREATING", "1.30", 0, 3, 1) + "}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups/spot"))
                .willReturn(json("{\"nodegroup\":" + nodeGroup(name, "spot", "ACTIVE", "1.30", 0, 3, 1) + "}")));
        var created = api.post(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups",
                Map.of(
                        "name",
                        "spot",
                        "instanceTypes",
                        List.of("m6i.large"),
                        "minSize",
                        0,
                        "maxSize",
                        3,
                        "desiredSize",
                        1,
                        "options",
                        Map.of("nodeRoleArn", "arn:aws:iam::" + ACCOUNT_ID + ":role/nodes", "capacityType", "SPOT")),
                admin);
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        var createdJob = awaitJob(created.json().path("id").asLong());
        assertThat(createdJob.path("status").asString())
                .as(createdJob.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(createdJob.path("message").asString()).contains("Node group spot created");

        AWS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        urlPathEqualTo("/clusters/" + name + "/node-groups/spot"))
                .willReturn(json("{\"nodegroup\":" + nodeGroup(name, "spot", "DELETING", "1.30", 0, 3, 1) + "}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups/spot"))
                .willReturn(eksError(404, "ResourceNotFoundException", "No node group found")));
        var deleted = api.delete("/api/k8s/cloud/clusters/" + id + "/nodegroups/spot?confirm=spot", admin);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
        assertThat(awaitJob(deleted.json().path("id").asLong()).path("phase").asString())
                .isEqualTo("DELETED");
    }

    @Test
    @DisplayName("a node group resized in the console is not scaled over without the drift fingerprint")
    void nodeGroupDrift() {
        long account = account(key());
        String name = unique("ngd");
        stubCluster(name, "ACTIVE", "1.30", null, true, "workers");
        long id = importUnregistered(account, name);
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups/workers"))
                .willReturn(json("{\"nodegroup\":" + nodeGroup(name, "workers", "ACTIVE", "1.30", 1, 5, 4) + "}")));
        var refused = api.put(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                Map.of("minSize", 1, "maxSize", 5, "desiredSize", 3),
                admin);
        assertThat(refused.code()).isEqualTo("cloud-drift");
        assertThat(refused.json().path("detail").asString()).contains("nodegroup.workers.desiredSize: 2 → 4");
        AWS.verify(0, postRequestedFor(urlPathMatching("/clusters/" + name + "/node-groups/workers/.*")));
    }

    @Test
    @DisplayName(
            "rights on cloud clusters follow the account: none → 404, viewer reads, operator scales, admin deletes")
    void rights() {
        long account = account(key());
        String name = unique("rights");
        stubCluster(name, "ACTIVE", "1.30", null, true, "workers");
        long id = importUnregistered(account, name);
        String nobody = userWith(List.of());
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, nobody).code()).isEqualTo("cloud-cluster-not-found");
        assertThat(api.get("/api/k8s/cloud/clusters", nobody)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(api.put(
                                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                                Map.of("minSize", 1, "maxSize", 5, "desiredSize", 3),
                                nobody)
                        .code())
                .isEqualTo("cloud-cluster-not-found");

        String viewer = userWith(List.of());
        String operator = userWith(List.of());
        long viewerId = api.get("/api/auth/me", viewer).json().path("id").asLong();
        long operatorId = api.get("/api/auth/me", operator).json().path("id").asLong();
        api.put(
                "/api/k8s/cloud/accounts/" + account + "/grants",
                List.of(Map.of("userId", viewerId, "role", "VIEWER"), Map.of("userId", operatorId, "role", "OPERATOR")),
                admin);
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/nodegroups", viewer)
                        .status())
                .isEqualTo(200);
        var viewerScale = api.put(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                Map.of("minSize", 1, "maxSize", 5, "desiredSize", 3),
                viewer);
        assertThat(viewerScale.status()).isEqualTo(403);
        assertThat(viewerScale.code()).isEqualTo("forbidden");
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id + "?confirm=" + name, operator)
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.post("/api/k8s/cloud/clusters/" + id + "/sync", "", operator)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/k8s/cloud/jobs", viewer).status()).isEqualTo(200);
        AWS.verify(0, anyRequestedFor(urlPathMatching("/clusters/" + name + "/node-groups/workers/update.*")));
    }

    @Test
    @DisplayName("monitoring reads CloudWatch Container Insights over the SDK's CBOR protocol, oldest point first")
    void monitoring() throws IOException {
        long account = account(key());
        String name = unique("mon");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        AWS.stubFor(post(urlPathEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData"))
                .withHeader("smithy-protocol", equalTo("rpc-v2-cbor"))
                .withHeader("Authorization", containing("/eu-west-1/monitoring/aws4_request"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("smithy-protocol", "rpc-v2-cbor")
                        .withHeader("Content-Type", "application/cbor")
                        .withBody(metricData())));
        var r = api.get(
                "/api/k8s/cloud/clusters/" + id
                        + "/monitoring?metrics=cluster_node_count,node_cpu_utilization&minutes=60&period=300",
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).path("metric").asString()).isEqualTo("cluster_node_count");
        assertThat(r.json().get(0).path("unit").asString()).isEqualTo("Count");
        assertThat(r.json().get(0).path("points")).hasSize(2);
        assertThat(r.json().get(0).path("points").get(1).path("value").asDouble())
                .isEqualTo(3.0);
        assertThat(r.json().get(1).path("unit").asString()).isEqualTo("Percent");
        var sent = AWS.findAll(
                postRequestedFor(urlPathEqualTo("/service/GraniteServiceVersion20100801/operation/GetMetricData")));
        String body = new String(sent.get(0).getBody(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("ContainerInsights")
                .contains("ClusterName")
                .contains(name)
                .contains("Average");

        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/monitoring?period=61", admin)
                        .code())
                .isEqualTo("invalid-field");
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/monitoring?metrics=a%20b", admin)
                        .code())
                .isEqualTo("invalid-field");
    }

    private static byte[] metricData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("MetricDataResults");
            g.writeStartArray();
            series(g, "m0", "cluster_node_count", new double[] {2.0, 3.0});
            series(g, "m1", "node_cpu_utilization", new double[] {41.5});
            g.writeEndArray();
            g.writeFieldName("Messages");
            g.writeStartArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void series(CBORGenerator g, String id, String label, double[] values) throws IOException {
        long start = java.time.Instant.now().minusSeconds(900).getEpochSecond();
        g.writeStartObject();
        g.writeStringField("Id", id);
        g.writeStringField("Label", label);
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        for (int i = 0; i < values.length; i++) {
            g.writeTag(1);
            g.writeNumber((double) (start + 300L * i));
        }
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        for (double v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeStringField("StatusCode", "Complete");
        g.writeEndObject();
    }

    private static Map<String, Object> create(String name) {
        return Map.of(
                "region",
                "eu-west-1",
                "name",
                name,
                "version",
                "1.31",
                "subnetIds",
                List.of("subnet-0a", "subnet-0b"),
                "tags",
                Map.of("team", "platform"),
                "options",
                Map.of("roleArn", "arn:aws:iam::" + ACCOUNT_ID + ":role/eks-cluster"));
    }

    /** DescribeCluster answering CREATING twice, then {@code end}; no node groups. */
    private static void stubCreating(String name, String end, String endpoint) {
        boolean failed = "FAILED".equals(end);
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .inScenario(name)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json("{\"cluster\":" + cluster(name, "CREATING", "1.31", null, true) + "}"))
                .willSetStateTo("creating"));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .inScenario(name)
                .whenScenarioStateIs("creating")
                .willReturn(json("{\"cluster\":" + cluster(name, "CREATING", "1.31", null, true) + "}"))
                .willSetStateTo("end"));
        String body = cluster(name, end, "1.31", endpoint, true);
        if (failed) {
            body = body.replace(
                    "\"health\":{\"issues\":[]}",
                    "\"health\":{\"issues\":[{\"code\":\"SubnetNotFound\",\"message\":\"subnet-0b does not exist\"}]}");
        }
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .inScenario(name)
                .whenScenarioStateIs("end")
                .willReturn(json("{\"cluster\":" + body + "}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups")).willReturn(json("{\"nodegroups\":[]}")));
    }

    private long importUnregistered(long account, String name) {
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        if (r.status() != 201) {
            throw new AssertionError("import failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }
}
