package dev.cloudops.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Generic resources over HTTP")
class ResourcesIT extends PlatformIT {

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(2);
        cluster = register(mock, unique("res"));
        ns = unique("ns");
        mock.create(new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .endMetadata()
                .build());
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    private String path(String rest) {
        return "/api/k8s/resources/" + cluster + rest;
    }

    @Test
    @DisplayName("discovery lists built-in kinds and CRDs; kinds resolve by plural, short name and kind")
    void discovery() {
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
                          names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
                          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
                        """, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class))
                .create();
        var r = api.get(path("/discovery"), admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("\"deployments\"").contains("\"widgets\"");
        assertThat(api.get(path("/deploy?namespace=" + ns), admin).status()).isEqualTo(200);
        assertThat(api.get(path("/Deployment?namespace=" + ns), admin).status()).isEqualTo(200);
        assertThat(api.get(path("/nodes"), admin).json().path("items")).hasSize(2);
        var unknown = api.get(path("/frobnicators"), admin);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown-kind");
    }

    @Test
    @DisplayName("apply creates every document, re-apply changes nothing, a change is configured; get as JSON and YAML")
    void applyLifecycle() {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: fast}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx:1.27}]}
                """;
        var first = api.postText(path("/apply?namespace=" + ns), manifest, "application/yaml", admin);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().findValuesAsString("result")).containsExactly("CREATED", "CREATED");
        assertThat(mock.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("web")
                        .get())
                .isNotNull();

        var again = api.postText(path("/apply?namespace=" + ns), manifest, "application/yaml", admin);
        assertThat(again.json().findValuesAsString("result")).containsExactly("UNCHANGED", "UNCHANGED");

        var changed = api.postText(
                path("/apply?namespace=" + ns), manifest.replace("fast", "safe"), "application/yaml", admin);
        assertThat(changed.json().findValuesAsString("result")).containsExactly("CONFIGURED", "UNCHANGED");
        assertThat(mock.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("mode", "safe");

        var json = api.get(path("/configmaps/" + ns + "/settings"), admin);
        assertThat(json.json().path("data").path("mode").asString()).isEqualTo("safe");
        var yaml = api.get(path("/configmaps/" + ns + "/settings?format=yaml"), admin);
        assertThat(yaml.contentType()).contains("yaml");
        assertThat(yaml.text()).contains("kind: ConfigMap").contains("mode: safe");
    }

    @Test
    @DisplayName("one invalid document means nothing is applied, and the problem names the document")
    void allOrNothing() {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: good-one}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: Bad_Name}
                """;
        var r = api.postText(path("/apply?namespace=" + ns), manifest, "application/yaml", admin);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("invalid-document");
        assertThat(r.json().path("field").asString()).isEqualTo("documents[1]");
        assertThat(mock.client().configMaps().inNamespace(ns).list().getItems()).isEmpty();

        String unknownKind =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: nope/v1\nkind: Thing\nmetadata: {name: b}\n";
        var u = api.postText(path("/apply?namespace=" + ns), unknownKind, "application/yaml", admin);
        assertThat(u.code()).isEqualTo("unknown-kind");
        var conflict =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n";
        mock.create(new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace(ns)
                .endMetadata()
                .build());
        assertThat(mock.client().configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(conflict).isNotEmpty();
    }

    @Test
    @DisplayName("dry run reports what would happen and writes nothing")
    void dryRun() {
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: planned}\ndata: {a: b}\n";
        var r = api.postText(path("/apply?dryRun=true&namespace=" + ns), manifest, "application/yaml", admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().findValuesAsString("result")).containsExactly("CREATED");
        assertThat(mock.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("planned")
                        .get())
                .isNull();
    }

    @Test
    @DisplayName("malformed YAML and alias bombs are refused with 400 and nothing is written")
    void hostileYaml() {
        var broken = api.postText(path("/apply?namespace=" + ns), "kind: [unclosed", "application/yaml", admin);
        assertThat(broken.code()).isEqualTo("invalid-yaml");
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        var r = api.postText(path("/apply?namespace=" + ns), bomb.toString(), "application/yaml", admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid-yaml");
        assertThat(mock.client().configMaps().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    @DisplayName("delete, scale, restart and events work on workloads; bad names and unknown objects are refused")
    void workloads() {
        mock.create(new DeploymentBuilder()
                .withNewMetadata()
                .withName("api")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", "api")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "api")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("api")
                .withImage("api:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        String base = "/api/k8s/workloads/" + cluster + "/deployments/" + ns + "/api";
        var scaled = api.post(base + "/scale", Map.of("replicas", 4), admin);
        assertThat(scaled.status()).as(scaled.text()).isEqualTo(200);
        assertThat(mock.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("api")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(api.post(base + "/scale", Map.of("replicas", -1), admin).code())
                .isEqualTo("invalid-replicas");

        var restarted = api.post(base + "/restart", Map.of(), admin);
        assertThat(restarted.status()).isEqualTo(200);
        assertThat(mock.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("api")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");

        mock.create(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName("api.1")
                .withNamespace(ns)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Deployment")
                .withName("api")
                .withNamespace(ns)
                .endInvolvedObject()
                .withReason("ScalingReplicaSet")
                .withType("Normal")
                .withMessage("Scaled up")
                .build());
        var events = api.get(path("/deployments/" + ns + "/api/events"), admin);
        assertThat(events.json()).hasSize(1);
        assertThat(events.json().get(0).path("reason").asString()).isEqualTo("ScalingReplicaSet");

        assertThat(api.get(path("/deployments/" + ns + "/Bad_Name"), admin).code())
                .isEqualTo("invalid-name");
        assertThat(api.get(path("/deployments/" + ns + "/missing"), admin).code())
                .isEqualTo("kube-not-found");
        assertThat(api.get(path("/nodes/" + ns + "/node-0"), admin).code()).isEqualTo("cluster-scoped");
        assertThat(api.get(path("/nodes/_/node-0"), admin).status()).isEqualTo(200);
        assertThat(api.delete(path("/deployments/" + ns + "/api?propagationPolicy=Sideways"), admin)
                        .code())
                .isEqualTo("invalid-propagation");
        assertThat(api.delete(path("/deployments/" + ns + "/api?propagationPolicy=Foreground"), admin)
                        .status())
                .isEqualTo(204);
        assertThat(mock.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("api")
                        .get())
                .isNull();
        assertThat(api.delete(path("/deployments/" + ns + "/api"), admin).status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("grants: a viewer cannot apply; a user granted one namespace cannot list another or all")
    void grants() {
        String viewer = userWith(List.of(grant("VIEWER", cluster, null)));
        var r = api.postText(
                path("/apply?namespace=" + ns),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
                "application/yaml",
                viewer);
        assertThat(r.status()).isEqualTo(403);
        assertThat(mock.client().configMaps().inNamespace(ns).withName("x").get())
                .isNull();

        String scoped = userWith(List.of(grant("OPERATOR", cluster, ns)));
        assertThat(api.get(path("/pods?namespace=" + ns), scoped).status()).isEqualTo(200);
        var other = api.get(path("/pods?namespace=kube-system"), scoped);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("forbidden");
        assertThat(api.get(path("/pods"), scoped).status()).isEqualTo(403);
        assertThat(api.get(path("/nodes"), scoped).status()).isEqualTo(403);
        var elsewhere = api.postText(
                path("/apply"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y, namespace: default}\n",
                "application/yaml",
                scoped);
        assertThat(elsewhere.status()).isEqualTo(403);

        String stranger = userWith(List.of());
        assertThat(api.get(path("/pods?namespace=" + ns), stranger).code()).isEqualTo("cluster-not-found");
    }

    @Test
    @DisplayName("a cluster restricted to some namespaces refuses the others before any request leaves the platform")
    void namespaceRestriction() {
        long restricted = api.post(
                        "/api/k8s/cluster/create",
                        Map.of(
                                "name",
                                unique("restricted"),
                                "kubeconfig",
                                mock.kubeconfig(),
                                "namespaces",
                                List.of(ns)),
                        admin)
                .json()
                .path("id")
                .asLong();
        mock.create(new PodBuilder()
                .withNewMetadata()
                .withName("inside")
                .withNamespace(ns)
                .endMetadata()
                .build());
        mock.create(new PodBuilder()
                .withNewMetadata()
                .withName("outside")
                .withNamespace("kube-system")
                .endMetadata()
                .build());
        String base = "/api/k8s/resources/" + restricted;

        assertThat(api.get(base + "/pods?namespace=" + ns, admin).json().path("items"))
                .hasSize(1);
        var refused = api.get(base + "/pods?namespace=kube-system", admin);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("namespace-restricted");
        assertThat(api.get(base + "/pods", admin).text()).contains("inside").doesNotContain("outside");
        var apply = api.postText(
                base + "/apply",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z, namespace: kube-system}\n",
                "application/yaml",
                admin);
        assertThat(apply.status()).isEqualTo(403);
        assertThat(mock.client()
                        .configMaps()
                        .inNamespace("kube-system")
                        .withName("z")
                        .get())
                .isNull();
        var fleet = api.get("/api/k8s/fleet/pods?limit=5000", admin);
        assertThat(fleet.json()
                        .path("items")
                        .valueStream()
                        .filter(i -> i.path("clusterId").asLong() == restricted)
                        .map(i -> i.path("name").asString()))
                .containsExactly("inside");
        api.delete("/api/k8s/cluster/" + restricted, admin);
    }

    @Test
    @DisplayName("invalid selectors and namespaces are refused before they reach the cluster")
    void badParameters() {
        assertThat(api.get(path("/pods?namespace=" + ns + "&labelSelector=app%20in%20(a"), admin)
                        .code())
                .isEqualTo("invalid-selector");
        assertThat(api.get(path("/pods?namespace=Not_Valid"), admin).code()).isEqualTo("invalid-namespace");
        assertThat(api.get("/api/k8s/resources/987654/pods", admin).code()).isEqualTo("cluster-not-found");
    }
}
