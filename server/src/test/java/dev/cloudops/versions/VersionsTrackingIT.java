package dev.cloudops.versions;

import static dev.cloudops.versions.VersionsIT.DEPLOYMENT;
import static dev.cloudops.versions.VersionsIT.apply;
import static dev.cloudops.versions.VersionsIT.awaitVersions;
import static dev.cloudops.versions.VersionsIT.trackedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("What is tracked, secrets, access and the platform's own changes, over HTTP")
class VersionsTrackingIT extends PlatformIT {

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("trk"));
        ns = mock.namespace(unique("ns"));
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    private long total(String query) {
        return api.get("/api/k8s/yaml/tracked?clusterId=" + cluster + query, admin)
                .json()
                .path("total")
                .asLong();
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {mode: " + value + "}\n";
    }

    private static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    @Test
    @DisplayName("automatic tracking takes up new objects of tracked kinds, never secrets, owned or kube-system ones")
    void automaticTracking() {
        apply(api, admin, cluster, ns, configMap("through-platform", "a"));
        assertThat(trackedId(api, admin, cluster, ns, "configmaps", "through-platform"))
                .isPositive();
        apply(api, admin, cluster, ns, """
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                stringData: {password: hunter2}
                """);
        String system = mock.namespace("kube-system");
        mock.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("in-system")
                .withNamespace(system)
                .endMetadata()
                .build());
        mock.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("owned")
                .withNamespace(ns)
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName("web-1")
                .withUid("u-1")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .build());
        mock.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("kube-root-ca.crt")
                .withNamespace(ns)
                .endMetadata()
                .build());
        mock.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("found")
                .withNamespace(ns)
                .endMetadata()
                .addToData("k", "v")
                .build());

        long found = trackedId(api, admin, cluster, ns, "configmaps", "found");
        JsonNode v1 = awaitVersions(api, admin, found, 1).get(0);
        assertThat(v1.path("createdBy").asString()).isEqualTo("observed");
        assertThat(v1.path("source").asString()).isEqualTo("track");
        assertThat(v1.path("summary").asString()).isEqualTo("tracking started");
        assertThat(api.get("/api/k8s/yaml/tracked/" + found, admin)
                        .json()
                        .path("autoTracked")
                        .asBoolean())
                .isTrue();
        pause(Duration.ofSeconds(1));
        assertThat(total("&kind=secrets")).isZero();
        assertThat(total("&name=owned")).isZero();
        assertThat(total("&name=kube-root-ca.crt")).isZero();
        assertThat(total("&namespace=kube-system")).isZero();
        assertThat(total("&namespace=" + ns)).isEqualTo(2);
    }

    @Test
    @DisplayName("custom resources are tracked automatically; an out-of-band edit of one becomes a version")
    void customResources() {
        mock.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                        """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        spec:
                          group: example.com
                          scope: Namespaced
                          names: {kind: Widget, plural: widgets, singular: widget}
                          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
                        """, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class))
                .create();
        apply(
                api,
                admin,
                cluster,
                ns,
                "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n");
        long id = trackedId(api, admin, cluster, ns, "widgets", "w");
        awaitVersions(api, admin, id, 1);

        var widgets = mock.client()
                .genericKubernetesResources(new ResourceDefinitionContext.Builder()
                        .withGroup("example.com")
                        .withVersion("v1")
                        .withKind("Widget")
                        .withPlural("widgets")
                        .withNamespaced(true)
                        .build())
                .inNamespace(ns)
                .withName("w");
        widgets.edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 3));
            return w;
        });
        JsonNode v2 = awaitVersions(api, admin, id, 2).get(0);
        assertThat(v2.path("createdBy").asString()).isEqualTo("observed");
        assertThat(v2.path("summary").asString()).isEqualTo("spec.size: 1 → 3");

        var back = api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1"), admin);
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        GenericKubernetesResource live = widgets.get();
        assertThat(live.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 1));
    }

    @Test
    @DisplayName("a tracked Secret's values are never stored in clear; changes still show, and rollback restores them")
    void secretsAreSealed() {
        String original = Base64.getEncoder().encodeToString("hunter2-original".getBytes(StandardCharsets.UTF_8));
        mock.create(new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ns)
                .endMetadata()
                .addToData("password", original)
                .build());
        var tracked = api.post(
                "/api/k8s/yaml/tracked",
                Map.of("clusterId", cluster, "kind", "secrets", "namespace", ns, "name", "db"),
                admin);
        assertThat(tracked.status()).as(tracked.text()).isEqualTo(201);
        long id = tracked.json().path("id").asLong();
        assertThat(tracked.json().path("autoTracked").asBoolean()).isFalse();
        assertThat(tracked.json().path("currentVersion").asInt()).isEqualTo(1);
        String v1 = api.get("/api/k8s/yaml/versions/" + id + "/refs/v1", admin)
                .json()
                .path("yamlContent")
                .asString();
        assertThat(v1).contains("password: sealed:").doesNotContain(original).doesNotContain("hunter2");

        String changed = Base64.getEncoder().encodeToString("hunter2-changed".getBytes(StandardCharsets.UTF_8));
        mock.client().secrets().inNamespace(ns).withName("db").edit(s -> {
            s.getData().put("password", changed);
            return s;
        });
        JsonNode v2 = awaitVersions(api, admin, id, 2).get(0);
        assertThat(v2.path("summary").asString()).startsWith("data.password: sealed:");
        var diff = api.get("/api/k8s/yaml/versions/" + id + "/diff", admin);
        assertThat(diff.text()).contains("sealed:").doesNotContain(original).doesNotContain(changed);

        List<String[]> rows = jdbc.sql(
                        "SELECT yaml_content, json_content, sealed_data FROM resource_versions WHERE resource_id = :r")
                .param("r", id)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        assertThat(rows).hasSize(2);
        for (String[] row : rows) {
            assertThat(String.join("\n", row))
                    .contains("sealed:")
                    .doesNotContain(original)
                    .doesNotContain(changed)
                    .doesNotContain("hunter2");
            assertThat(row[2]).startsWith("v1:");
        }

        assertThat(api.post("/api/k8s/yaml/versions/" + id + "/branches", Map.of("name", "b"), admin)
                        .status())
                .isEqualTo(201);
        var commit = api.postText(
                "/api/k8s/yaml/versions/" + id + "/branches/b/commits",
                "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: eA==}\n",
                "application/yaml",
                admin);
        assertThat(commit.code()).isEqualTo("secret-not-committable");

        var back = api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1"), admin);
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(mock.client().secrets().inNamespace(ns).withName("db").get().getData())
                .containsEntry("password", original);
    }

    @Test
    @DisplayName("explicit tracking of any kind; untrack stops capture and keeps history; purge deletes it")
    void explicitTrackingAndUntracking() {
        String role = unique("role");
        mock.create(new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(role)
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get")
                .endRule()
                .build());
        long before = count("tracked_resources");
        var unknown =
                api.post("/api/k8s/yaml/tracked", Map.of("clusterId", cluster, "kind", "frobs", "name", "x"), admin);
        assertThat(unknown.code()).isEqualTo("unknown-kind");
        var absent = api.post(
                "/api/k8s/yaml/tracked", Map.of("clusterId", cluster, "kind", "clusterroles", "name", "nope"), admin);
        assertThat(absent.code()).isEqualTo("kube-not-found");
        assertThat(api.post("/api/k8s/yaml/tracked", Map.of("kind", "clusterroles", "name", role), admin)
                        .code())
                .isEqualTo("invalid-field");
        assertThat(count("tracked_resources")).isEqualTo(before);

        var tracked = api.post(
                "/api/k8s/yaml/tracked", Map.of("clusterId", cluster, "kind", "clusterroles", "name", role), admin);
        assertThat(tracked.status()).as(tracked.text()).isEqualTo(201);
        assertThat(tracked.json().path("namespace").isNull()).isTrue();
        assertThat(tracked.json().path("apiVersion").asString()).isEqualTo("rbac.authorization.k8s.io/v1");
        long id = tracked.json().path("id").asLong();
        var again = api.post(
                "/api/k8s/yaml/tracked",
                Map.of("clusterId", cluster, "kind", "clusterrole", "namespace", "_", "name", role),
                admin);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asLong()).isEqualTo(id);
        assertThat(total("&namespace=_&kind=clusterroles")).isEqualTo(1);

        assertThat(api.delete("/api/k8s/yaml/tracked/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/k8s/yaml/tracked/" + id, admin)
                        .json()
                        .path("tracking")
                        .asBoolean())
                .isFalse();
        mock.client().rbac().clusterRoles().withName(role).edit(r -> {
            r.getRules().get(0).getVerbs().add("list");
            return r;
        });
        pause(Duration.ofSeconds(2));
        assertThat(api.get("/api/k8s/yaml/versions/" + id, admin)
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1"), admin)
                        .code())
                .isEqualTo("not-tracking");

        var resumed = api.post(
                "/api/k8s/yaml/tracked", Map.of("clusterId", cluster, "kind", "clusterroles", "name", role), admin);
        assertThat(resumed.status()).isEqualTo(201);
        JsonNode v2 = awaitVersions(api, admin, id, 2).get(0);
        assertThat(v2.path("changeLog").asString()).isEqualTo("tracking resumed by admin");
        assertThat(v2.path("summary").asString()).contains("rules[0].verbs");

        assertThat(api.delete("/api/k8s/yaml/tracked/" + id + "?purge=true", admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/k8s/yaml/tracked/" + id, admin).code()).isEqualTo("tracked-resource-not-found");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM resource_versions WHERE resource_id = :r")
                        .param("r", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @DisplayName("scale, restart and delete through the platform are versions; rollback brings a deleted object back")
    void platformOperations() {
        apply(api, admin, cluster, ns, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        String workload = "/api/k8s/workloads/" + cluster + "/deployments/" + ns + "/web";
        assertThat(api.post(workload + "/scale", Map.of("replicas", 4), admin).status())
                .isEqualTo(200);
        assertThat(api.post(workload + "/restart", Map.of(), admin).status()).isEqualTo(200);
        assertThat(api.delete("/api/k8s/resources/" + cluster + "/deployments/" + ns + "/web", admin)
                        .status())
                .isEqualTo(204);
        JsonNode versions = awaitVersions(api, admin, id, 4);
        assertThat(versions.findValuesAsString("source")).containsExactly("delete", "restart", "scale", "apply");
        assertThat(versions.get(2).path("changeLog").asString()).isEqualTo("scale by admin");
        assertThat(versions.get(2).path("summary").asString()).isEqualTo("spec.replicas: 2 → 4");
        assertThat(versions.get(1).path("summary").asString()).contains("kubectl.kubernetes.io/restartedAt");
        assertThat(versions.get(0).path("deleted").asBoolean()).isTrue();
        assertThat(versions.get(0).path("summary").asString()).isEqualTo("deleted");
        assertThat(api.get("/api/k8s/yaml/tracked/" + id, admin)
                        .json()
                        .path("deleted")
                        .asBoolean())
                .isTrue();

        assertThat(api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v4"), admin)
                        .code())
                .isEqualTo("version-is-deletion");
        var back = api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v2"), admin);
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.json().path("outcome").asString()).isEqualTo("CREATED");
        assertThat(mock.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(back.json().path("version").path("summary").asString()).isEqualTo("created");
    }

    @Test
    @DisplayName(
            "viewers read history but may not roll back or tag; other namespaces are forbidden, other clusters unknown")
    void access() {
        String other = mock.namespace(unique("other"));
        apply(api, admin, cluster, ns, DEPLOYMENT);
        apply(api, admin, cluster, other, DEPLOYMENT);
        long id = trackedId(api, admin, cluster, ns, "deployments", "web");
        awaitVersions(api, admin, id, 1);

        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/history", viewer).status())
                .isEqualTo(200);
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/diff", viewer).status())
                .isEqualTo(200);
        var rollback = api.post("/api/k8s/yaml/versions/" + id + "/rollback", Map.of("to", "v1"), viewer);
        assertThat(rollback.status()).isEqualTo(403);
        assertThat(rollback.code()).isEqualTo("forbidden");
        assertThat(api.post("/api/k8s/yaml/versions/" + id + "/tag", Map.of("tag", "x"), viewer)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/k8s/yaml/versions/" + id + "/tags", admin).json())
                .isEmpty();
        var listed =
                api.get("/api/k8s/yaml/tracked?clusterId=" + cluster, viewer).json();
        assertThat(listed.path("items").findValuesAsString("namespace")).containsOnly(ns);

        String elsewhere = userWith(List.of(grant("OPERATOR", cluster, other)));
        assertThat(api.get("/api/k8s/yaml/versions/" + id, elsewhere).code()).isEqualTo("forbidden");
        String stranger = userWith(List.of(grant("ADMIN", cluster + 1000, null)));
        assertThat(api.get("/api/k8s/yaml/versions/" + id, stranger).code()).isEqualTo("tracked-resource-not-found");
        assertThat(api.get("/api/k8s/yaml/tracked?clusterId=" + cluster, stranger)
                        .code())
                .isEqualTo("cluster-not-found");
    }

    @Test
    @DisplayName("the plan's endpoints are in the OpenAPI document with their methods")
    void openApi() {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");
        String base = "/api/k8s/yaml/versions/{id}";
        assertThat(paths.path(base).has("get")).isTrue();
        assertThat(paths.path(base + "/diff").has("get")).isTrue();
        assertThat(paths.path(base + "/rollback").has("post")).isTrue();
        assertThat(paths.path(base + "/history").has("get")).isTrue();
        assertThat(paths.path(base + "/compare").has("post")).isTrue();
        assertThat(paths.path(base + "/tag").has("post")).isTrue();
        assertThat(paths.path(base + "/rollback")
                        .path("post")
                        .path("description")
                        .asString())
                .contains("live-changed")
                .contains("version-of-other-resource");
        assertThat(paths.path("/api/k8s/yaml/tracked").has("post")).isTrue();
        assertThat(paths.path(base + "/branches/{branch}/commits").has("post")).isTrue();
    }

    @Test
    @DisplayName("deleting a cluster from the registry deletes what was tracked on it")
    void clusterDeletion() {
        apply(api, admin, cluster, ns, configMap("gone-with-cluster", "x"));
        long id = trackedId(api, admin, cluster, ns, "configmaps", "gone-with-cluster");
        assertThat(api.delete("/api/k8s/cluster/" + cluster, admin).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tracked_resources WHERE cluster_id = :c")
                        .param("c", cluster)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.get("/api/k8s/yaml/tracked/" + id, admin).status()).isEqualTo(404);
    }
}
