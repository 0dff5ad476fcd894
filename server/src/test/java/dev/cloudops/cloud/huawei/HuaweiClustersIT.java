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
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.testing.MockCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Huawei Cloud CCE clusters: discover, import with a client certificate, create, upgrade, delete")
class HuaweiClustersIT extends HuaweiTestSupport {

    @Test
    @DisplayName("discovered clusters import into the registry with a one-day client certificate from CCE")
    void discoverImportRegister() throws Exception {
        try (MockCluster mock = MockCluster.start(2)) {
            String ak = ak();
            long account = huaweiAccount(ak);
            String name = unique("cce");
            String id = uuid();
            stubClusters(cluster(name, id, "Available", "v1.29"));
            stubNodePools(id, nodePool("workers", uuid(), null, 2, 1, 5));
            var cert = TestCertificates.create("cloudops");
            AWS.stubFor(post(urlPathEqualTo(CLUSTERS + "/" + id + "/clustercert"))
                    .withRequestBody(equalToJson("{\"duration\":1}"))
                    .willReturn(ok(certificate(mock.url(), cert))));

            var found = api.get("/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters", admin);
            assertThat(found.status()).as(found.text()).isEqualTo(200);
            assertThat(found.json().get(0).path("cluster").path("name").asString())
                    .isEqualTo(name);
            assertThat(found.json().get(0).path("cluster").path("cloudId").asString())
                    .isEqualTo(id);
            assertThat(found.json().get(0).path("cluster").path("status").asString())
                    .isEqualTo("ACTIVE");
            AWS.verify(cce(getRequestedFor(urlPathEqualTo(CLUSTERS)), ak));

            Instant before = Instant.now();
            var imported = api.post(
                    "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                    Map.of("env", "production"),
                    admin);
            assertThat(imported.status()).as(imported.text()).isEqualTo(201);
            assertThat(imported.json().path("version").asString()).isEqualTo("v1.29");
            assertThat(Instant.parse(imported.json().path("credentialsExpireAt").asString()))
                    .isCloseTo(before.plus(Duration.ofDays(1)), within(Duration.ofMinutes(2)));
            long clusterId = imported.json().path("clusterId").asLong();
            var registered = api.get("/api/k8s/cluster/" + clusterId, admin);
            assertThat(registered.json().path("nodeCount").asInt())
                    .as(registered.text())
                    .isEqualTo(2);
            AWS.verify(cce(postRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id + "/clustercert")), ak));
            assertThat(imported.text()).doesNotContain(cert.keyData());

            var drift = api.get(
                    "/api/k8s/cloud/clusters/" + imported.json().path("id").asLong() + "/drift", admin);
            assertThat(drift.json().path("differences")).as(drift.text()).isEmpty();
        }
    }

    @Test
    @DisplayName("create: the CCE request as documented, then Creating → Available ends the job SUCCEEDED")
    void createToAvailable() {
        String ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("new");
        String id = uuid();
        AWS.stubFor(post(urlPathEqualTo(CLUSTERS))
                .withRequestBody(equalToJson(
                        "{\"kind\":\"Cluster\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"" + name + "\"},"
                                + "\"spec\":{\"category\":\"CCE\",\"type\":\"VirtualMachine\",\"flavor\":"
                                + "\"cce.s1.small\",\"version\":\"v1.30\",\"hostNetwork\":{\"vpc\":"
                                + "\"3305eb40-2707-4940-921c-9f335f84a2ca\",\"subnet\":"
                                + "\"5f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f\"},\"containerNetwork\":{\"mode\":"
                                + "\"vpc-router\",\"cidr\":\"10.0.0.0/16\"}}}",
                        true,
                        true))
                .willReturn(ok(cluster(name, id, "Creating", "v1.30")
                        .replace("\"phase\":\"Creating\"", "\"phase\":\"Creating\",\"jobID\":\"" + uuid() + "\""))));
        stubPhases(name, id, "Creating", "Available");
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Available");
        AWS.verify(cce(postRequestedFor(urlPathEqualTo(CLUSTERS)), ak));
        var view = api.get(
                "/api/k8s/cloud/clusters/"
                        + started.json().path("cloudClusterId").asLong(),
                admin);
        assertThat(view.json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("create: Creating → Error ends the job FAILED with CCE's reason")
    void createToError() {
        String ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("bad");
        String id = uuid();
        AWS.stubFor(post(urlPathEqualTo(CLUSTERS)).willReturn(ok(cluster(name, id, "Creating", "v1.30"))));
        stubPhases(name, id, "Creating", "Error");
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.path("phase").asString()).isEqualTo("Error");
        assertThat(job.path("message").asString()).contains("subnet has no free IP");
    }

    @Test
    @DisplayName("create refuses what CCE cannot take before any call: no flavor, two subnets, tags, bad network")
    void createBadInput() {
        long account = huaweiAccount(ak());
        AWS.resetRequests();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("options.flavor", withOptions(Map.of("containerNetworkMode", "vpc-router")));
        cases.put("subnetIds", with("subnetIds", List.of("5f8b8b0c-9d3e", "6f8b8b0c-9d3e")));
        cases.put("tags", with("tags", Map.of("team", "a")));
        cases.put(
                "options.containerNetworkMode",
                withOptions(Map.of("flavor", "cce.s1.small", "containerNetworkMode", "calico")));
        cases.put("options.roleArn", withOptions(Map.of("flavor", "cce.s1.small", "roleArn", "arn:aws:iam::1:role/x")));
        for (var c : cases.entrySet()) {
            var r = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(r.text()).isEqualTo(c.getKey());
        }
        AWS.verify(0, postRequestedFor(urlPathEqualTo(CLUSTERS)));
    }

    @Test
    @DisplayName("upgrade: one minor version through UpgradeCluster, followed by ShowJob; downgrades and skips refused")
    void upgrade() {
        String ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("up");
        String id = uuid();
        String jobId = uuid();
        stubClusters(cluster(name, id, "Available", "v1.29"));
        stubNodePools(id);
        long record = importUnregistered(account, name);

        for (var bad : Map.of("v1.28", "version-downgrade", "v1.31", "invalid-version", "v1.29", "version-unchanged")
                .entrySet()) {
            var r = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", bad.getKey()), admin);
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo(bad.getValue());
        }
        AWS.verify(0, postRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id + "/operation/upgrade")));

        AWS.stubFor(post(urlPathEqualTo(CLUSTERS + "/" + id + "/operation/upgrade"))
                .withRequestBody(equalToJson(
                        "{\"metadata\":{\"apiVersion\":\"v3\",\"kind\":\"UpgradeTask\"},\"spec\":{"
                                + "\"clusterUpgradeAction\":{\"targetVersion\":\"v1.30\"}}}",
                        true,
                        true))
                .willReturn(ok("{\"metadata\":{\"uid\":\"" + jobId + "\"},\"spec\":{\"clusterUpgradeAction\":{"
                        + "\"version\":\"v1.29\",\"targetVersion\":\"v1.30\"}}}")));
        AWS.stubFor(get(urlPathEqualTo("/api/v3/projects/" + PROJECT + "/jobs/" + jobId))
                .inScenario("job")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(job(jobId, "Running", null)))
                .willSetStateTo("done"));
        AWS.stubFor(get(urlPathEqualTo("/api/v3/projects/" + PROJECT + "/jobs/" + jobId))
                .inScenario("job")
                .whenScenarioStateIs("done")
                .willReturn(ok(job(jobId, "Success", null))));
        var started = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", "1.30"), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Success");
        AWS.verify(cce(postRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id + "/operation/upgrade")), ak));
        AWS.verify(cce(getRequestedFor(urlPathEqualTo("/api/v3/projects/" + PROJECT + "/jobs/" + jobId)), ak));
    }

    @Test
    @DisplayName("basic settings change through UpdateCluster; settings CCE cannot change are refused")
    void settings() {
        String ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("set");
        String id = uuid();
        stubClusters(cluster(name, id, "Available", "v1.29"));
        stubNodePools(id);
        long record = importUnregistered(account, name);

        var refused = api.put("/api/k8s/cloud/clusters/" + record, Map.of("settings", Map.of("flavor", "x")), admin);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid-setting");
        AWS.verify(0, putRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id)));

        AWS.stubFor(put(urlPathEqualTo(CLUSTERS + "/" + id))
                .withRequestBody(equalToJson(
                        "{\"spec\":{\"description\":\"payments\",\"deletionProtection\":true}}", true, true))
                .willReturn(ok(cluster(name, id, "Available", "v1.29"))));
        var started = api.put(
                "/api/k8s/cloud/clusters/" + record,
                Map.of("settings", Map.of("description", "payments", "deletionProtection", "true")),
                admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        AWS.verify(cce(putRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id)), ak));
    }

    @Test
    @DisplayName("delete needs the cluster's name; the job ends when CCE no longer lists the cluster")
    void deleteCluster() {
        String ak = ak();
        long account = huaweiAccount(ak);
        String name = unique("del");
        String id = uuid();
        stubClusters(cluster(name, id, "Available", "v1.29"));
        stubNodePools(id);
        long record = importUnregistered(account, name);
        assertThat(api.delete("/api/k8s/cloud/clusters/" + record, admin).code())
                .isEqualTo("confirmation-required");
        AWS.verify(0, deleteRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id)));

        AWS.stubFor(delete(urlPathEqualTo(CLUSTERS + "/" + id))
                .willReturn(ok(cluster(name, id, "Deleting", "v1.29")).withStatus(200)));
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .inScenario("gone")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"items\":[" + cluster(name, id, "Available", "v1.29") + "]}"))
                .willSetStateTo("deleting"));
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .inScenario("gone")
                .whenScenarioStateIs("deleting")
                .willReturn(ok("{\"items\":[" + cluster(name, id, "Deleting", "v1.29") + "]}"))
                .willSetStateTo("gone"));
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .inScenario("gone")
                .whenScenarioStateIs("gone")
                .willReturn(ok("{\"items\":[]}")));
        var started = api.delete("/api/k8s/cloud/clusters/" + record + "?confirm=" + name, admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Deleted");
        AWS.verify(cce(deleteRequestedFor(urlPathEqualTo(CLUSTERS + "/" + id)), ak));
    }

    @Test
    @DisplayName("a cluster CCE does not list is 404 cloud-not-found, and nothing is recorded")
    void notFound() {
        long account = huaweiAccount(ak());
        stubClusters();
        long before = count("cloud_clusters");
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/nope/import",
                Map.of("register", false),
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("cloud-not-found");
        assertThat(count("cloud_clusters")).isEqualTo(before);
    }

    static String certificate(String server, TestCertificates cert) {
        return "{\"kind\":\"Config\",\"apiVersion\":\"v1\",\"preferences\":{},\"clusters\":[{\"name\":"
                + "\"internalCluster\",\"cluster\":{\"server\":\"" + server + "\",\"certificate-authority-data\":\""
                + cert.certificateData() + "\"}},{\"name\":\"externalCluster\",\"cluster\":{\"server\":"
                + "\"https://203.0.113.10:5443\",\"insecure-skip-tls-verify\":true}}],\"users\":[{\"name\":\"user\","
                + "\"user\":{\"client-certificate-data\":\"" + cert.certificateData() + "\",\"client-key-data\":\""
                + cert.keyData() + "\"}}],\"contexts\":[{\"name\":\"internal\",\"context\":{\"cluster\":"
                + "\"internalCluster\",\"user\":\"user\"}},{\"name\":\"external\",\"context\":{\"cluster\":"
                + "\"externalCluster\",\"user\":\"user\"}}],\"current-context\":\"internal\"}";
    }

    static String job(String id, String phase, String reason) {
        return "{\"kind\":\"Job\",\"apiVersion\":\"v3\",\"metadata\":{\"uid\":\"" + id + "\"},\"spec\":{\"type\":"
                + "\"UpgradeCluster\"},\"status\":{\"phase\":\"" + phase + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}}";
    }

    private static void stubPhases(String name, String id, String first, String last) {
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .inScenario("phases")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("{\"items\":[" + cluster(name, id, first, "v1.30") + "]}"))
                .willSetStateTo("last"));
        String lastDoc = cluster(name, id, last, "v1.30");
        if (last.equals("Error")) {
            lastDoc = lastDoc.replace(
                    "\"phase\":\"Error\"",
                    "\"phase\":\"Error\",\"reason\":\"CreateFailed\",\"message\":\"subnet has no free IP\"");
        }
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .inScenario("phases")
                .whenScenarioStateIs("last")
                .willReturn(ok("{\"items\":[" + lastDoc + "]}")));
        stubNodePools(id);
    }

    private static Map<String, Object> create(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("region", REGION);
        body.put("name", name);
        body.put("version", "1.30");
        body.put("vpcId", "3305eb40-2707-4940-921c-9f335f84a2ca");
        body.put("subnetIds", List.of("5f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f"));
        body.put(
                "options",
                Map.of(
                        "flavor",
                        "cce.s1.small",
                        "containerNetworkMode",
                        "vpc-router",
                        "containerNetworkCidr",
                        "10.0.0.0/16"));
        body.put("register", false);
        return body;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = create(unique("x"));
        body.put(key, value);
        return body;
    }

    private static Map<String, Object> withOptions(Map<String, String> options) {
        return with("options", options);
    }

    long importUnregistered(long account, String name) {
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        if (r.status() != 201) {
            throw new AssertionError("import failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }
}
