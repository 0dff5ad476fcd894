package dev.cloudops.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cloudops.testing.Api;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("YAML versions over HTTP against a mock API server")
class VersionsIT extends PlatformIT {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.27"}]}
            """;

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("ver"));
        ns = mock.namespace(unique("ns"));
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    /** Applies a manifest through the platform, as a user would. */
    static void apply(Api api, String token, long cluster, String ns, String manifest) {
        var r = api.postText(
                "/api/k8s/resources/" + cluster + "/apply?namespace=" + ns, manifest, "application/yaml", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** The id of the tracked object, once tracking has taken it up. */
    static long trackedId(Api api, String token, long cluster, String ns, String kind, String name) {
        String path =
                "/api/k8s/yaml/tracked?clusterId=" + cluster + "&namespace=" + ns + "&kind=" + kind + "&name=" + name;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get(path, token).json().path("total").asLong() == 1);
        return api.get(path, token).json().path("items").get(0).path("id").asLong();
    }

    /** Waits until the object has {@code count} versions and answers the history, newest first. */
    static JsonNode awaitVersions(Api api, String token, long id, int count) {
        String path = "/api/k8s/yaml/versions/" + id;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get(path, token).json().path("total").asInt() >= count);
        var r = api.get(path, token);
        assertThat(r.json().path("total").asInt()).as(r.text()).isEqualTo(count);
        return r.json().path("items");
    }

    private Deployment live() {
        return mock.client()
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get();
    }

    private String image() {
        return live().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private void editOutOfBand(String image, int replicas) {
        mock.client().apps().deployments().inNamespace(ns).withName("web").edit(d -> {
            d.getSpec().setReplicas(replicas);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
        });
    }

    private long versionRows(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM resource_versions WHERE resource_id = :r")
                .param("r", id)
                .query(Long.class)
                .single();
    }

    @Test
    @DisplayName("an apply is v1 by its user; an out-of-band edit becomes v2 by 'observed'; the diff is right")
    void outOfBandChangeBecomesAVersion() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        JsonNode first = awaitVersions(api, admin, id, 1).get(0);
        assertThat(first.path("createdBy").asString()).isEqualTo("admin");
        assertThat(first.path("source").asString()).isEqualTo("apply");
        assertThat(first.path("summary").asString()).isEqualTo("created");
        assertThat(first.path("current").asBoolean()).isTrue();

        editOutOfBand("nginx:1.28", 3);

        JsonNode second = awaitVersions(api, admin, id, 2).get(0);
        assertThat(second.path("version").asString()).isEqualTo("v2");
        assertThat(second.path("createdBy").asString()).isEqualTo("observed");
        assertThat(second.path("source").asString()).isEqualTo("observed");
        assertThat(second.path("parentNumber").asInt()).isEqualTo(1);
        assertThat(second.path("summary").asString())
                .contains("spec.replicas: 2 → 3")
                .contains("containers[web].image: nginx:1.27 → nginx:1.28");
        assertThat(second.path("commitHash").asString())
                .hasSize(64)
                .isNotEqualTo(first.path("commitHash").asString());

        var diff = api.get("/api/k8s/yaml/versions/" + id + "/diff?from=v1&to=v2", admin);
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json().path("unified").asString())
                .contains("-  replicas: 2\n+  replicas: 3\n")
                .contains("-      - image: nginx:1.27\n+      - image: nginx:1.28\n");
        assertThat(diff.json().path("patch").toString())
                .contains("{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}")
                .contains("\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.28\"");
        assertThat(diff.json().path("linesAdded").asInt()).isEqualTo(2);
        var unified = api.get("/api/k8s/yaml/versions/" + id + "/diff?format=unified", admin);
        assertThat(unified.contentType()).startsWith("text/x-diff");
        assertThat(unified.text()).isEqualTo(diff.json().path("unified").asString());
        var patch = api.get("/api/k8s/yaml/versions/" + id + "/diff?format=patch", admin);
        assertThat(patch.text()).startsWith("[").contains("/spec/replicas");

        var v1 = api.get("/api/k8s/yaml/versions/" + id + "/refs/v1", admin);
        assertThat(v1.json().path("yamlContent").asString())
                .contains("image: nginx:1.27")
                .doesNotContain("resourceVersion")
                .doesNotContain("uid:")
                .doesNotContain("status:");
        var yaml = api.get("/api/k8s/yaml/versions/" + id + "/refs/current?format=yaml", admin);
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.text()).contains("image: nginx:1.28");
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/refs/current", admin)
                        .json()
                        .path("diffContent")
                        .asString())
                .isEqualTo(diff.json().path("unified").asString());
    }

    @Test
    @DisplayName("rollback: dry run changes nothing, then restores v1's spec as v3 'rollback to v1 by admin', no echo")
    void rollbackRestoresTheEarlierSpec() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        awaitVersions(api, admin, id, 1);
        editOutOfBand("nginx:1.28", 3);
        awaitVersions(api, admin, id, 2);

        var preview = api.post(
                "/api/k8s/yaml/versions/" + id + "/rollback",
                Map.of("to", "v1", "expectedVersion", 2, "dryRun", true),
                admin);
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.json().path("dryRun").asBoolean()).isTrue();
        assertThat(preview.json().path("outcome").asString()).isEqualTo("CONFIGURED");
        assertThat(preview.json().path("diff").path("unified").asString())
                .contains("-      - image: nginx:1.28\n+      - image: nginx:1.27\n");
        assertThat(preview.json().path("version").isNull()).isTrue();
        assertThat(image()).isEqualTo("nginx:1.28");
        assertThat(versionRows(id)).isEqualTo(2);

        var done = api.post(
                "/api/k8s/yaml/versions/" + id + "/rollback",
                Map.of("to", "v1", "expectedVersion", 2, "changeLog", "1.28 breaks checkout"),
                admin);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.json().path("outcome").asString()).isEqualTo("CONFIGURED");
        assertThat(done.json().path("target").path("number").asInt()).isEqualTo(1);
        assertThat(image()).isEqualTo("nginx:1.27");
        assertThat(live().getSpec().getReplicas()).isEqualTo(2);

        JsonNode v3 = done.json().path("version");
        assertThat(v3.path("number").asInt()).isEqualTo(3);
        assertThat(v3.path("source").asString()).isEqualTo("rollback");
        assertThat(v3.path("createdBy").asString()).isEqualTo("admin");
        assertThat(v3.path("changeLog").asString()).isEqualTo("rollback to v1 by admin: 1.28 breaks checkout");
        assertThat(v3.path("commitHash").asString())
                .isEqualTo(api.get("/api/k8s/yaml/versions/" + id + "/refs/v1", admin)
                        .json()
                        .path("commitHash")
                        .asString());

        // The watch sees the rollback's write too; content addressing keeps it one version.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(versionRows(id)).isEqualTo(3);
        var history =
                api.get("/api/k8s/yaml/versions/" + id + "/history", admin).json();
        assertThat(history.path("items").findValuesAsString("source")).containsExactly("rollback", "observed", "apply");
        assertThat(history.path("items").get(0).path("current").asBoolean()).isTrue();

        var again = api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1"), admin);
        assertThat(again.json().path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(versionRows(id)).isEqualTo(3);
    }

    @Test
    @DisplayName("a rollback is refused with 409 when the live object changed since the version the caller saw")
    void rollbackRefusedWhenLiveChanged() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        awaitVersions(api, admin, id, 1);
        editOutOfBand("nginx:1.28", 3);
        awaitVersions(api, admin, id, 2);
        apply(api, admin, cluster, ns, DEPLOYMENT.replace("replicas: 2", "replicas: 2\n  minReadySeconds: 5"));
        awaitVersions(api, admin, id, 3);

        // The caller looked at v2 and wants v1 back, but v3 came since.
        var stale =
                api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1", "expectedVersion", 2), admin);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("live-changed");
        assertThat(stale.json().path("field").asString()).isEqualTo("expectedVersion");

        // An edit on the cluster the watch may not have recorded yet: live differs from the current version.
        editOutOfBand("nginx:1.29", 4);
        var outOfBand =
                api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1", "expectedVersion", 3), admin);
        assertThat(outOfBand.status()).isEqualTo(409);
        assertThat(outOfBand.code()).isEqualTo("live-changed");
        assertThat(image()).isEqualTo("nginx:1.29");
        awaitVersions(api, admin, id, 4);
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/history", admin)
                        .json()
                        .path("items")
                        .findValuesAsString("source"))
                .doesNotContain("rollback");

        var forced = api.post(
                "/api/k8s/yaml/versions/" + id + "/rollback",
                Map.of("to", "v1", "expectedVersion", 2, "force", true),
                admin);
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        assertThat(image()).isEqualTo("nginx:1.27");
    }

    @Test
    @DisplayName("bad input is refused with a clear problem and changes nothing")
    void badInput() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        apply(api, admin, cluster, ns, DEPLOYMENT.replace("name: web", "name: api"));
        long web = trackedId(api, admin, cluster, ns, "deployments", "web");
        long other = trackedId(api, admin, cluster, ns, "deployments", "api");
        awaitVersions(api, admin, web, 1);
        long otherVersion =
                awaitVersions(api, admin, other, 1).get(0).path("id").asLong();
        String before = live().getMetadata().getResourceVersion();

        var foreign = api.post("/api/k8s/yaml/versions/" + web + "/rollback", Map.of("versionId", otherVersion), admin);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo("version-of-other-resource");
        assertThat(foreign.json().path("field").asString()).isEqualTo("versionId");

        var missing = api.get("/api/k8s/yaml/versions/" + web + "/diff?from=v1&to=v99", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("version-not-found");
        assertThat(missing.json().path("field").asString()).isEqualTo("to");
        var missingFrom = api.get("/api/k8s/yaml/versions/" + web + "/diff?from=no-such-tag", admin);
        assertThat(missingFrom.code()).isEqualTo("version-not-found");
        assertThat(missingFrom.json().path("field").asString()).isEqualTo("from");
        assertThat(api.get("/api/k8s/yaml/versions/999999/diff", admin).code()).isEqualTo("tracked-resource-not-found");
        assertThat(api.post("/api/k8s/yaml/versions/" + web + "/rollback", Map.of("to", "v7"), admin)
                        .code())
                .isEqualTo("version-not-found");
        assertThat(api.post("/api/k8s/yaml/versions/" + web + "/rollback", Map.of(), admin)
                        .code())
                .isEqualTo("invalid-field");

        var tagged = api.post("/api/k8s/yaml/versions/" + web + "/tag", Map.of("tag", "stable"), admin);
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(201);
        var duplicate = api.post("/api/k8s/yaml/versions/" + web + "/tag", Map.of("tag", "stable"), admin);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("duplicate-tag");
        for (String bad : List.of("v3", "12", "current", "-x", "a b", "x".repeat(64))) {
            var invalid = api.post("/api/k8s/yaml/versions/" + web + "/tag", Map.of("tag", bad), admin);
            assertThat(invalid.code()).as(bad).isEqualTo("invalid-tag");
        }
        assertThat(api.get("/api/k8s/yaml/versions/" + web + "/tags", admin).json())
                .hasSize(1);

        for (String bad : List.of("Feature", "feat/x", "-x", "x-", "a b", "main!", "x".repeat(64), "")) {
            var branch = api.post("/api/k8s/yaml/versions/" + web + "/branches", Map.of("name", bad), admin);
            assertThat(branch.status()).as(bad).isEqualTo(400);
            assertThat(branch.code()).as(bad).isEqualTo("invalid-branch-name");
            assertThat(branch.json().path("field").asString()).isEqualTo("name");
        }
        assertThat(api.post("/api/k8s/yaml/versions/" + web + "/branches", Map.of("name", "main"), admin)
                        .code())
                .isEqualTo("duplicate-branch");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM version_branches WHERE resource_id = :r")
                        .param("r", web)
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(live().getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(versionRows(web)).isEqualTo(1);
    }

    @Test
    @DisplayName("tags name versions; a version is found by its tag; deleting a tag keeps the version")
    void tags() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        awaitVersions(api, admin, id, 1);
        editOutOfBand("nginx:1.28", 2);
        awaitVersions(api, admin, id, 2);
        assertThat(api.post(
                                "/api/k8s/yaml/versions/" + id + "/tag",
                                Map.of("tag", "release-41", "version", "v1"),
                                admin)
                        .json()
                        .path("number")
                        .asInt())
                .isEqualTo(1);
        api.post("/api/k8s/yaml/versions/" + id + "/tag", Map.of("tag", "release-42"), admin);

        var found = api.get("/api/k8s/yaml/versions/" + id + "/refs/release-41", admin);
        assertThat(found.json().path("number").asInt()).isEqualTo(1);
        assertThat(found.json().path("tags").toString()).contains("release-41");
        var diff = api.get("/api/k8s/yaml/versions/" + id + "/diff?from=release-41&to=release-42", admin);
        assertThat(diff.json().path("summary").asString()).contains("nginx:1.27 → nginx:1.28");
        assertThat(api.get("/api/k8s/yaml/versions/" + id, admin)
                        .json()
                        .path("items")
                        .get(0)
                        .path("tags")
                        .get(0)
                        .asString())
                .isEqualTo("release-42");

        assertThat(api.delete("/api/k8s/yaml/versions/" + id + "/tags/release-41", admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/k8s/yaml/versions/" + id + "/tags/release-41", admin)
                        .code())
                .isEqualTo("tag-not-found");
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/refs/release-41", admin)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/refs/1", admin).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("branches: create from a version, commit without applying, apply the head as a new main version")
    void branches() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        awaitVersions(api, admin, id, 1);
        String before = live().getMetadata().getResourceVersion();

        var created = api.post("/api/k8s/yaml/versions/" + id + "/branches", Map.of("name", "canary"), admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("base").asInt()).isEqualTo(1);
        assertThat(created.json().path("head").asInt()).isEqualTo(1);
        assertThat(api.post("/api/k8s/yaml/versions/" + id + "/branches", Map.of("name", "canary"), admin)
                        .code())
                .isEqualTo("duplicate-branch");

        String changed = DEPLOYMENT.replace("replicas: 2", "replicas: 5").replace("nginx:1.27", "nginx:1.29");
        var commit = api.postText(
                "/api/k8s/yaml/versions/" + id + "/branches/canary/commits?changeLog=try%201.29",
                changed,
                "application/yaml",
                admin);
        assertThat(commit.status()).as(commit.text()).isEqualTo(201);
        JsonNode v2 = commit.json().path("version");
        assertThat(v2.path("branch").asString()).isEqualTo("canary");
        assertThat(v2.path("current").asBoolean()).isFalse();
        assertThat(v2.path("source").asString()).isEqualTo("commit");
        assertThat(v2.path("changeLog").asString()).isEqualTo("try 1.29");
        assertThat(v2.path("diffContent").asString()).contains("+  replicas: 5");
        var same = api.postText(
                "/api/k8s/yaml/versions/" + id + "/branches/canary/commits", changed, "application/yaml", admin);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("created").asBoolean()).isFalse();
        assertThat(live().getMetadata().getResourceVersion()).isEqualTo(before);

        assertThat(api.postText(
                                "/api/k8s/yaml/versions/" + id + "/branches/main/commits",
                                changed,
                                "application/yaml",
                                admin)
                        .code())
                .isEqualTo("branch-is-live");
        assertThat(api.postText(
                                "/api/k8s/yaml/versions/" + id + "/branches/canary/commits",
                                changed.replace("name: web", "name: other"),
                                "application/yaml",
                                admin)
                        .code())
                .isEqualTo("object-mismatch");
        assertThat(api.postText(
                                "/api/k8s/yaml/versions/" + id + "/branches/nope/commits",
                                changed,
                                "application/yaml",
                                admin)
                        .code())
                .isEqualTo("branch-not-found");

        var canaryHistory = api.get("/api/k8s/yaml/versions/" + id + "/history?branch=canary", admin);
        assertThat(canaryHistory.json().path("items").findValuesAsString("version"))
                .containsExactly("v2", "v1");
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/history", admin)
                        .json()
                        .path("items")
                        .findValuesAsString("version"))
                .containsExactly("v1");

        var applied = api.post(
                "/api/k8s/yaml/versions/" + id + "/branches/canary/apply", Map.of("expectedVersion", 1), admin);
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(live().getSpec().getReplicas()).isEqualTo(5);
        assertThat(image()).isEqualTo("nginx:1.29");
        JsonNode v3 = applied.json().path("version");
        assertThat(v3.path("number").asInt()).isEqualTo(3);
        assertThat(v3.path("branch").asString()).isEqualTo("main");
        assertThat(v3.path("source").asString()).isEqualTo("branch-apply");
        assertThat(v3.path("changeLog").asString()).isEqualTo("apply branch canary (v2) by admin");
        var listed =
                api.get("/api/k8s/yaml/versions/" + id + "/branches", admin).json();
        assertThat(listed.findValuesAsString("name")).containsExactly("main", "canary");
        assertThat(listed.get(0).path("head").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("compare across two objects: the same Deployment in staging and in prod")
    void compareAcrossObjects() {
        String prod = mock.namespace(unique("prod"));
        apply(api, admin, cluster, ns, DEPLOYMENT);
        apply(api, admin, cluster, prod, DEPLOYMENT.replace("replicas: 2", "replicas: 6"));
        long staging = trackedId(api, admin, cluster, ns, "deployments", "web");
        long production = trackedId(api, admin, cluster, prod, "deployments", "web");
        var compared =
                api.post("/api/k8s/yaml/versions/" + staging + "/compare", Map.of("toResourceId", production), admin);
        assertThat(compared.status()).as(compared.text()).isEqualTo(200);
        assertThat(compared.json().path("summary").asString())
                .contains("metadata.namespace: " + ns + " → " + prod)
                .contains("spec.replicas: 2 → 6");
        assertThat(compared.json().path("from").path("label").asString())
                .isEqualTo("deployment.apps/" + ns + "/web@v1");
        assertThat(compared.json().path("to").path("label").asString())
                .isEqualTo("deployment.apps/" + prod + "/web@v1");
        assertThat(compared.json().path("unified").asString()).contains("+  replicas: 6");

        var self = api.post(
                "/api/k8s/yaml/versions/" + staging + "/compare", Map.of("from", "v1", "to", "current"), admin);
        assertThat(self.json().path("identical").asBoolean()).isTrue();
        assertThat(api.post("/api/k8s/yaml/versions/" + staging + "/compare", Map.of("toResourceId", 987654), admin)
                        .code())
                .isEqualTo("tracked-resource-not-found");
    }
}
