package dev.cloudops.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cloud feature's pure rules: drift, versions, sizes, names, kubeconfigs, portable objects")
class CloudPureTest {

    @Test
    @DisplayName("drift lists changed, added and removed settings with a fingerprint of exactly those")
    void drift() {
        var drift = Drift.between(
                Map.of("version", "1.30", "tags.team", "a", "gone", "x"),
                Map.of("version", "1.30", "tags.team", "b", "new", "y"));
        assertThat(drift.differences())
                .containsExactly(
                        new Drift.Difference("gone", "x", null),
                        new Drift.Difference("new", null, "y"),
                        new Drift.Difference("tags.team", "a", "b"));
        assertThat(drift.describe()).isEqualTo("gone: x → (none); new: (none) → y; tags.team: a → b");
        assertThat(drift.fingerprint()).hasSize(16);
        assertThat(Drift.between(Map.of("a", "1"), Map.of("a", "2")).fingerprint())
                .isNotEqualTo(Drift.between(Map.of("a", "1"), Map.of("a", "3")).fingerprint());
        var none = Drift.between(Map.of("a", "1"), Map.of("a", "1"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.fingerprint()).isNull();
    }

    @Test
    @DisplayName("the drift guard counts only the write's scope and rebases only that scope")
    void driftGuard() {
        Map<String, String> baseline =
                Map.of("tags.team", "a", "nodegroup.w.desiredSize", "2", "nodegroup.x.desiredSize", "1");
        Map<String, String> live =
                Map.of("tags.team", "b", "nodegroup.w.desiredSize", "2", "nodegroup.x.desiredSize", "5");
        assertThat(DriftGuard.within(baseline, live, DriftGuard.nodeGroupScope("w"))
                        .isEmpty())
                .isTrue();
        Drift cluster = DriftGuard.within(baseline, live, DriftGuard.clusterScope());
        assertThat(cluster.differences()).hasSize(1);
        assertThatThrownBy(() -> DriftGuard.require(cluster, null, "Cluster c"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("tags.team: a → b");
        DriftGuard.require(cluster, cluster.fingerprint(), "Cluster c");
        assertThat(DriftGuard.rebase(baseline, live, DriftGuard.nodeGroupScope("x")))
                .containsEntry("nodegroup.x.desiredSize", "5")
                .containsEntry("tags.team", "a");
    }

    @Test
    @DisplayName("versions: parsed as clouds write them; downgrades and no-ops refused")
    void versions() {
        assertThat(KubeVersions.parse("v1.30.2-eks-1234", "v")).containsExactly(1, 30, 2);
        assertThat(KubeVersions.parse("1.31", "v")).containsExactly(1, 31, -1);
        assertThat(KubeVersions.minorSteps("1.29", "1.31")).isEqualTo(2);
        assertThat(KubeVersions.minorSteps("1.29", "2.0")).isEqualTo(Integer.MAX_VALUE);
        KubeVersions.requireUpgrade("1.30", "1.31", "version");
        KubeVersions.requireUpgrade(null, "1.31", "version");
        KubeVersions.requireUpgrade("1.30.1", "1.30.2", "version");
        assertThat(code(() -> KubeVersions.requireUpgrade("1.30", "1.29", "version")))
                .isEqualTo("version-downgrade");
        assertThat(code(() -> KubeVersions.requireUpgrade("1.30", "v1.30", "version")))
                .isEqualTo("version-unchanged");
        assertThat(code(() -> KubeVersions.requireUpgrade("2.0", "1.99", "version")))
                .isEqualTo("version-downgrade");
        assertThat(code(() -> KubeVersions.parse("latest", "version"))).isEqualTo("invalid-version");
        assertThat(code(() -> KubeVersions.parse(null, "version"))).isEqualTo("invalid-version");
    }

    @Test
    @DisplayName("node group sizes: 0 <= min <= desired <= max, max >= 1, all three given")
    void scaling() {
        assertThat(new NodeGroupScaling(0, 1, 0).checked().maxSize()).isEqualTo(1);
        assertThat(field(() -> new NodeGroupScaling(3, 2, 2).checked())).isEqualTo("minSize");
        assertThat(field(() -> new NodeGroupScaling(1, 3, 4).checked())).isEqualTo("desiredSize");
        assertThat(field(() -> new NodeGroupScaling(1, 3, 0).checked())).isEqualTo("desiredSize");
        assertThat(field(() -> new NodeGroupScaling(-1, 3, 0).checked())).isEqualTo("minSize");
        assertThat(field(() -> new NodeGroupScaling(0, 0, 0).checked())).isEqualTo("maxSize");
        assertThat(field(() -> new NodeGroupScaling(null, 3, 1).checked())).isEqualTo("minSize");
        assertThat(field(() -> new NodeGroupScaling(1, null, 1).checked())).isEqualTo("maxSize");
        assertThat(field(() -> new NodeGroupScaling(1, 3, null).checked())).isEqualTo("desiredSize");
    }

    @Test
    @DisplayName("registry names come from cloud names as RFC 1123 labels; confirmations must repeat the name")
    void names() {
        assertThat(CloudRegistrar.registryName(null, "Prod_EU.1")).isEqualTo("prod-eu-1");
        assertThat(CloudRegistrar.registryName("mine", "Prod")).isEqualTo("mine");
        assertThat(CloudRegistrar.registryName(null, "-x".repeat(40))).hasSizeLessThanOrEqualTo(63);
        assertThat(code(() -> CloudRegistrar.registryName(null, "___"))).isEqualTo("invalid-name");
        assertThat(code(() -> CloudClusterService.requireConfirmation("a", null)))
                .isEqualTo("confirmation-required");
        assertThat(code(() -> CloudClusterService.requireConfirmation("a", "b")))
                .isEqualTo("confirmation-mismatch");
        CloudClusterService.requireConfirmation("a", "a");
        assertThat(code(() -> CloudClusterService.checkCloudName("bad name", "name")))
                .isEqualTo("invalid-name");
    }

    @Test
    @DisplayName("a token kubeconfig names the server, CA and token; credentials never print their secrets")
    void kubeconfigAndSecrets() {
        String kubeconfig = Kubeconfigs.of(
                "prod", ClusterCredentials.ofToken("https://abc.eks.amazonaws.com", "Q0E=", "k8s-aws-v1.x", null));
        assertThat(kubeconfig)
                .contains("server: https://abc.eks.amazonaws.com")
                .contains("certificate-authority-data: Q0E=")
                .contains("token: k8s-aws-v1.x")
                .contains("current-context: prod");
        assertThat(Kubeconfigs.of("p", ClusterCredentials.ofKubeconfig("apiVersion: v1", null)))
                .isEqualTo("apiVersion: v1");
        assertThat(ClusterCredentials.ofToken("https://s", null, "secret-token", null)
                        .toString())
                .doesNotContain("secret-token");
        var creds = new CloudCredentials("AKIAABCDEFGH1234", "very-secret", "tok", "arn:role", "ext");
        assertThat(creds.toString())
                .doesNotContain("very-secret")
                .doesNotContain("tok,")
                .contains("…1234");
        assertThat(new CloudCredentials("short", "s", null, null, null).hint()).isNull();
        var session = new CloudSession(1, 2, "eu-west-1", creds, Map.of("default", java.net.URI.create("http://x")));
        assertThat(session.toString()).doesNotContain("very-secret");
        assertThat(session.endpoint("eks").toString()).isEqualTo("http://x");
        assertThat(session.in("us-east-1").region()).isEqualTo("us-east-1");
    }

    @Test
    @DisplayName("a copied object loses what belongs to its source cluster")
    void portable() {
        Map<String, Object> service = Map.of(
                "apiVersion", "v1",
                "kind", "Service",
                "metadata",
                        Map.of(
                                "name", "web",
                                "namespace", "shop",
                                "uid", "u-1",
                                "resourceVersion", "7",
                                "ownerReferences", List.of(Map.of("uid", "o"))),
                "spec",
                        Map.of(
                                "clusterIP",
                                "10.0.0.1",
                                "clusterIPs",
                                List.of("10.0.0.1"),
                                "ports",
                                List.of(Map.of("port", 80))),
                "status", Map.of("loadBalancer", Map.of()));
        String yaml = ClusterSyncService.portable(service, "staging");
        assertThat(yaml)
                .contains("namespace: staging")
                .doesNotContain("10.0.0.1")
                .doesNotContain("ownerReferences")
                .doesNotContain("uid")
                .doesNotContain("status");
        Map<String, Object> headless =
                Map.of("kind", "Service", "metadata", Map.of("name", "h"), "spec", Map.of("clusterIP", "None"));
        assertThat(ClusterSyncService.portable(headless, null)).contains("clusterIP: None");
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.code();
        }
        return null;
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo("invalid-scaling");
            return e.field();
        }
        return null;
    }
}
