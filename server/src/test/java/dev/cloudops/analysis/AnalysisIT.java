package dev.cloudops.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.Api;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@DisplayName("Analysis over HTTP: scans as stored jobs, findings, manifests, checks")
@TestPropertySource(properties = "cloudops.analysis.scans.keep=3")
class AnalysisIT extends PlatformIT {

    private static final String SCANS = "/api/k8s/analysis/scans";

    private MockCluster mock;
    private long cluster;
    private String ns;
    private String other;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        ns = mock.namespace(unique("shop"));
        other = mock.namespace(unique("other"));
        put("""
                apiVersion: v1
                kind: Pod
                metadata: {name: crashy, namespace: %1$s}
                spec: {containers: [{name: app, image: "app:1"}]}
                status:
                  phase: Running
                  containerStatuses:
                  - name: app
                    image: "app:1"
                    ready: false
                    restartCount: 9
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}}
                    lastState: {terminated: {exitCode: 1, reason: Error}}
                """.formatted(ns));
        put("""
                apiVersion: v1
                kind: Pod
                metadata: {name: unpullable, namespace: %1$s}
                spec: {containers: [{name: web, image: "web:nope"}]}
                status:
                  phase: Pending
                  conditions: [{type: PodScheduled, status: "True"}]
                  containerStatuses:
                  - {name: web, image: "web:nope", ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image web:nope"}}}
                """.formatted(ns));
        put("""
                apiVersion: v1
                kind: Pod
                metadata: {name: too-big, namespace: %1$s}
                spec: {containers: [{name: big, image: "big:1"}]}
                status:
                  phase: Pending
                  conditions:
                  - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/1 nodes are available: 1 Insufficient cpu."}
                """.formatted(ns));
        put("""
                apiVersion: v1
                kind: Pod
                metadata: {name: fine, namespace: %1$s}
                spec: {containers: [{name: ok, image: "ok:1"}]}
                status:
                  phase: Running
                  containerStatuses:
                  - {name: ok, image: "ok:1", ready: true, restartCount: 0, state: {running: {startedAt: "2026-11-24T10:00:00Z"}}}
                """.formatted(ns));
        put("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: %1$s}
                spec: {accessModes: [ReadWriteOnce], storageClassName: nowhere, resources: {requests: {storage: 1Gi}}}
                status: {phase: Pending}
                """.formatted(ns));
        put("""
                apiVersion: v1
                kind: Pod
                metadata: {name: elsewhere, namespace: %1$s}
                spec: {containers: [{name: app, image: "app:1"}]}
                status:
                  phase: Running
                  containerStatuses:
                  - {name: app, image: "app:1", ready: false, restartCount: 3, state: {waiting: {reason: CrashLoopBackOff}}}
                """.formatted(other));
        cluster = register(mock, unique("scan"));
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    /** Creates an object, then writes its status as a controller would (create ignores status). */
    private void put(String yaml) {
        GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        Object status = object.getAdditionalProperties().get("status");
        GenericKubernetesResource created = mock.client().resource(object).create();
        if (status != null) {
            created.setAdditionalProperty("status", status);
            mock.client().resource(created).updateStatus();
        }
    }

    private Api.Response startScan(Map<String, Object> body, String token) {
        return api.post(SCANS, body, token);
    }

    private JsonNode finished(long id, String token) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var scan = api.get(SCANS + "/" + id, token);
            assertThat(scan.status()).as(scan.text()).isEqualTo(200);
            String status = scan.json().path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return scan.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scan " + id + " did not finish");
    }

    private long scanned(Map<String, Object> body, String token) throws InterruptedException {
        var started = startScan(body, token);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        var report = finished(id, token);
        assertThat(report.path("status").asString()).as(report.toString()).isEqualTo("SUCCEEDED");
        return id;
    }

    @Test
    @DisplayName(
            "a scan runs as a job and stores what a person would call broken, with scores, filters and an audit row")
    void scanFindsBrokenPods() throws InterruptedException {
        var started = startScan(Map.of("clusterId", cluster, "namespace", ns, "analyzers", List.of("health")), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.json().path("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        long id = started.json().path("id").asLong();
        assertThat(started.json().path("jobId").asLong()).isPositive();

        var report = finished(id, admin);
        assertThat(report.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(report.path("namespace").asString()).isEqualTo(ns);
        assertThat(report.path("ran").get(0).asString()).isEqualTo("health");
        assertThat(report.path("findings").asInt()).isEqualTo(4);
        assertThat(report.path("bySeverity").path("CRITICAL").asInt()).isEqualTo(3);
        assertThat(report.path("bySeverity").path("WARNING").asInt()).isEqualTo(1);
        assertThat(report.path("objectsExamined").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(report.path("scores").path("HEALTH").asInt()).isBetween(0, 99);
        assertThat(report.path("scores").path("SECURITY").asInt()).isEqualTo(100);
        assertThat(report.path("finishedAt").isNull()).isFalse();

        String findings = SCANS + "/" + id + "/findings";
        var all = api.get(findings, admin).json();
        assertThat(all.path("total").asLong()).isEqualTo(4);
        List<String> checks = new ArrayList<>();
        all.path("items").forEach(f -> checks.add(f.path("checkId").asString()));
        assertThat(checks)
                .containsExactlyInAnyOrder(
                        "podCrashLoopBackOff", "podImagePullFailure", "podUnschedulable", "pvcPending");
        assertThat(all.path("items").get(3).path("severity").asString())
                .as("worst first")
                .isEqualTo("WARNING");
        assertThat(all.path("items")
                        .valueStream()
                        .map(f -> f.path("subject").path("name").asString()))
                .doesNotContain("fine", "elsewhere");

        var crash = api.get(findings + "?check=podCrashLoopBackOff", admin).json();
        assertThat(crash.path("total").asLong()).isEqualTo(1);
        JsonNode f = crash.path("items").get(0);
        assertThat(f.path("subject").path("name").asString()).isEqualTo("crashy");
        assertThat(f.path("subject").path("namespace").asString()).isEqualTo(ns);
        assertThat(f.path("container").asString()).isEqualTo("app");
        assertThat(f.path("category").asString()).isEqualTo("HEALTH");
        assertThat(f.path("message").asString()).contains("CrashLoopBackOff", "9 restarts");
        assertThat(f.path("fix").asString()).contains("--previous");

        assertThat(api.get(findings + "?severity=WARNING", admin)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get(findings + "?kind=PersistentVolumeClaim&category=HEALTH", admin)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get(findings + "?namespace=" + other, admin)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        var paged = api.get(findings + "?size=1&page=1", admin).json();
        assertThat(paged.path("items")).hasSize(1);
        assertThat(paged.path("total").asLong()).isEqualTo(4);
        var badSeverity = api.get(findings + "?severity=DIRE", admin);
        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat(badSeverity.code()).isEqualTo("invalid-parameter");

        var list = api.get(SCANS + "?clusterId=" + cluster, admin).json();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE kind = 'analysis-scan' AND subject_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var audit = api.get("/api/audit?action=POST%20/api/k8s/analysis/scans&size=50", admin)
                .json();
        assertThat(audit.path("items").valueStream().map(a -> a.path("detail").asString()))
                .anyMatch(d -> d.contains(ns));
    }

    @Test
    @DisplayName("a cluster-wide scan covers every namespace; a failed analyzer is a note, not a failed scan")
    void clusterWide() throws InterruptedException {
        long id = scanned(Map.of("clusterId", cluster), admin);
        var report = api.get(SCANS + "/" + id, admin).json();
        assertThat(report.path("analyzers")).isEmpty();
        assertThat(report.path("ran").valueStream().map(JsonNode::asString)).contains("health");
        // A finished scan shows every analyzer done.
        assertThat(report.path("progressDone").asLong())
                .isEqualTo(report.path("ran").size())
                .isEqualTo(report.path("progressTotal").asLong());
        var elsewhere = api.get(SCANS + "/" + id + "/findings?category=HEALTH&namespace=" + other, admin)
                .json();
        assertThat(elsewhere.path("total").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("a cluster that stops answering fails the scan with a problem code, and stores no findings")
    void unreachableCluster() throws InterruptedException {
        mock.close();
        var started = startScan(Map.of("clusterId", cluster, "namespace", ns), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        var report = finished(id, admin);
        assertThat(report.path("status").asString()).isEqualTo("FAILED");
        assertThat(report.path("code").asString()).isNotBlank().isNotEqualTo("internal-error");
        assertThat(report.path("message").asString()).isNotBlank();
        assertThat(report.path("scores").isNull()).isTrue();
        assertThat(api.get(SCANS + "/" + id + "/findings", admin)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    @DisplayName(
            "bad input is a problem and stores nothing: no cluster, unknown cluster/analyzer, bad or forbidden namespace")
    void badInput() {
        long scans = count("analysis_scans");
        long jobs = count("job_runs");
        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        record Case(Map<String, Object> body, String token, int status, String code) {}
        var cases = List.of(
                new Case(Map.of("namespace", ns), admin, 400, "invalid-field"),
                new Case(Map.of("clusterId", 999_999), admin, 404, "cluster-not-found"),
                new Case(
                        Map.of("clusterId", cluster, "analyzers", List.of("health", "astrology")),
                        admin,
                        400,
                        "unknown-analyzer"),
                new Case(Map.of("clusterId", cluster, "namespace", "Not_A_Namespace"), admin, 400, "invalid-namespace"),
                new Case(Map.of("clusterId", cluster, "namespace", other), viewer, 403, "forbidden"),
                new Case(Map.of("clusterId", cluster), userWith(List.of()), 404, "cluster-not-found"));
        for (Case c : cases) {
            var r = startScan(c.body(), c.token());
            assertThat(r.status()).as(c + " -> " + r.text()).isEqualTo(c.status());
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.code()).as(r.text()).isEqualTo(c.code());
        }
        var malformed = api.post(SCANS, "{not json", admin);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(count("analysis_scans")).isEqualTo(scans);
        assertThat(count("job_runs")).isEqualTo(jobs);
        assertThat(api.get(SCANS + "/987654321", admin).code()).isEqualTo("scan-not-found");
    }

    @Test
    @DisplayName("callers see scans and findings of what they may read only; a namespace viewer's own scan is theirs")
    void visibility() throws InterruptedException {
        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        long wide = scanned(Map.of("clusterId", cluster), admin);
        long own = scanned(Map.of("clusterId", cluster), viewer);
        long inNs = scanned(Map.of("clusterId", cluster, "namespace", ns), admin);

        assertThat(api.get(SCANS + "/" + wide, viewer).status()).isEqualTo(404);
        assertThat(api.get(SCANS + "/" + wide + "/findings", viewer).status()).isEqualTo(404);
        assertThat(api.get(SCANS + "/" + inNs, viewer).status()).isEqualTo(200);
        var ownFindings = api.get(SCANS + "/" + own + "/findings", viewer).json();
        assertThat(ownFindings
                        .path("items")
                        .valueStream()
                        .map(f -> f.path("subject").path("namespace").asString()))
                .isNotEmpty()
                .containsOnly(ns);
        var listed = api.get(SCANS + "?clusterId=" + cluster, viewer).json();
        assertThat(listed.path("items").valueStream().map(s -> s.path("id").asLong()))
                .contains(own, inNs)
                .doesNotContain(wide);

        String stranger = userWith(List.of());
        assertThat(api.get(SCANS, stranger).json().path("total").asLong()).isZero();
        assertThat(api.get(SCANS + "/" + own, stranger).status()).isEqualTo(404);
        assertThat(api.get(SCANS + "?clusterId=" + cluster, stranger).code()).isEqualTo("cluster-not-found");
    }

    @Test
    @DisplayName("only the newest cloudops.analysis.scans.keep scans of a cluster are kept, with their findings")
    void retention() throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(scanned(Map.of("clusterId", cluster, "namespace", ns), admin));
        }
        var list = api.get(SCANS + "?clusterId=" + cluster, admin).json();
        assertThat(list.path("total").asLong()).isEqualTo(3);
        assertThat(list.path("items").valueStream().map(s -> s.path("id").asLong()))
                .containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(api.get(SCANS + "/" + ids.get(0), admin).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM analysis_findings WHERE scan_id = :id")
                        .param("id", ids.get(0))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE kind = 'analysis-scan' AND subject_id = :id")
                        .param("id", ids.get(0))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @DisplayName("manifests are analysed synchronously by the spec readers; what is not YAML objects is invalid-yaml")
    void manifests() {
        long scans = count("analysis_scans");
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  template:
                    spec: {containers: [{name: web, image: "nginx:1.27"}]}
                """;
        var r = api.postText("/api/k8s/analysis/manifests", yaml, "application/yaml", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("source").asString()).isEqualTo("manifests");
        assertThat(r.json().path("analyzers").valueStream().map(JsonNode::asString))
                .doesNotContain("health");
        assertThat(r.json().path("notes").valueStream().map(JsonNode::asString))
                .anyMatch(n -> n.contains("health") && n.contains("live state only"));

        var onlyHealth = api.postText("/api/k8s/analysis/manifests?analyzers=health", yaml, "text/plain", admin);
        assertThat(onlyHealth.status()).isEqualTo(200);
        assertThat(onlyHealth.json().path("findings")).isEmpty();
        assertThat(onlyHealth.json().path("analyzers")).isEmpty();

        for (String bad : List.of("key: [unclosed", "just some words", "- 1\n- 2\n")) {
            var refused = api.postText("/api/k8s/analysis/manifests", bad, "application/yaml", admin);
            assertThat(refused.status()).as(bad + " -> " + refused.text()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid-yaml");
        }
        var unknown = api.postText("/api/k8s/analysis/manifests?analyzers=tarot", yaml, "application/yaml", admin);
        assertThat(unknown.code()).isEqualTo("unknown-analyzer");
        assertThat(api.postText("/api/k8s/analysis/manifests", "", "application/yaml", admin)
                        .code())
                .isEqualTo("empty-manifest");
        assertThat(count("analysis_scans")).isEqualTo(scans);
    }

    @Test
    @DisplayName("every check of every analyzer is listed, and the endpoints are in the OpenAPI document")
    void checksAndOpenApi() {
        var checks = api.get("/api/k8s/analysis/checks", userWith(List.of())).json();
        assertThat(checks.valueStream()
                        .filter(c -> c.path("id").asString().equals("podCrashLoopBackOff"))
                        .findFirst()
                        .orElseThrow()
                        .path("analyzer")
                        .asString())
                .isEqualTo("health");
        assertThat(checks.valueStream().map(c -> c.path("category").asString())).doesNotContain("");
        String openApi = api.get("/v3/api-docs", admin).text();
        assertThat(openApi)
                .contains(
                        "/api/k8s/analysis/scans",
                        "/api/k8s/analysis/scans/{id}/findings",
                        "/api/k8s/analysis/manifests",
                        "/api/k8s/analysis/checks");
    }
}
