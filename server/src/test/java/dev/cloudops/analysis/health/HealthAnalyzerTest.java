package dev.cloudops.analysis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.FixtureState;
import dev.cloudops.analysis.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealthAnalyzerTest {

    private final HealthAnalyzer analyzer = new HealthAnalyzer(new HealthSettings(5, 5));

    private List<Finding> analyze(String yaml) {
        Findings findings = new Findings();
        analyzer.analyze(FixtureState.of(yaml), findings);
        return findings.list();
    }

    private static List<String> checks(List<Finding> found) {
        return found.stream().map(Finding::checkId).toList();
    }

    private static final String HEALTHY_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: ok, namespace: shop}
            spec: {containers: [{name: app, image: nginx}]}
            status:
              phase: Running
              conditions: [{type: PodScheduled, status: "True"}, {type: Ready, status: "True"}]
              containerStatuses:
              - {name: app, image: nginx, ready: true, restartCount: 1, state: {running: {startedAt: "2026-01-01T00:00:00Z"}}}
            """;

    @Test
    @DisplayName("a healthy cluster has no finding; the analyzer is live-only and lists its checks")
    void healthy() {
        assertThat(analyze(HEALTHY_POD + """
                        ---
                        apiVersion: v1
                        kind: Node
                        metadata: {name: n1}
                        status:
                          conditions:
                          - {type: Ready, status: "True"}
                          - {type: MemoryPressure, status: "False"}
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: shop}
                        spec: {replicas: 2}
                        status: {availableReplicas: 2}
                        ---
                        apiVersion: v1
                        kind: Event
                        metadata: {name: e1, namespace: shop}
                        type: Normal
                        reason: Pulled
                        involvedObject: {kind: Pod, namespace: shop, name: ok}
                        """)).isEmpty();
        assertThat(analyzer.readsSpecsOnly()).isFalse();
        assertThat(analyzer.name()).isEqualTo("health");
        assertThat(analyzer.checks())
                .extracting(c -> c.id())
                .doesNotHaveDuplicates()
                .hasSize(11);
    }

    @Nested
    @DisplayName("nodes")
    class Nodes {
        @Test
        @DisplayName("NotReady is critical with the kubelet's reason; a node without conditions yet is left alone")
        void notReady() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: n1}
                    status:
                      conditions:
                      - {type: Ready, status: Unknown, reason: NodeStatusUnknown, message: Kubelet stopped posting node status., lastTransitionTime: "2026-01-01T10:00:00Z"}
                    ---
                    apiVersion: v1
                    kind: Node
                    metadata: {name: fresh}
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("nodeNotReady");
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.subject().name()).isEqualTo("n1");
                assertThat(f.message())
                        .contains("n1 is NotReady", "NodeStatusUnknown", "Kubelet stopped posting", "2026-01-01T10:00");
                assertThat(f.fix()).contains("kubelet");
            });
        }

        @Test
        @DisplayName("every pressure condition that is True is one warning with a fix of its own")
        void pressure() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: n2}
                    status:
                      conditions:
                      - {type: Ready, status: "True"}
                      - {type: MemoryPressure, status: "True", reason: KubeletHasInsufficientMemory, message: low}
                      - {type: DiskPressure, status: "True"}
                      - {type: PIDPressure, status: "True"}
                      - {type: NetworkUnavailable, status: "True", reason: NoRouteCreated}
                    """);
            assertThat(checks(found)).containsOnly("nodePressure").hasSize(4);
            assertThat(found.get(0).message()).contains("MemoryPressure", "KubeletHasInsufficientMemory");
            assertThat(found).extracting(Finding::fix).doesNotHaveDuplicates();
            assertThat(found).allMatch(f -> f.category() == Category.HEALTH && f.severity() == Severity.WARNING);
        }
    }

    @Nested
    @DisplayName("pods")
    class Pods {
        @Test
        @DisplayName("CrashLoopBackOff is critical, names restarts and the last exit; not also a restart finding")
        void crashLoop() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: rec-1, namespace: shop}
                    status:
                      phase: Running
                      containerStatuses:
                      - name: app
                        ready: false
                        restartCount: 14
                        state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s}}
                        lastState: {terminated: {exitCode: 1, reason: Error}}
                    ---
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e1, namespace: shop}
                    type: Warning
                    reason: BackOff
                    count: 40
                    involvedObject: {kind: Pod, namespace: shop, name: rec-1}
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("podCrashLoopBackOff");
                assertThat(f.container()).isEqualTo("app");
                assertThat(f.message()).contains("shop/rec-1", "14 restarts", "code 1 (Error)");
                assertThat(f.fix()).contains("--previous");
            });
        }

        @Test
        @DisplayName("ImagePullBackOff and ErrImagePull name the image and the registry's answer")
        void imagePull() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: search-1, namespace: shop}
                    status:
                      phase: Pending
                      conditions: [{type: PodScheduled, status: "True"}]
                      initContainerStatuses:
                      - {name: init, image: busybox:nope, state: {waiting: {reason: ErrImagePull}}}
                      containerStatuses:
                      - {name: app, image: "ghcr.io/x/search:4.0.0-rc.1", state: {waiting: {reason: ImagePullBackOff, message: not found}}}
                    """);
            assertThat(checks(found)).containsExactly("podImagePullFailure", "podImagePullFailure");
            assertThat(found.get(0).message()).startsWith("Init container init").contains("busybox:nope");
            assertThat(found.get(1).message()).contains("ghcr.io/x/search:4.0.0-rc.1", "ImagePullBackOff", "not found");
        }

        @Test
        @DisplayName("OOMKilled in the last state is a reliability warning naming the memory limit")
        void oomKilled() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: worker, namespace: jobs}
                    spec: {containers: [{name: w, resources: {limits: {memory: 256Mi}}}]}
                    status:
                      phase: Running
                      containerStatuses:
                      - {name: w, ready: true, restartCount: 2, state: {running: {}}, lastState: {terminated: {exitCode: 137, reason: OOMKilled}}}
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("containerOOMKilled");
                assertThat(f.category()).isEqualTo(Category.RELIABILITY);
                assertThat(f.message()).contains("OOM-killed", "256Mi");
                assertThat(f.fix()).contains("Raise its memory limit");
            });
        }

        @Test
        @DisplayName(
                "a Pending pod gets the scheduler's reason and message, and its FailedScheduling events no extra finding")
        void unschedulable() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: big, namespace: shop}
                    status:
                      phase: Pending
                      conditions:
                      - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/3 nodes are available: insufficient cpu"}
                    ---
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e, namespace: shop}
                    type: Warning
                    reason: FailedScheduling
                    involvedObject: {kind: Pod, namespace: shop, name: big}
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("podUnschedulable");
                assertThat(f.message()).contains("Unschedulable", "0/3 nodes are available: insufficient cpu");
            });
        }

        @Test
        @DisplayName("restarts at the threshold are reported, below it not; finished and terminating pods are skipped")
        void restarts() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: flaky, namespace: a}
                    status:
                      phase: Running
                      containerStatuses:
                      - {name: x, ready: true, restartCount: 5, state: {running: {}}, lastState: {terminated: {exitCode: 2, reason: Error}}}
                      - {name: y, ready: true, restartCount: 4, state: {running: {}}}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: done, namespace: a}
                    status:
                      phase: Succeeded
                      containerStatuses: [{name: x, restartCount: 50, state: {terminated: {reason: Completed}}}]
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: going, namespace: a, deletionTimestamp: "2026-01-01T00:00:00Z"}
                    status:
                      phase: Running
                      containerStatuses: [{name: x, restartCount: 50, state: {waiting: {reason: CrashLoopBackOff}}}]
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("containerRestarts");
                assertThat(f.container()).isEqualTo("x");
                assertThat(f.message()).contains("restarted 5 times", "code 2");
            });
            var stricter = new HealthAnalyzer(new HealthSettings(4, 5));
            Findings findings = new Findings();
            stricter.analyze(FixtureState.of(HEALTHY_POD.replace("restartCount: 1", "restartCount: 4")), findings);
            assertThat(checks(findings.list())).containsExactly("containerRestarts");
        }

        @Test
        @DisplayName(
                "Unhealthy events are one probe finding per container; a running unready container without them too")
        void probes() {
            var found = analyze("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: api, namespace: pay}
                    status:
                      phase: Running
                      containerStatuses:
                      - {name: app, ready: false, state: {running: {}}}
                    ---
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e1, namespace: pay}
                    type: Warning
                    reason: Unhealthy
                    count: 3
                    lastTimestamp: "2026-01-01T00:01:00Z"
                    message: "Readiness probe failed: HTTP probe failed with statuscode: 503"
                    involvedObject: {kind: Pod, namespace: pay, name: api, fieldPath: "spec.containers{app}"}
                    ---
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e2, namespace: pay}
                    type: Warning
                    reason: Unhealthy
                    series: {count: 4}
                    lastTimestamp: "2026-01-01T00:00:30Z"
                    message: "Readiness probe failed: older"
                    involvedObject: {kind: Pod, namespace: pay, name: api, fieldPath: "spec.containers{app}"}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: quiet, namespace: pay}
                    status:
                      phase: Running
                      containerStatuses:
                      - {name: app, ready: false, state: {running: {}}}
                    """);
            assertThat(checks(found)).containsExactly("probeFailing", "probeFailing");
            assertThat(found.get(0).subject().name()).isEqualTo("api");
            assertThat(found.get(0).container()).isEqualTo("app");
            assertThat(found.get(0).message()).contains("failed 7 times", "statuscode: 503");
            assertThat(found.get(1).subject().name()).isEqualTo("quiet");
            assertThat(found.get(1).message()).contains("running but not ready");
        }
    }

    @Nested
    @DisplayName("workloads and claims")
    class Workloads {
        @Test
        @DisplayName(
                "unavailable replicas: critical at none available, a warning when some are; each kind's own fields")
        void unavailable() {
            var found = analyze("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: rec, namespace: shop}
                    spec: {replicas: 2}
                    status:
                      availableReplicas: 0
                      conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: "ReplicaSet rec-1 has timed out progressing."}]
                    ---
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db, namespace: shop}
                    spec: {replicas: 3}
                    status: {readyReplicas: 2}
                    ---
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata: {name: agent, namespace: kube-system}
                    status: {desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 2}
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: off, namespace: shop}
                    spec: {replicas: 0}
                    """);
            assertThat(checks(found)).containsOnly("workloadUnavailable").hasSize(3);
            assertThat(found.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(found.get(0).message()).contains("0 of 2", "timed out progressing");
            assertThat(found.get(1).severity()).isEqualTo(Severity.WARNING);
            assertThat(found.get(1).message()).contains("StatefulSet shop/db has 2 of 3");
            assertThat(found.get(2).message()).contains("DaemonSet kube-system/agent has 2 of 3");
        }

        @Test
        @DisplayName("a Pending claim names its class and the provisioner's complaint; a bound one is fine")
        void pvcPending() {
            var found = analyze("""
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: data, namespace: shop}
                    spec: {storageClassName: fast-ssd, resources: {requests: {storage: 10Gi}}}
                    status: {phase: Pending}
                    ---
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: bound, namespace: shop}
                    status: {phase: Bound}
                    ---
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e, namespace: shop}
                    type: Warning
                    reason: ProvisioningFailed
                    message: storageclass.storage.k8s.io "fast-ssd" not found
                    involvedObject: {kind: PersistentVolumeClaim, namespace: shop, name: data}
                    """);
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.checkId()).isEqualTo("pvcPending");
                assertThat(f.message()).contains("shop/data", "10Gi", "fast-ssd", "not found");
            });
        }
    }

    @Test
    @DisplayName("warning events are grouped per object and reason; a burst is a warning, a few are information")
    void warningEvents() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            yaml.append("""
                    apiVersion: v1
                    kind: Event
                    metadata: {name: e%d, namespace: shop}
                    type: Warning
                    reason: FailedMount
                    lastTimestamp: "2026-01-01T00:0%d:00Z"
                    message: "MountVolume.SetUp failed %d"
                    involvedObject: {kind: Pod, namespace: shop, name: web-1}
                    ---
                    """.formatted(i, i, i));
        }
        yaml.append("""
                apiVersion: v1
                kind: Event
                metadata: {name: other, namespace: shop}
                type: Warning
                reason: FailedCreate
                involvedObject: {kind: ReplicaSet, namespace: shop, name: web-abc}
                message: quota exceeded
                """);
        var found = analyze(yaml.toString());
        assertThat(checks(found)).containsExactly("warningEvents", "warningEvents");
        assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(found.get(0).subject().kind()).isEqualTo("Pod");
        assertThat(found.get(0).message()).contains("6 warning events FailedMount", "failed 5", "00:05");
        assertThat(found.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(found.get(1).message()).contains("ReplicaSet shop/web-abc", "1 warning event FailedCreate");
    }

    @Test
    @DisplayName("thresholds below 1 are refused at start-up")
    void settings() {
        assertThatThrownBy(() -> new HealthSettings(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
