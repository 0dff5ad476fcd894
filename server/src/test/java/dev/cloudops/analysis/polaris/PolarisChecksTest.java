package dev.cloudops.analysis.polaris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.ManifestState;
import dev.cloudops.analysis.Severity;
import dev.cloudops.resource.ManifestParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the fixtures do not show: controllers, ownership, exemptions, RBAC visibility, the analyzers' catalogue. */
class PolarisChecksTest {

    private static final String BAD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              namespace: web
            spec:
              replicas: 1
              selector: {matchLabels: {app: shop}}
              template:
                metadata: {labels: {app: shop}}
                spec:
                  hostNetwork: true
                  initContainers:
                  - name: migrate
                    image: shop:1.0
                  containers:
                  - name: app
                    image: shop:latest
                    securityContext: {privileged: true}
                  - name: sidecar
                    image: proxy
            """;

    private final ConfigAnalyzer config = new ConfigAnalyzer();
    private final SecurityAnalyzer security = new SecurityAnalyzer();

    @Test
    @DisplayName("config holds the efficiency and reliability checks, security the security ones, by Polaris id")
    void catalogue() {
        assertThat(config.name()).isEqualTo("config");
        assertThat(security.name()).isEqualTo("security");
        assertThat(config.readsSpecsOnly()).isTrue();
        assertThat(security.readsSpecsOnly()).isTrue();
        assertThat(config.description()).isNotBlank();
        assertThat(security.description()).isNotBlank();
        assertThat(config.checks())
                .hasSize(17)
                .allSatisfy(c -> assertThat(c.category()).isIn(Category.EFFICIENCY, Category.RELIABILITY));
        assertThat(security.checks())
                .hasSize(27)
                .allSatisfy(c -> assertThat(c.category()).isEqualTo(Category.SECURITY));
        assertThat(info(security, "runAsRootAllowed").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(info(security, "hostNetworkSet").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(info(security, "clusterrolebindingClusterAdmin").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(info(config, "tagNotSpecified").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(info(config, "cpuLimitsMissing").severity()).isEqualTo(Severity.WARNING);
        assertThat(info(config, "cpuLimitsMissing").category()).isEqualTo(Category.EFFICIENCY);
        assertThat(info(config, "livenessProbeMissing").category()).isEqualTo(Category.RELIABILITY);
    }

    @Test
    @DisplayName("a controller gets one finding per container per check, on the controller, with its patch paths")
    void controllerFindings() {
        List<Finding> found = run(config, BAD_DEPLOYMENT);
        assertThat(found).allSatisfy(f -> assertThat(f.subject().toString()).isEqualTo("Deployment web/shop"));
        assertThat(ofCheck(found, "cpuLimitsMissing"))
                .extracting(Finding::container)
                .containsExactly("app", "sidecar");
        assertThat(ofCheck(found, "tagNotSpecified"))
                .extracting(Finding::container)
                .containsExactly("app", "sidecar");
        assertThat(ofCheck(found, "cpuLimitsMissing").get(0).patch())
                .containsExactly(Map.of(
                        "op",
                        "add",
                        "path",
                        "/spec/template/spec/containers/0/resources",
                        "value",
                        Map.of("limits", Map.of("cpu", "100m"))));
        assertThat(ofCheck(found, "deploymentMissingReplicas"))
                .singleElement()
                .satisfies(f -> assertThat(f.patch())
                        .containsExactly(Map.of("op", "replace", "path", "/spec/replicas", "value", 3)));
        assertThat(ofCheck(found, "livenessProbeMissing"))
                .allSatisfy(f -> assertThat(f.patch()).isEmpty());
        assertThat(ofCheck(found, "livenessProbeMissing").get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(ofCheck(found, "livenessProbeMissing").get(0).fix()).isNotBlank();

        List<Finding> insecure = run(security, BAD_DEPLOYMENT);
        assertThat(ofCheck(insecure, "hostNetworkSet")).singleElement().satisfies(f -> {
            assertThat(f.container()).isNull();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.patch()).containsExactly(Map.of("op", "remove", "path", "/spec/template/spec/hostNetwork"));
        });
        assertThat(ofCheck(insecure, "runAsPrivileged"))
                .extracting(Finding::container)
                .containsExactly("app");
        // Init containers are checked for security too.
        assertThat(ofCheck(insecure, "runAsRootAllowed"))
                .extracting(Finding::container)
                .containsExactly("migrate", "app", "sidecar");
        // The API server refuses allowPrivilegeEscalation: false on a privileged container: no patch there.
        assertThat(ofCheck(insecure, "privilegeEscalationAllowed"))
                .extracting(f -> f.patch().isEmpty())
                .containsExactly(false, true, false);
    }

    @Test
    @DisplayName("CronJobs are read through their job template; probes are not asked of pods that run to completion")
    void cronJob() {
        List<Finding> found = run(config, """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                          - name: job
                            image: tool:2
                """);
        assertThat(ofCheck(found, "livenessProbeMissing")).isEmpty();
        assertThat(ofCheck(found, "readinessProbeMissing")).isEmpty();
        assertThat(ofCheck(found, "pullPolicyNotAlways").get(0).patch().get(0))
                .containsEntry("path", "/spec/jobTemplate/spec/template/spec/containers/0/imagePullPolicy");
    }

    @Test
    @DisplayName("pods and ReplicaSets a controller owns are left to the controller, so nothing is reported twice")
    void ownedObjectsSkipped() {
        String owned = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shop-abc-1
                  namespace: web
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: shop-abc, controller: true}]
                spec:
                  containers: [{name: app, image: shop}]
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: shop-abc
                  namespace: web
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: shop, controller: true}]
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: shop}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: static
                  namespace: kube-system
                  ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]
                spec:
                  containers: [{name: app, image: etcd}]
                """;
        assertThat(run(config, owned)).extracting(f -> f.subject().toString()).containsOnly("Pod kube-system/static");
    }

    @Test
    @DisplayName("Polaris's exemption annotations and ours take an object out of one check or of all")
    void exemptions() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  annotations: {%s}
                spec:
                  containers: [{name: app, image: nginx}]
                """;
        assertThat(ofCheck(run(config, pod.formatted("")), "tagNotSpecified")).hasSize(1);
        List<Finding> oneExempt = run(config, pod.formatted("polaris.fairwinds.com/tagNotSpecified-exempt: 'true'"));
        assertThat(ofCheck(oneExempt, "tagNotSpecified")).isEmpty();
        assertThat(ofCheck(oneExempt, "cpuLimitsMissing")).hasSize(1);
        assertThat(run(config, pod.formatted("polaris.fairwinds.com/exempt: 'true'")))
                .isEmpty();
        assertThat(run(config, pod.formatted("cloudops.dev/analysis-exempt: 'true'")))
                .isEmpty();
        List<Finding> listed =
                run(config, pod.formatted("cloudops.dev/analysis-exempt: 'tagNotSpecified, cpuLimitsMissing'"));
        assertThat(ofCheck(listed, "tagNotSpecified")).isEmpty();
        assertThat(ofCheck(listed, "cpuLimitsMissing")).isEmpty();
        assertThat(ofCheck(listed, "memoryLimitsMissing")).hasSize(1);
        assertThat(ofCheck(run(config, pod.formatted("cloudops.dev/analysis-exempt: 'false'")), "tagNotSpecified"))
                .hasSize(1);
    }

    @Test
    @DisplayName("on a cluster whose ClusterRoles the caller cannot read, bindings to them are not failed but noted")
    void invisibleClusterRoles() {
        List<Map<String, Object>> docs = ManifestParser.parse("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: devs, namespace: team}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
                subjects: [{kind: Group, name: devs}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: ops, namespace: team}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
                subjects: [{kind: Group, name: ops}]
                """);
        ClusterState live = new LiveLike(docs);
        Findings findings = new Findings();
        security.analyze(live, findings);
        assertThat(findings.list()).extracting(Finding::checkId).containsExactly("rolebindingRolePodExecAttach");
        assertThat(findings.notes()).singleElement().asString().contains("No ClusterRole is visible");

        Findings fromManifests = new Findings();
        security.analyze(new ManifestState(docs, Instant.EPOCH), fromManifests);
        assertThat(fromManifests.list())
                .extracting(Finding::checkId)
                .contains("rolebindingClusterRolePodExecAttach", "rolebindingRolePodExecAttach");
    }

    @Test
    @DisplayName("a deployment an autoscaler scales is not told to raise its replicas")
    void autoscaledReplicas() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  template: {spec: {containers: [{name: app, image: web:1}]}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 1
                  maxReplicas: 1
                """;
        List<Finding> found = run(config, yaml);
        assertThat(ofCheck(found, "deploymentMissingReplicas")).isEmpty();
        // minReplicas 2 would exceed maxReplicas 1: the finding stands without a patch.
        assertThat(ofCheck(found, "hpaMinAvailability"))
                .singleElement()
                .satisfies(f -> assertThat(f.patch()).isEmpty());
        assertThat(ofCheck(found, "hpaMaxAvailability")).hasSize(1);
    }

    @Test
    @DisplayName("sensitive values are found in names that say so, in cloud credential names and in private keys")
    void sensitive() {
        assertThat(Sensitive.name("DB_PASSWORD")).isTrue();
        assertThat(Sensitive.name("github-token")).isTrue();
        assertThat(Sensitive.name("AZURE_BATCH_KEY")).isTrue();
        assertThat(Sensitive.name("LOG_LEVEL")).isFalse();
        assertThat(Sensitive.name(null)).isFalse();
        assertThat(Sensitive.value("-----BEGIN RSA PRIVATE KEY-----\nabc")).isTrue();
        assertThat(Sensitive.value("a public key")).isFalse();
    }

    @Test
    @DisplayName("image references: a tag or digest pins, latest and a registry port do not")
    void imageTags() {
        assertThat(ContainerChecks.taggedImage("nginx:1.25")).isTrue();
        assertThat(ContainerChecks.taggedImage("registry:5000/team/app@sha256:abc"))
                .isTrue();
        assertThat(ContainerChecks.taggedImage("registry:5000/team/app")).isFalse();
        assertThat(ContainerChecks.taggedImage("nginx:latest")).isFalse();
        assertThat(ContainerChecks.taggedImage("nginx:")).isFalse();
        assertThat(ContainerChecks.taggedImage("")).isFalse();
        assertThat(ContainerChecks.taggedImage(null)).isFalse();
    }

    @Test
    @DisplayName("label selectors: matchLabels and every matchExpressions operator; a missing selector selects nothing")
    void selectors() {
        Map<String, Object> labels = Map.of("app", "shop", "tier", "web");
        assertThat(Selectors.matches(Map.of(), labels)).isTrue();
        assertThat(Selectors.matches(null, labels)).isFalse();
        assertThat(Selectors.matches(Map.of("matchLabels", Map.of("app", "shop")), labels))
                .isTrue();
        assertThat(Selectors.matches(expression("tier", "In", "web", "api"), labels))
                .isTrue();
        assertThat(Selectors.matches(expression("tier", "NotIn", "web"), labels))
                .isFalse();
        assertThat(Selectors.matches(expression("zone", "NotIn", "a"), labels)).isTrue();
        assertThat(Selectors.matches(expression("app", "Exists"), labels)).isTrue();
        assertThat(Selectors.matches(expression("app", "DoesNotExist"), labels)).isFalse();
        assertThat(Selectors.matches(expression("app", "Bogus"), labels)).isFalse();
    }

    @Test
    @DisplayName("disruption budget numbers: counts, percentages rounded up, zero and whole percentages")
    void quantities() {
        assertThat(IntOrPercent.scaled(3, 10)).isEqualTo(3);
        assertThat(IntOrPercent.scaled("50%", 5)).isEqualTo(3);
        assertThat(IntOrPercent.scaled("x%", 5)).isZero();
        assertThat(IntOrPercent.zero("0%")).isTrue();
        assertThat(IntOrPercent.zero(1)).isFalse();
        assertThat(IntOrPercent.wholePercent("100%")).isTrue();
        assertThat(IntOrPercent.wholePercent(100)).isFalse();
    }

    @Test
    @DisplayName("a patch creates the objects missing on its way and escapes JSON pointer characters")
    void patches() {
        Map<String, Object> container = Map.of("resources", Map.of("limits", Map.of()));
        assertThat(Patches.set(container, "/c", "1", "resources", "limits", "cpu"))
                .containsEntry("path", "/c/resources/limits/cpu")
                .containsEntry("value", "1");
        assertThat(Patches.set(Map.of(), "/m", "x", "annotations", "a/b~c"))
                .containsEntry("path", "/m/annotations")
                .containsEntry("value", Map.of("a/b~c", "x"));
        assertThat(Patches.escape("a/b~c")).isEqualTo("a~1b~0c");
    }

    private static Map<String, Object> expression(String key, String operator, String... values) {
        return Map.of("matchExpressions", List.of(Map.of("key", key, "operator", operator, "values", List.of(values))));
    }

    private static CheckInfo info(PolarisAnalyzer analyzer, String id) {
        return analyzer.checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<Finding> run(PolarisAnalyzer analyzer, String yaml) {
        Findings findings = new Findings();
        analyzer.analyze(new ManifestState(ManifestParser.parse(yaml), Instant.EPOCH), findings);
        return findings.list();
    }

    private static List<Finding> ofCheck(List<Finding> found, String id) {
        return found.stream().filter(f -> f.checkId().equals(id)).toList();
    }

    /** A live cluster as a namespace-scoped caller sees it: no cluster-scoped objects. */
    private record LiveLike(List<Map<String, Object>> documents) implements ClusterState {

        @Override
        public String source() {
            return "cluster";
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public Instant observedAt() {
            return Instant.EPOCH;
        }

        @Override
        public boolean serves(String kind) {
            return true;
        }

        @Override
        public List<Map<String, Object>> objects(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }
    }
}
