package dev.cloudops.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.testing.MockCluster;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Cloud clusters on EKS: discover, import and register, drift, upgrades, delete, errors")
class CloudClustersIT extends CloudTestSupport {

    @Autowired
    SecretSealer sealer;

    @Autowired
    CloudBackground background;

    @Test
    @DisplayName("discovered clusters import into the registry with an EKS token, renewed before it expires")
    void discoverImportRegisterRenew() throws Exception {
        try (MockCluster mock = MockCluster.start(2)) {
            long account = account(key());
            String name = unique("eks");
            AWS.stubFor(get(urlPathEqualTo("/clusters"))
                    .withQueryParam("maxResults", equalTo("100"))
                    .willReturn(json("{\"clusters\":[\"" + name + "\"],\"nextToken\":null}")));
            stubCluster(name, "ACTIVE", "1.30", mock.url(), true, "workers");

            var found = api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin);
            assertThat(found.status()).as(found.text()).isEqualTo(200);
            assertThat(found.json().get(0).path("cluster").path("name").asString())
                    .isEqualTo(name);
            assertThat(found.json().get(0).path("cluster").path("status").asString())
                    .isEqualTo("ACTIVE");
            assertThat(found.json().get(0).path("importedAs").isNull()).isTrue();
            AWS.verify(getRequestedFor(urlPathEqualTo("/clusters/" + name))
                    .withHeader("Authorization", containing("/eu-west-1/eks/aws4_request")));

            var imported = api.post(
                    "/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters/" + name + "/import",
                    Map.of("env", "production"),
                    admin);
            assertThat(imported.status()).as(imported.text()).isEqualTo(201);
            long id = imported.json().path("id").asLong();
            long clusterId = imported.json().path("clusterId").asLong();
            assertThat(imported.json().path("version").asString()).isEqualTo("1.30");
            var registered = api.get("/api/k8s/cluster/" + clusterId, admin);
            assertThat(registered.json().path("name").asString()).isEqualTo(name);
            assertThat(registered.json().path("env").asString()).isEqualTo("production");
            assertThat(registered.json().path("nodeCount").asInt()).isEqualTo(2);

            String bearer = mock.server().getLastRequest().getHeader("Authorization");
            assertThat(bearer).startsWith("Bearer k8s-aws-v1.");
            String url = new String(
                    Base64.getUrlDecoder().decode(bearer.substring("Bearer k8s-aws-v1.".length())),
                    StandardCharsets.UTF_8);
            assertThat(url).startsWith("https://sts.eu-west-1.amazonaws.com/?");
            String query = URLDecoder.decode(url, StandardCharsets.UTF_8);
            assertThat(query)
                    .contains("Action=GetCallerIdentity")
                    .contains("X-Amz-SignedHeaders=host;x-k8s-aws-id")
                    .contains("X-Amz-Expires=60")
                    .contains("/eu-west-1/sts/aws4_request");

            assertThat(api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin)
                            .json()
                            .get(0)
                            .path("importedAs")
                            .asLong())
                    .isEqualTo(id);
            var again = api.post(
                    "/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters/" + name + "/import",
                    Map.of("registryName", unique("other")),
                    admin);
            assertThat(again.code()).isEqualTo("already-imported");

            String sealedBefore = kubeconfigOf(clusterId);
            jdbc.sql("UPDATE cloud_clusters SET credentials_expire_at = 0 WHERE id = :id")
                    .param("id", id)
                    .update();
            background.renewExpiring();
            assertThat(sealer.unseal(kubeconfigOf(clusterId))).contains("token: k8s-aws-v1.");
            assertThat(kubeconfigOf(clusterId)).isNotEqualTo(sealedBefore);
            assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin)
                            .json()
                            .path("credentialsExpireAt")
                            .asString())
                    .isGreaterThan(java.time.Instant.now().plusSeconds(600).toString());

            var metrics = api.get("/api/k8s/cloud/clusters/" + id + "/metrics", admin);
            assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
            assertThat(metrics.json().path("nodeGroups").asInt()).isEqualTo(1);
            assertThat(metrics.json().path("desiredNodes").asInt()).isEqualTo(2);
            assertThat(metrics.json().path("nodes").asInt()).isEqualTo(2);
            assertThat(metrics.json().path("pods").asInt()).isZero();
            assertThat(metrics.json().path("platformVersion").asString()).isEqualTo("eks.7");

            var refreshed = api.post("/api/k8s/cloud/clusters/" + id + "/credentials/refresh", "", admin);
            assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);

            assertThat(api.post("/api/k8s/cloud/clusters/" + id + "/forget", "", admin)
                            .code())
                    .isEqualTo("confirmation-required");
            assertThat(api.post("/api/k8s/cloud/clusters/" + id + "/forget?confirm=" + name, "", admin)
                            .status())
                    .isEqualTo(204);
            assertThat(api.get("/api/k8s/cluster/" + clusterId, admin).code()).isEqualTo("cluster-not-found");
            assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin).code()).isEqualTo("cloud-cluster-not-found");
            AWS.verify(0, deleteRequestedFor(urlPathMatching("/clusters/.*")));
        }
    }

    @Test
    @DisplayName("a cluster the cloud does not have is 404 cloud-not-found, and nothing is recorded or registered")
    void importMissing() {
        long account = account(key());
        AWS.stubFor(get(urlPathEqualTo("/clusters/ghost"))
                .willReturn(eksError(404, "ResourceNotFoundException", "No cluster found for name: ghost.")));
        long records = count("cloud_clusters");
        long registered = count("clusters");
        var r = api.post("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters/ghost/import", "", admin);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("cloud-not-found");
        assertThat(r.json().path("detail").asString()).contains("No cluster found for name: ghost.");
        assertThat(count("cloud_clusters")).isEqualTo(records);
        assertThat(count("clusters")).isEqualTo(registered);

        var region = api.get("/api/k8s/cloud/accounts/" + account + "/regions/us-east-1/clusters", admin);
        assertThat(region.code()).isEqualTo("unknown-region");
        var mars = api.get("/api/k8s/cloud/accounts/" + account + "/regions/mars-1/clusters", admin);
        assertThat(mars.code()).isEqualTo("unknown-region");
        assertThat(mars.json().path("detail").asString()).contains("Unknown region");
    }

    @Test
    @DisplayName("throttling is retried with back-off; throttling that lasts is 429 cloud-throttled")
    void throttling() {
        long account = account(key());
        AWS.stubFor(get(urlPathEqualTo("/clusters"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(eksError(429, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("second"));
        AWS.stubFor(get(urlPathEqualTo("/clusters"))
                .inScenario("throttle")
                .whenScenarioStateIs("second")
                .willReturn(eksError(429, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("third"));
        AWS.stubFor(get(urlPathEqualTo("/clusters"))
                .inScenario("throttle")
                .whenScenarioStateIs("third")
                .willReturn(json("{\"clusters\":[]}")));
        var ok = api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin);
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        AWS.verify(3, getRequestedFor(urlPathEqualTo("/clusters")));

        AWS.resetAll();
        AWS.stubFor(get(urlPathEqualTo("/clusters")).willReturn(eksError(429, "ThrottlingException", "Rate exceeded")));
        var throttled = api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("cloud-throttled");
        AWS.verify(3, getRequestedFor(urlPathEqualTo("/clusters")));
    }

    @Test
    @DisplayName("a missing IAM permission is 403 cloud-access-denied, an unreachable cloud 503 cloud-unavailable")
    void deniedAndUnavailable() {
        long account = account(key());
        AWS.stubFor(get(urlPathEqualTo("/clusters"))
                .willReturn(
                        eksError(403, "AccessDeniedException", "User is not authorized to perform: eks:ListClusters")));
        var denied = api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("cloud-access-denied");
        assertThat(denied.json().path("detail").asString()).contains("eks:ListClusters");

        AWS.stubFor(get(urlPathEqualTo("/clusters")).willReturn(eksError(500, "ServerException", "boom")));
        var failed = api.get("/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters", admin);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("cloud-unavailable");
        AWS.verify(4, getRequestedFor(urlPathEqualTo("/clusters")));
    }

    @Test
    @DisplayName("drift: a console change is shown, blocks the writes it would overwrite, and is accepted explicitly")
    void driftGuardsWrites() {
        long account = account(key());
        String name = unique("drift");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin)
                        .json()
                        .path("differences"))
                .isEmpty();

        stubCluster(name, "ACTIVE", "1.30", null, false); // endpoint access switched off in the console
        var drift = api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin);
        assertThat(drift.json().path("differences")).hasSize(1);
        var difference = drift.json().path("differences").get(0);
        assertThat(difference.path("key").asString()).isEqualTo("endpointPublicAccess");
        assertThat(difference.path("known").asString()).isEqualTo("true");
        assertThat(difference.path("live").asString()).isEqualTo("false");
        String fingerprint = drift.json().path("fingerprint").asString();

        var refused = api.put(
                "/api/k8s/cloud/clusters/" + id, Map.of("settings", Map.of("logging.scheduler", "true")), admin);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("cloud-drift");
        assertThat(refused.json().path("detail").asString())
                .contains("endpointPublicAccess: true → false")
                .contains(fingerprint);
        AWS.verify(0, postRequestedFor(urlPathMatching("/clusters/" + name + "/update-config")));

        var synced = api.post("/api/k8s/cloud/clusters/" + id + "/sync", "", admin);
        assertThat(synced.json().path("drift").asBoolean()).isTrue();

        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/update-config"))
                .withRequestBody(equalToJson(
                        "{\"logging\":{\"clusterLogging\":[{\"types\":[\"scheduler\"],\"enabled\":true}]}}",
                        true,
                        true))
                .willReturn(json(
                        "{\"update\":{\"id\":\"upd-logging\",\"status\":\"InProgress\",\"type\":\"LoggingUpdate\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-logging"))
                .willReturn(json(
                        "{\"update\":{\"id\":\"upd-logging\",\"status\":\"Successful\",\"type\":\"LoggingUpdate\"}}")));
        var accepted = api.put(
                "/api/k8s/cloud/clusters/" + id,
                Map.of("settings", Map.of("logging.scheduler", "true"), "driftFingerprint", fingerprint),
                admin);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        var job = awaitJob(accepted.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Successful");
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin)
                        .json()
                        .path("differences"))
                .isEmpty();

        stubClusterTag(name, "ops");
        var tagDrift = api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin);
        assertThat(tagDrift.json().path("differences").get(0).path("key").asString())
                .isEqualTo("tags.team");
        var stale = api.post("/api/k8s/cloud/clusters/" + id + "/drift/accept", Map.of("fingerprint", "0000"), admin);
        assertThat(stale.code()).isEqualTo("drift-changed");
        var adopt = api.post(
                "/api/k8s/cloud/clusters/" + id + "/drift/accept",
                Map.of("fingerprint", tagDrift.json().path("fingerprint").asString()),
                admin);
        assertThat(adopt.json().path("drift").asBoolean()).isFalse();
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/drift", admin)
                        .json()
                        .path("differences"))
                .isEmpty();
    }

    @Test
    @DisplayName("a downgrade, a skipped minor or an unknown setting is refused before anything is sent")
    void badUpdates() {
        long account = account(key());
        String name = unique("ver");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("version-downgrade", Map.of("version", "1.29"));
        cases.put("version-unchanged", Map.of("version", "1.30"));
        cases.put("invalid-version", Map.of("version", "1.32"));
        cases.put("invalid-version ", Map.of("version", "latest"));
        cases.put("invalid-setting", Map.of("settings", Map.of("tags.team", "x")));
        cases.put("invalid-setting ", Map.of("settings", Map.of("endpointPublicAccess", "yes")));
        cases.put("invalid-field", Map.of("version", "1.31", "settings", Map.of("logging.api", "true")));
        for (var c : cases.entrySet()) {
            var r = api.put("/api/k8s/cloud/clusters/" + id, c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.code()).as(r.text()).isEqualTo(c.getKey().trim());
        }
        AWS.verify(0, postRequestedFor(urlPathMatching("/clusters/" + name + "/.*")));
        assertThat(count("cloud_jobs WHERE cloud_cluster_id = " + id)).isZero();
    }

    @Test
    @DisplayName("a version upgrade is a job that follows the EKS update until it succeeds")
    void upgrade() {
        long account = account(key());
        String name = unique("up");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/updates"))
                .withRequestBody(equalToJson("{\"version\":\"1.31\"}", true, true))
                .willReturn(
                        json("{\"update\":{\"id\":\"upd-1\",\"status\":\"InProgress\",\"type\":\"VersionUpdate\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-1"))
                .inScenario("upgrade")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        json("{\"update\":{\"id\":\"upd-1\",\"status\":\"InProgress\",\"type\":\"VersionUpdate\"}}"))
                .willSetStateTo("again"));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-1"))
                .inScenario("upgrade")
                .whenScenarioStateIs("again")
                .willReturn(
                        json("{\"update\":{\"id\":\"upd-1\",\"status\":\"InProgress\",\"type\":\"VersionUpdate\"}}"))
                .willSetStateTo("done"));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-1"))
                .inScenario("upgrade")
                .whenScenarioStateIs("done")
                .willReturn(
                        json("{\"update\":{\"id\":\"upd-1\",\"status\":\"Successful\",\"type\":\"VersionUpdate\"}}")));
        var started = api.put("/api/k8s/cloud/clusters/" + id, Map.of("version", "1.31"), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.json().path("kind").asString()).isEqualTo("UPDATE_CLUSTER");
        var busy = api.put("/api/k8s/cloud/clusters/" + id, Map.of("version", "1.31"), admin);
        assertThat(busy.code()).isEqualTo("job-running");
        stubCluster(name, "ACTIVE", "1.31", null, true);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("polls").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(job.path("message").asString()).contains("updated to 1.31");
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin)
                        .json()
                        .path("version")
                        .asString())
                .isEqualTo("1.31");
        assertThat(api.get("/api/k8s/cloud/jobs?status=SUCCEEDED&accountId=" + account, admin)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("delete needs the cluster's name as confirmation; the job ends when EKS no longer knows it")
    void delete() {
        long account = account(key());
        String name = unique("del");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id, admin).code()).isEqualTo("confirmation-required");
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id + "?confirm=other", admin)
                        .code())
                .isEqualTo("confirmation-mismatch");
        AWS.verify(0, deleteRequestedFor(urlPathEqualTo("/clusters/" + name)));
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("ACTIVE");

        AWS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/clusters/" + name))
                .willReturn(json("{\"cluster\":" + cluster(name, "DELETING", "1.30", null, true) + "}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .willReturn(eksError(404, "ResourceNotFoundException", "No cluster found for name: " + name)));
        var started = api.delete("/api/k8s/cloud/clusters/" + id + "?confirm=" + name, admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("DELETED");
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin).code()).isEqualTo("cloud-cluster-not-found");
    }

    @Test
    @DisplayName("sync records the cloud's status and notices a cluster deleted outside the platform")
    void sync() {
        long account = account(key());
        String name = unique("sync");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        stubCluster(name, "UPDATING", "1.30", null, true);
        var updating = api.post("/api/k8s/cloud/clusters/" + id + "/sync", "", admin);
        assertThat(updating.json().path("status").asString()).isEqualTo("UPDATING");
        assertThat(updating.json().path("lastSyncAt").isNull()).isFalse();
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .willReturn(eksError(404, "ResourceNotFoundException", "No cluster found")));
        background.syncAll();
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("DELETED");
        assertThat(api.get("/api/k8s/cloud/clusters?accountId=" + account, admin)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.delete("/api/k8s/cloud/accounts/" + account, admin).code())
                .isEqualTo("account-in-use");
    }

    @Test
    @DisplayName("access entries: listed with their policies, granted on namespaces, revoked")
    void accessEntries() {
        long account = account(key());
        String name = unique("acc");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        String principal = "arn:aws:iam::" + ACCOUNT_ID + ":role/developers";
        String encoded = "arn%3Aaws%3Aiam%3A%3A" + ACCOUNT_ID + "%3Arole%2Fdevelopers";
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/access-entries"))
                .willReturn(json("{\"accessEntries\":[\"" + principal + "\"]}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/access-entries/" + encoded))
                .willReturn(json("{\"accessEntry\":{\"clusterName\":\"" + name + "\",\"principalArn\":\"" + principal
                        + "\",\"kubernetesGroups\":[],\"type\":\"STANDARD\",\"username\":\"" + principal + "\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/access-entries/" + encoded + "/access-policies"))
                .willReturn(json("{\"clusterName\":\"" + name + "\",\"principalArn\":\"" + principal
                        + "\",\"associatedAccessPolicies\":[{\"policyArn\":"
                        + "\"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\","
                        + "\"accessScope\":{\"type\":\"namespace\",\"namespaces\":[\"shop\"]}}]}")));
        var list = api.get("/api/k8s/cloud/clusters/" + id + "/access", admin);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().get(0).path("policies").get(0).path("policy").asString())
                .isEqualTo("AmazonEKSViewPolicy");
        assertThat(list.json()
                        .get(0)
                        .path("policies")
                        .get(0)
                        .path("namespaces")
                        .get(0)
                        .asString())
                .isEqualTo("shop");

        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/access-entries"))
                .willReturn(eksError(
                        409, "ResourceInUseException", "The specified access entry resource is already in use")));
        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/access-entries/" + encoded + "/access-policies"))
                .withRequestBody(equalToJson(
                        "{\"policyArn\":\"arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy\","
                                + "\"accessScope\":{\"type\":\"namespace\",\"namespaces\":[\"shop\"]}}",
                        true,
                        true))
                .willReturn(json("{\"clusterName\":\"" + name + "\",\"principalArn\":\"" + principal + "\"}")));
        var granted = api.post(
                "/api/k8s/cloud/clusters/" + id + "/access",
                Map.of("principal", principal, "policy", "AmazonEKSEditPolicy", "namespaces", List.of("shop")),
                admin);
        assertThat(granted.status()).as(granted.text()).isEqualTo(201);
        assertThat(api.post(
                                "/api/k8s/cloud/clusters/" + id + "/access",
                                Map.of(
                                        "principal",
                                        principal,
                                        "policy",
                                        "AmazonEKSEditPolicy",
                                        "namespaces",
                                        List.of("Bad_NS")),
                                admin)
                        .code())
                .isEqualTo("invalid-namespace");

        AWS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        urlPathEqualTo("/clusters/" + name + "/access-entries/" + encoded))
                .willReturn(json("{}")));
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id + "/access?principal=" + encoded, admin)
                        .status())
                .isEqualTo(204);
        AWS.verify(deleteRequestedFor(urlPathEqualTo("/clusters/" + name + "/access-entries/" + encoded)));
    }

    @Test
    @DisplayName("endpoint access changes through UpdateClusterConfig; mixing it with logging is refused")
    void endpointAccess() {
        long account = account(key());
        String name = unique("ep");
        stubCluster(name, "ACTIVE", "1.30", null, true);
        long id = importUnregistered(account, name);
        var mixed = api.put(
                "/api/k8s/cloud/clusters/" + id,
                Map.of("settings", Map.of("endpointPublicAccess", "false", "logging.api", "false")),
                admin);
        assertThat(mixed.code()).isEqualTo("invalid-setting");
        assertThat(api.put(
                                "/api/k8s/cloud/clusters/" + id,
                                Map.of("settings", Map.of("publicAccessCidrs", "10.0.0.0/8,nope")),
                                admin)
                        .code())
                .isEqualTo("invalid-setting");
        AWS.stubFor(post(urlPathEqualTo("/clusters/" + name + "/update-config"))
                .withRequestBody(equalToJson(
                        "{\"resourcesVpcConfig\":{\"endpointPublicAccess\":false,\"endpointPrivateAccess\":true,"
                                + "\"publicAccessCidrs\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}",
                        true,
                        true))
                .willReturn(json("{\"update\":{\"id\":\"upd-ep\",\"status\":\"InProgress\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/updates/upd-ep"))
                .willReturn(json("{\"update\":{\"id\":\"upd-ep\",\"status\":\"Failed\",\"errors\":"
                        + "[{\"errorCode\":\"InsufficientFreeAddresses\",\"errorMessage\":\"no free IPs\"}]}}")));
        var started = api.put(
                "/api/k8s/cloud/clusters/" + id,
                Map.of(
                        "settings",
                        Map.of(
                                "endpointPublicAccess", "false",
                                "endpointPrivateAccess", "true",
                                "publicAccessCidrs", "10.0.0.0/8, 192.168.0.0/16")),
                admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("phase").asString()).isEqualTo("Failed");
        assertThat(job.path("message").asString()).contains("InsufficientFreeAddresses: no free IPs");
        var view = api.get("/api/k8s/cloud/clusters/" + id, admin).json();
        assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.path("lastError").asString()).contains("no free IPs");
    }

    private long importUnregistered(long account, String name) {
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/eu-west-1/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        if (r.status() != 201) {
            throw new AssertionError("import failed: " + r.text());
        }
        assertThat(r.json().path("clusterId").isNull()).isTrue();
        return r.json().path("id").asLong();
    }

    private void stubClusterTag(String name, String team) {
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .willReturn(json("{\"cluster\":"
                        + cluster(name, "ACTIVE", "1.30", null, false)
                                .replace("\"team\":\"platform\"", "\"team\":\"" + team + "\"")
                        + "}")));
    }

    private String kubeconfigOf(long clusterId) {
        return jdbc.sql("SELECT kubeconfig_sealed FROM clusters WHERE id = :id")
                .param("id", clusterId)
                .query(String.class)
                .single();
    }
}
