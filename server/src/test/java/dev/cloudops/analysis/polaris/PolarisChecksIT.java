package dev.cloudops.analysis.polaris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.analysis.AnalysisResult;
import dev.cloudops.analysis.AnalysisService;
import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Severity;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.Role;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Polaris analyzers in the running platform: found by the engine, run on manifests and on a cluster. */
class PolarisChecksIT extends PlatformIT {

    private static final String BAD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cart
              namespace: shop
            spec:
              replicas: 1
              selector: {matchLabels: {app: cart}}
              template:
                metadata: {labels: {app: cart}}
                spec:
                  hostPID: true
                  containers:
                  - name: app
                    image: cart:latest
                    env:
                    - {name: DB_PASSWORD, value: hunter2}
                    securityContext:
                      privileged: true
                      capabilities: {add: [SYS_ADMIN]}
            """;

    @Autowired
    AnalysisService analysis;

    @Autowired
    AccessPolicy access;

    @Test
    @DisplayName("a bad Deployment posted as manifests gets the config and security findings a person expects")
    void badDeploymentManifest() {
        AnalysisResult result = analysis.analyzeManifests(BAD_DEPLOYMENT, List.of("config", "security"));

        assertThat(result.analyzers()).containsExactly("config", "security");
        assertThat(result.objectsExamined()).isEqualTo(1);
        assertThat(result.findings())
                .allSatisfy(f -> assertThat(f.subject().toString()).isEqualTo("Deployment shop/cart"));
        assertThat(result.findings())
                .extracting(Finding::checkId)
                .contains(
                        "hostPIDSet",
                        "runAsPrivileged",
                        "dangerousCapabilities",
                        "sensitiveContainerEnvVar",
                        "tagNotSpecified",
                        "deploymentMissingReplicas",
                        "cpuLimitsMissing",
                        "missingPodDisruptionBudget");
        Finding privileged = result.findings().stream()
                .filter(f -> f.checkId().equals("runAsPrivileged"))
                .findFirst()
                .orElseThrow();
        assertThat(privileged.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(privileged.category()).isEqualTo(Category.SECURITY);
        assertThat(privileged.container()).isEqualTo("app");
        assertThat(result.scores().get(Category.SECURITY)).isZero();
        assertThat(result.bySeverity().get(Severity.CRITICAL)).isPositive();
    }

    @Test
    @DisplayName("a clean Deployment with its budget, policy and account gets no findings at all")
    void cleanManifest() {
        String clean = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: cart
                  namespace: shop
                  labels: {app.kubernetes.io/instance: cart}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: cart}}
                  template:
                    metadata: {labels: {app: cart}}
                    spec:
                      automountServiceAccountToken: false
                      priorityClassName: standard
                      topologySpreadConstraints:
                      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway,
                         labelSelector: {matchLabels: {app: cart}}}
                      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                      containers:
                      - name: app
                        image: cart:1.4.2
                        imagePullPolicy: Always
                        livenessProbe: {httpGet: {path: /healthz, port: 8080}}
                        readinessProbe: {httpGet: {path: /ready, port: 8080}}
                        resources:
                          requests: {cpu: 100m, memory: 128Mi}
                          limits: {cpu: 500m, memory: 256Mi}
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities: {drop: [ALL]}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: cart, namespace: shop}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: cart}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: cart, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: cart}}
                  policyTypes: [Ingress, Egress]
                """;
        AnalysisResult result = analysis.analyzeManifests(clean, List.of());
        assertThat(result.findings()).filteredOn(f -> isPolaris(f.checkId())).isEmpty();
    }

    @Test
    @DisplayName("an unknown analyzer name is refused before anything runs")
    void unknownAnalyzer() {
        assertThatThrownBy(() -> analysis.analyzeManifests(BAD_DEPLOYMENT, List.of("config", "polaris")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("polaris");
    }

    @Test
    @DisplayName("on a cluster, a Deployment's findings are on the Deployment, not again on the pods it owns")
    void liveCluster() {
        try (MockCluster cluster = MockCluster.start(1)) {
            long id = register(cluster, unique("polaris"));
            String ns = cluster.namespace(unique("shop"));
            cluster.create(new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("cart")
                    .withNamespace(ns)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector()
                    .withMatchLabels(Map.of("app", "cart"))
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .withLabels(Map.of("app", "cart"))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("cart:latest")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build());
            cluster.create(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata()
                    .withName("cart-1")
                    .withNamespace(ns)
                    .withLabels(Map.of("app", "cart"))
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("cart-abc")
                    .withUid("u1")
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("cart:latest")
                    .endContainer()
                    .endSpec()
                    .build());
            cluster.pod(ns, "loner", Map.of("app", "loner"), "tool");

            CurrentUser viewer = new CurrentUser(0, "viewer", List.of(new Grant(Role.VIEWER, id, ns)));
            AnalysisResult result = access.runAs(viewer, () -> analysis.analyze(id, ns, List.of("config", "security")));

            assertThat(result.findings())
                    .extracting(f -> f.subject().kind() + " " + f.subject().name())
                    .contains("Deployment cart", "Pod loner")
                    .doesNotContain("Pod cart-1");
            assertThat(result.findings())
                    .filteredOn(f -> f.checkId().equals("tagNotSpecified"))
                    .extracting(f -> f.subject().name())
                    .containsExactly("cart");
        }
    }

    private static boolean isPolaris(String checkId) {
        for (PolarisCheck check : PolarisCheck.values()) {
            if (check.id().equals(checkId)) {
                return true;
            }
        }
        return false;
    }
}
