package dev.cloudops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backup selection, order, rules, restore transform and schedules")
class BackupLogicTest {

    private static final List<String> VERBS = List.of("create", "get", "list", "watch");

    private static ApiResourceInfo type(String group, String version, String kind, String plural, boolean namespaced) {
        return new ApiResourceInfo(group, version, kind, plural, kind.toLowerCase(), namespaced, VERBS, List.of());
    }

    private static final ApiResourceInfo PODS = type("", "v1", "Pod", "pods", true);
    private static final ApiResourceInfo EVENTS = type("", "v1", "Event", "events", true);
    private static final ApiResourceInfo CONFIGMAPS = type("", "v1", "ConfigMap", "configmaps", true);
    private static final ApiResourceInfo SECRETS = type("", "v1", "Secret", "secrets", true);
    private static final ApiResourceInfo NAMESPACES = type("", "v1", "Namespace", "namespaces", false);
    private static final ApiResourceInfo NODES = type("", "v1", "Node", "nodes", false);
    private static final ApiResourceInfo DEPLOYMENTS = type("apps", "v1", "Deployment", "deployments", true);
    private static final ApiResourceInfo REPLICASETS = type("apps", "v1", "ReplicaSet", "replicasets", true);
    private static final ApiResourceInfo CRDS =
            type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private static final ApiResourceInfo CLUSTERROLES =
            type("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
    private static final ApiResourceInfo WIDGETS = type("example.com", "v1", "Widget", "widgets", true);
    private static final ApiResourceInfo WIDGETS_OLD = type("example.com", "v1beta1", "Widget", "widgets", true);
    private static final ApiResourceInfo SERVICES = type("", "v1", "Service", "services", true);
    private static final ApiResourceInfo HPAS =
            type("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
    private static final ApiResourceInfo REVIEWS = new ApiResourceInfo(
            "authentication.k8s.io",
            "v1",
            "TokenReview",
            "tokenreviews",
            "tokenreview",
            false,
            List.of("create"),
            List.of());

    private static Scope scope(
            List<String> namespaces, List<String> kinds, List<ObjectRule> include, List<ObjectRule> exclude) {
        return new Scope(namespaces, kinds, null, null, include, exclude, null, null);
    }

    @Test
    @DisplayName(
            "kinds: preferred version once, listable only, runtime kinds out, cluster-wide kinds only for all namespaces, safe order")
    void kinds() {
        List<ApiResourceInfo> discovered = List.of(
                PODS,
                EVENTS,
                CONFIGMAPS,
                SECRETS,
                NAMESPACES,
                NODES,
                DEPLOYMENTS,
                REPLICASETS,
                CRDS,
                CLUSTERROLES,
                WIDGETS,
                WIDGETS_OLD,
                SERVICES,
                HPAS,
                REVIEWS);
        List<ApiResourceInfo> all = Selection.kinds(discovered, scope(null, null, null, null));
        assertThat(all)
                .containsExactly(
                        CRDS,
                        NAMESPACES,
                        CLUSTERROLES,
                        CONFIGMAPS,
                        SECRETS,
                        SERVICES,
                        PODS,
                        DEPLOYMENTS,
                        REPLICASETS,
                        HPAS,
                        WIDGETS);
        List<ApiResourceInfo> someNamespaces = Selection.kinds(discovered, scope(List.of("shop"), null, null, null));
        assertThat(someNamespaces).doesNotContain(CLUSTERROLES).contains(NAMESPACES, CRDS);
        List<ApiResourceInfo> onlyWidgets =
                Selection.kinds(discovered, scope(List.of("shop"), List.of("widgets"), null, null));
        assertThat(onlyWidgets).containsExactly(CRDS, NAMESPACES, WIDGETS);
        assertThat(Selection.customKinds(onlyWidgets)).containsExactly("example.com/Widget");
        Scope withEvents = new Scope(null, null, List.of("secrets"), null, null, null, false, false);
        assertThat(Selection.kinds(discovered, withEvents)).contains(EVENTS).doesNotContain(SECRETS, NODES);
    }

    @Test
    @DisplayName(
            "objects: controller-owned pods, the CA config map and token secrets out; rules; namespaces and CRDs come along")
    void objects() {
        Scope all = scope(List.of("shop"), null, null, List.of(new ObjectRule("secrets", null, "tls-*")));
        Map<String, Object> owned =
                Map.of("metadata", Map.of("name", "web-1", "ownerReferences", List.of(Map.of("controller", true))));
        Map<String, Object> bare = Map.of("metadata", Map.of("name", "debug"));
        assertThat(Selection.takes(new ObjectRef(PODS, "shop", "web-1"), owned, all, java.util.Set.of()))
                .isFalse();
        assertThat(Selection.takes(new ObjectRef(PODS, "shop", "debug"), bare, all, java.util.Set.of()))
                .isTrue();
        assertThat(Selection.takes(
                        new ObjectRef(CONFIGMAPS, "shop", "kube-root-ca.crt"),
                        Map.of("metadata", Map.of("name", "kube-root-ca.crt")),
                        all,
                        java.util.Set.of()))
                .isFalse();
        assertThat(Selection.takes(
                        new ObjectRef(SECRETS, "shop", "sa-token"),
                        Map.of("type", "kubernetes.io/service-account-token", "metadata", Map.of()),
                        all,
                        java.util.Set.of()))
                .isFalse();
        assertThat(Selection.takes(new ObjectRef(SECRETS, "shop", "tls-web"), bare, all, java.util.Set.of()))
                .isFalse();
        assertThat(Selection.takes(new ObjectRef(SECRETS, "shop", "db"), bare, all, java.util.Set.of()))
                .isTrue();
        assertThat(Selection.takes(new ObjectRef(NAMESPACES, null, "shop"), bare, all, java.util.Set.of()))
                .isTrue();
        assertThat(Selection.takes(new ObjectRef(NAMESPACES, null, "other"), bare, all, java.util.Set.of()))
                .isFalse();
        Map<String, Object> crd = Map.of("spec", Map.of("group", "example.com", "names", Map.of("kind", "Widget")));
        assertThat(Selection.takes(
                        new ObjectRef(CRDS, null, "widgets.example.com"),
                        crd,
                        all,
                        java.util.Set.of("example.com/Widget")))
                .isTrue();
        assertThat(Selection.takes(new ObjectRef(CRDS, null, "widgets.example.com"), crd, all, java.util.Set.of()))
                .isFalse();
        Scope onlyConfig = scope(List.of("shop"), null, List.of(new ObjectRule("configmap", "sh?p", null)), null);
        assertThat(Selection.takes(new ObjectRef(CONFIGMAPS, "shop", "a"), bare, onlyConfig, java.util.Set.of()))
                .isTrue();
        assertThat(Selection.takes(new ObjectRef(SECRETS, "shop", "a"), bare, onlyConfig, java.util.Set.of()))
                .isFalse();
    }

    @Test
    @DisplayName("rules need a part and kubernetes-name characters")
    void rules() {
        assertThatThrownBy(() -> new ObjectRule(null, null, null).check("include[0]"))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).field())
                .isEqualTo("include[0]");
        assertThatThrownBy(() -> new ObjectRule("pods", "a b", null).check("x"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("glob");
        assertThat(ObjectRule.glob("tls-*", "tls-web")).isTrue();
        assertThat(ObjectRule.glob("a.b", "axb")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    @DisplayName("restore transform maps the namespace, drops owner references and allocated cluster IPs")
    void transform() {
        Map<String, Object> service = Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "web", "namespace", "shop", "ownerReferences", List.of(Map.of())),
                "spec",
                Map.of("clusterIP", "10.0.0.1", "clusterIPs", List.of("10.0.0.1"), "ports", List.of()));
        Map<String, Object> out = RestoreTransform.apply(service, "shop-2", "web");
        assertThat((Map<String, Object>) out.get("metadata"))
                .containsEntry("namespace", "shop-2")
                .doesNotContainKey("ownerReferences");
        assertThat((Map<String, Object>) out.get("spec"))
                .doesNotContainKeys("clusterIP", "clusterIPs")
                .containsKey("ports");
        Map<String, Object> headless = Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "db"),
                "spec",
                Map.of("clusterIP", "None", "clusterIPs", List.of("None")));
        assertThat((Map<String, Object>)
                        RestoreTransform.apply(headless, "x", "db").get("spec"))
                .containsEntry("clusterIP", "None");
        Map<String, Object> namespace =
                Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "shop"));
        assertThat((Map<String, Object>)
                        RestoreTransform.apply(namespace, null, "shop-2").get("metadata"))
                .containsEntry("name", "shop-2")
                .doesNotContainKey("namespace");
    }

    @Test
    @DisplayName("diffs show Secret values as hashes, other objects as they are")
    void redaction() {
        String secret = "apiVersion: v1\nkind: Secret\ndata:\n  password: aHVudGVyMg==\nmetadata:\n  name: db\n";
        assertThat(BackupDiffs.redact(secret)).doesNotContain("aHVudGVyMg==").contains("password: sha256:");
        String config = "apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: fast\n";
        assertThat(BackupDiffs.redact(config)).isEqualTo(config);
        assertThat(BackupDiffs.unified(config, config.replace("fast", "safe")))
                .contains("-  mode: fast", "+  mode: safe");
    }
}
