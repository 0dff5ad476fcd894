package dev.cloudops.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.PlatformIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@DisplayName("A health scan of the demo cluster reports what a person would call broken, and nothing healthy")
@TestPropertySource(
        properties = {
            "cloudops.demo.enabled=true",
            "spring.datasource.url=jdbc:h2:mem:cloudops-demo-it;DB_CLOSE_DELAY=-1"
        })
class AnalysisDemoIT extends PlatformIT {

    private long demoId() {
        return api.get("/api/k8s/cluster/list?q=demo", admin)
                .json()
                .path("items")
                .valueStream()
                .filter(c -> c.path("name").asString().equals("demo"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    private static String line(JsonNode f) {
        JsonNode s = f.path("subject");
        return f.path("checkId").asString() + " " + f.path("severity").asString() + " "
                + s.path("kind").asString()
                + " " + s.path("namespace").asString("") + "/" + s.path("name").asString() + " "
                + f.path("container").asString("") + " | " + f.path("message").asString();
    }

    @Test
    @DisplayName(
            "crash loops, unpullable images, the unschedulable pod, the Pending claim; healthy workloads are clean")
    void demoFindings() throws Exception {
        var started = api.post(
                "/api/k8s/analysis/scans", Map.of("clusterId", demoId(), "analyzers", List.of("health")), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        JsonNode scan = null;
        for (int i = 0; i < 600; i++) {
            scan = api.get("/api/k8s/analysis/scans/" + id, admin).json();
            if (scan.path("status").asString().matches("SUCCEEDED|FAILED")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(scan.path("status").asString()).as(scan.toString()).isEqualTo("SUCCEEDED");
        List<String> lines = api.get("/api/k8s/analysis/scans/" + id + "/findings?size=500", admin)
                .json()
                .path("items")
                .valueStream()
                .map(AnalysisDemoIT::line)
                .toList();
        java.nio.file.Files.write(java.nio.file.Path.of("target/demo-health-findings.txt"), lines);

        assertThat(lines)
                .anyMatch(l -> l.startsWith("podCrashLoopBackOff CRITICAL Pod shop/recommendations-"))
                .anyMatch(l -> l.startsWith("podCrashLoopBackOff CRITICAL Pod payments/notifications-worker-"))
                .anyMatch(l -> l.startsWith("podImagePullFailure CRITICAL Pod shop/search-")
                        && l.contains("search:4.0.0-rc.1"))
                .anyMatch(l -> l.startsWith("podUnschedulable CRITICAL Pod shop/image-resizer-")
                        && l.contains("Insufficient memory"))
                .anyMatch(l -> l.startsWith("workloadUnavailable CRITICAL Deployment shop/recommendations")
                        && l.contains("0 of 2"))
                .anyMatch(l -> l.startsWith("pvcPending"));
        for (String healthy :
                List.of(" shop/web", " shop/cart", " payments/ledger", " shop/postgres", " kube-system/coredns")) {
            assertThat(lines)
                    .as("nothing about healthy %s", healthy)
                    .noneMatch(l -> l.contains(healthy) && !l.startsWith("warningEvents") && !l.contains("INFO"));
        }
        assertThat(scan.path("scores").path("HEALTH").asInt()).isBetween(1, 99);
    }
}
