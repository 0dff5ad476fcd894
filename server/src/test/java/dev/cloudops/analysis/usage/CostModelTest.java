package dev.cloudops.analysis.usage;

import static dev.cloudops.analysis.usage.FakeState.container;
import static dev.cloudops.analysis.usage.FakeState.node;
import static dev.cloudops.analysis.usage.FakeState.pod;
import static dev.cloudops.analysis.usage.FakeState.podMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cloudops.analysis.Findings;
import dev.cloudops.platform.CloudOpsProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cost model")
class CostModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant AGO = NOW.minus(Duration.ofDays(3));

    private static final CloudOpsProperties.Cost SETTINGS = new CloudOpsProperties.Cost(
            "USD",
            730,
            0.04,
            0.005,
            List.of(
                    new CloudOpsProperties.Price("aws", null, 0.05, 0.006),
                    new CloudOpsProperties.Price("aws", "eu-west-1", 0.1, 0.01),
                    new CloudOpsProperties.Price("huawei", "", 0.03, 0.004)),
            0.1,
            0.5,
            0.3);

    private final CostModel model = new CostModel(SETTINGS);

    @Test
    @DisplayName("prices come from the node's provider and region, the most specific entry first")
    void prices() {
        PriceTable table = new PriceTable(SETTINGS);
        assertThat(table.of(node("a", "1", "1Gi", "aws:///eu-west-1a/i-1", "eu-west-1"))
                        .cpuHour())
                .isEqualTo(0.1);
        assertThat(table.of(node("a", "1", "1Gi", "aws:///us-east-1a/i-1", "us-east-1"))
                        .cpuHour())
                .isEqualTo(0.05);
        assertThat(table.of(node("a", "1", "1Gi", "huaweicloud://abc", "cn-north-4"))
                        .cpuHour())
                .isEqualTo(0.03);
        assertThat(table.of(node("a", "1", "1Gi", null, null)).cpuHour()).isEqualTo(0.04);
        assertThat(PriceTable.provider("alicloud://cn-hangzhou.i-abc")).isEqualTo("aliyun");
        assertThat(PriceTable.provider("qcloud:///800002/ins-abc")).isEqualTo("tencent");
        assertThat(PriceTable.provider("tencentcloud:///ins-abc")).isEqualTo("tencent");
        assertThat(PriceTable.provider("gce://project/zone/vm")).isEqualTo("gcp");
        assertThat(PriceTable.provider("kind://docker/kind/kind-control-plane")).isEqualTo("kind");
        assertThat(PriceTable.provider("")).isNull();
    }

    @Test
    @DisplayName("requests times price times 730 hours, per workload and per namespace; unscheduled pods cost nothing")
    void breakdown() {
        var state = new FakeState(NOW)
                .withoutMetrics()
                .add(node("n1", "8", "32Gi", "aws:///eu-west-1a/i-1", "eu-west-1"))
                .add(pod("shop", "cart-1", "cart", "n1", AGO, List.of(container("app", "500m", "1Gi", null, null))))
                .add(pod("shop", "cart-2", "cart", "n1", AGO, List.of(container("app", "500m", "1Gi", null, null))))
                .add(pod("ops", "tool-1", "tool", "n1", AGO, List.of(container("app", "250m", "512Mi", null, null))))
                .add(pod("ops", "wait-1", "wait", null, AGO, List.of(container("app", "64", "1Gi", null, null))));
        CostReport report = model.report(state);
        // cart: 1 core * 0.1 + 1 GiB... 2 pods: 1 cpu, 2 GiB -> (0.1 + 0.02) * 730 = 87.6
        var cart = report.workloads().get(0);
        assertThat(cart.name()).isEqualTo("cart");
        assertThat(cart.kind()).isEqualTo("Deployment");
        assertThat(cart.monthly()).isCloseTo(87.6, within(0.001));
        assertThat(cart.provider()).isEqualTo("aws");
        assertThat(cart.region()).isEqualTo("eu-west-1");
        assertThat(cart.verdict()).isEqualTo("unknown");
        // tool: 0.25 * 0.1 + 0.5 * 0.01 = 0.03 * 730 = 21.9
        assertThat(report.workloads()).extracting(CostReport.WorkloadCost::name).containsExactly("cart", "tool");
        assertThat(report.monthly()).isCloseTo(109.5, within(0.001));
        assertThat(report.namespaces())
                .extracting(CostReport.NamespaceCost::namespace)
                .containsExactly("shop", "ops");
        assertThat(report.namespaces().get(0).cpuRequestCores()).isEqualTo(1.0);
        assertThat(report.notes())
                .anyMatch(n -> n.contains("cannot be judged"))
                .anyMatch(n -> n.startsWith("1 pod(s) wait"));
    }

    @Test
    @DisplayName("idle and over-provisioned workloads get suggested requests (p95 of use plus headroom) and a patch")
    void rightSizing() {
        var state = new FakeState(NOW)
                .add(node("n1", "8", "32Gi", null, null))
                .add(pod("shop", "idle-1", "idle", "n1", AGO, List.of(container("app", "1", "2Gi", null, null))))
                .add(podMetrics("shop", "idle-1", "app", "5m", "50Mi"))
                .add(pod("shop", "fat-1", "fat", "n1", AGO, List.of(container("app", "1", "1Gi", null, null))))
                .add(podMetrics("shop", "fat-1", "app", "100m", "800Mi"))
                .add(pod("shop", "fat-2", "fat", "n1", AGO, List.of(container("app", "1", "1Gi", null, null))))
                .add(podMetrics("shop", "fat-2", "app", "200m", "900Mi"))
                .add(pod("shop", "busy-1", "busy", "n1", AGO, List.of(container("app", "100m", "100Mi", null, null))))
                .add(podMetrics("shop", "busy-1", "app", "90m", "90Mi"));
        CostReport report = model.report(state);
        var idle = byName(report, "idle");
        assertThat(idle.verdict()).isEqualTo("idle");
        assertThat(idle.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.suggestedCpuRequest()).isEqualTo("10m"); // 5m * 1.3 is under the 10m floor
            assertThat(s.suggestedMemoryRequest()).isEqualTo("65Mi");
        });
        var fat = byName(report, "fat");
        assertThat(fat.verdict()).isEqualTo("over-provisioned");
        assertThat(fat.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.suggestedCpuRequest()).isEqualTo("260m"); // p95 of 100m, 200m is 200m; +30 %
            assertThat(s.suggestedMemoryRequest()).isNull(); // 900Mi * 1.3 is above the 1Gi request
        });
        assertThat(fat.savingMonthly()).isCloseTo(2 * 0.74 * 0.04 * 730, within(0.01));
        assertThat(byName(report, "busy").verdict()).isEqualTo("ok");
        assertThat(report.idleMonthly()).isEqualTo(idle.monthly());

        Findings findings = new Findings();
        new CostAnalyzer(model).analyze(state, findings);
        assertThat(findings.list())
                .extracting(f -> f.checkId() + ":" + f.subject().name())
                .containsExactlyInAnyOrder("idleWorkload:idle", "overProvisioned:fat");
        assertThat(findings.list().stream()
                        .filter(f -> f.subject().name().equals("fat"))
                        .findFirst()
                        .orElseThrow()
                        .patch())
                .containsExactly(java.util.Map.of(
                        "op",
                        "replace",
                        "path",
                        "/spec/template/spec/containers/0/resources/requests/cpu",
                        "value",
                        "260m"));
        assertThat(findings.notes()).anyMatch(n -> n.startsWith("Requests cost"));
    }

    @Test
    @DisplayName("the nearest-rank 95th percentile")
    void percentile() {
        assertThat(CostModel.p95(List.of(1.0))).isEqualTo(1.0);
        assertThat(CostModel.p95(List.of(3.0, 1.0, 2.0))).isEqualTo(3.0);
        List<Double> hundred = java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> (double) i)
                .toList();
        assertThat(CostModel.p95(hundred)).isEqualTo(95.0);
    }

    private static CostReport.WorkloadCost byName(CostReport report, String name) {
        return report.workloads().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
