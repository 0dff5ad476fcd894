package dev.cloudops.cloud.huawei;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Huawei Cloud CCE node pools: list, create, scale, upgrade, delete as jobs")
class HuaweiNodePoolsIT extends HuaweiTestSupport {

    private String ak;
    private String clusterId;
    private String pools;

    /** A CCE cluster imported without registration, with one node pool "workers" (2 nodes, 1..5). */
    private long imported(String poolId) {
        ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("np");
        clusterId = uuid();
        pools = CLUSTERS + "/" + clusterId + "/nodepools";
        stubClusters(cluster(name, clusterId, "Available", "v1.29"));
        stubNodePools(clusterId, nodePool("workers", poolId, null, 2, 1, 5));
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    @Test
    @DisplayName("node pools list with flavor, sizes, disk and labels from ListNodePools")
    void list() {
        long record = imported(uuid());
        var r = api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        var pool = r.json().get(0);
        assertThat(pool.path("name").asString()).isEqualTo("workers");
        assertThat(pool.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(pool.path("instanceTypes").get(0).asString()).isEqualTo("c7.large.2");
        assertThat(pool.path("scaling").path("minSize").asInt()).isEqualTo(1);
        assertThat(pool.path("scaling").path("maxSize").asInt()).isEqualTo(5);
        assertThat(pool.path("scaling").path("desiredSize").asInt()).isEqualTo(2);
        assertThat(pool.path("diskSizeGb").asInt()).isEqualTo(50);
        assertThat(pool.path("labels").path("pool").asString()).isEqualTo("workers");
        AWS.verify(cce(getRequestedFor(urlPathEqualTo(pools)), ak));
        assertThat(api.get("/api/k8s/cloud/clusters/" + record + "/nodegroups/nope", admin)
                        .code())
                .isEqualTo("cloud-not-found");
    }

    @Test
    @DisplayName("create sends the node template CCE documents and follows the pool until its nodes are up")
    void create() {
        long record = imported(uuid());
        AWS.stubFor(post(urlPathEqualTo(pools))
                .withRequestBody(equalToJson(
                        "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"gpu\"},\"spec\":{"
                                + "\"type\":\"vm\",\"nodeTemplate\":{\"flavor\":\"g6.xlarge.4\",\"az\":\"random\","
                                + "\"os\":\"EulerOS 2.9\",\"login\":{\"sshKey\":\"ops-key\"},\"rootVolume\":{\"size\":"
                                + "80,\"volumetype\":\"SSD\"},\"dataVolumes\":[{\"size\":200,\"volumetype\":\"SSD\"}],"
                                + "\"k8sTags\":{\"accelerator\":\"gpu\"}},\"initialNodeCount\":1,\"autoscaling\":{"
                                + "\"enable\":true,\"minNodeCount\":0,\"maxNodeCount\":3}}}",
                        true,
                        true))
                .willReturn(
                        ok(nodePool("gpu", uuid(), "Synchronizing", 1, 0, 3)).withStatus(201)));
        String gpu = nodePool("gpu", uuid(), null, 1, 0, 3);
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("create")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"items\":["
                        + nodePool("gpu", uuid(), "Synchronizing", 1, 0, 3)
                                .replace("\"creatingNode\":0", "\"creatingNode\":1")
                        + "]}"))
                .willSetStateTo("up"));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("create")
                .whenScenarioStateIs("up")
                .willReturn(ok("{\"items\":[" + gpu + "]}")));
        Map<String, Object> body = new HashMap<>(createBody());
        var started = api.post("/api/k8s/cloud/clusters/" + record + "/nodegroups", body, admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        AWS.verify(cce(postRequestedFor(urlPathEqualTo(pools)), ak));
    }

    @Test
    @DisplayName("create refuses min > max, a missing key pair, two flavors and a version before any call")
    void createBadInput() {
        long record = imported(uuid());
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("minSize", with("minSize", 4));
        cases.put("options.sshKey", with("options", Map.of("os", "EulerOS 2.9")));
        cases.put("instanceTypes", with("instanceTypes", List.of("c7.large.2", "c7.xlarge.2")));
        cases.put("version", with("version", "1.29"));
        cases.put("options.dataDiskSizeGb", with("options", Map.of("sshKey", "k", "dataDiskSizeGb", "10")));
        for (var c : cases.entrySet()) {
            var r = api.post("/api/k8s/cloud/clusters/" + record + "/nodegroups", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(r.text()).isEqualTo(c.getKey());
        }
        AWS.verify(0, postRequestedFor(urlPathEqualTo(pools)));
    }

    @Test
    @DisplayName("scale: UpdateNodePool with the new sizes and the pool's taints and labels kept; min > max refused")
    void scale() {
        String poolId = uuid();
        long record = imported(poolId);
        var bad = api.put(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/scaling",
                Map.of("minSize", 6, "maxSize", 5, "desiredSize", 5),
                admin);
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid-scaling");
        AWS.verify(0, putRequestedFor(urlPathEqualTo(pools + "/" + poolId)));

        AWS.stubFor(put(urlPathEqualTo(pools + "/" + poolId))
                .withRequestBody(equalToJson(
                        "{\"metadata\":{\"name\":\"workers\"},\"spec\":{\"nodeTemplate\":{\"taints\":[{\"key\":"
                                + "\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}],\"k8sTags\":{\"pool\":"
                                + "\"workers\"}},\"initialNodeCount\":3,\"autoscaling\":{\"enable\":true,"
                                + "\"minNodeCount\":2,\"maxNodeCount\":6}}}",
                        true,
                        true))
                .willReturn(ok(nodePool("workers", poolId, "Synchronizing", 3, 2, 6))));
        var started = api.put(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/scaling",
                Map.of("minSize", 2, "maxSize", 6, "desiredSize", 3),
                admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        AWS.verify(cce(putRequestedFor(urlPathEqualTo(pools + "/" + poolId)), ak));
    }

    @Test
    @DisplayName("upgrade brings the pool's nodes to the cluster's version through a CCE job; other versions refused")
    void upgrade() {
        String poolId = uuid();
        long record = imported(poolId);
        var ahead = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/upgrade", Map.of("version", "1.30"), admin);
        assertThat(ahead.status()).as(ahead.text()).isEqualTo(400);
        assertThat(ahead.code()).isEqualTo("invalid-version");
        var behind = api.post(
                "/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/upgrade", Map.of("version", "1.28"), admin);
        assertThat(behind.status()).as(behind.text()).isEqualTo(400);
        assertThat(behind.code()).isEqualTo("invalid-version");
        String upgrade = pools + "/" + poolId + "/operation/upgrade";
        AWS.verify(0, postRequestedFor(urlPathEqualTo(upgrade)));

        String jobId = uuid();
        AWS.stubFor(post(urlPathEqualTo(upgrade))
                .withRequestBody(equalToJson(
                        "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"spec\":{\"nodePoolID\":\"" + poolId
                                + "\",\"maxUnavailable\":1}}",
                        true,
                        true))
                .willReturn(ok("{\"jobid\":\"" + jobId + "\"}")));
        AWS.stubFor(get(urlPathEqualTo("/api/v3/projects/" + PROJECT + "/jobs/" + jobId))
                .willReturn(ok(HuaweiClustersIT.job(jobId, "Success", null))));
        var started = api.post("/api/k8s/cloud/clusters/" + record + "/nodegroups/workers/upgrade", "", admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        AWS.verify(cce(postRequestedFor(urlPathEqualTo(upgrade)), ak));
    }

    @Test
    @DisplayName("delete needs the pool's name; the job ends when CCE no longer lists the pool")
    void deletePool() {
        String poolId = uuid();
        long record = imported(poolId);
        assertThat(api.delete("/api/k8s/cloud/clusters/" + record + "/nodegroups/workers", admin)
                        .code())
                .isEqualTo("confirmation-required");
        AWS.verify(0, deleteRequestedFor(urlPathEqualTo(pools + "/" + poolId)));
        AWS.stubFor(delete(urlPathEqualTo(pools + "/" + poolId))
                .willReturn(ok(nodePool("workers", poolId, "Deleting", 2, 1, 5))));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("gone")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"items\":[" + nodePool("workers", poolId, null, 2, 1, 5) + "]}"))
                .willSetStateTo("deleting"));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("gone")
                .whenScenarioStateIs("deleting")
                .willReturn(ok("{\"items\":[" + nodePool("workers", poolId, "Deleting", 2, 1, 5) + "]}"))
                .willSetStateTo("gone"));
        AWS.stubFor(get(urlPathEqualTo(pools))
                .inScenario("gone")
                .whenScenarioStateIs("gone")
                .willReturn(ok("{\"items\":[]}")));
        var started = api.delete("/api/k8s/cloud/clusters/" + record + "/nodegroups/workers?confirm=workers", admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Deleted");
        AWS.verify(cce(deleteRequestedFor(urlPathEqualTo(pools + "/" + poolId)), ak));
    }

    private static Map<String, Object> createBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "gpu");
        body.put("instanceTypes", List.of("g6.xlarge.4"));
        body.put("minSize", 0);
        body.put("maxSize", 3);
        body.put("desiredSize", 1);
        body.put("diskSizeGb", 80);
        body.put("labels", Map.of("accelerator", "gpu"));
        body.put(
                "options",
                Map.of(
                        "sshKey",
                        "ops-key",
                        "os",
                        "EulerOS 2.9",
                        "volumeType",
                        "SSD",
                        "dataDiskSizeGb",
                        "200",
                        "autoscaling",
                        "true"));
        return body;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = new HashMap<>(createBody());
        body.put(key, value);
        return body;
    }
}
