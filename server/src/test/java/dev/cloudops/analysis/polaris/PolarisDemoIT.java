package dev.cloudops.analysis.polaris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.AnalysisResult;
import dev.cloudops.analysis.AnalysisService;
import dev.cloudops.analysis.Finding;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.Role;
import dev.cloudops.testing.PlatformIT;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The Polaris analyzers on the simulated demo cluster, whose objects have real owner chains. */
@TestPropertySource(
        properties = {
            "cloudops.demo.enabled=true",
            "spring.datasource.url=jdbc:h2:mem:cloudops-polaris-demo-it;DB_CLOSE_DELAY=-1"
        })
class PolarisDemoIT extends PlatformIT {

    private static final List<String> CONTROLLERS = List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job");

    @Autowired
    AnalysisService analysis;

    @Autowired
    AccessPolicy access;

    @Test
    @DisplayName("on the demo cluster findings are on controllers and static pods only, and name real problems")
    void demoCluster() {
        long id = api.get("/api/k8s/cluster/list?q=demo", admin)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asLong();
        CurrentUser root = new CurrentUser(0, "root", List.of(new Grant(Role.ADMIN, null, null)));
        AnalysisResult result = access.runAs(root, () -> analysis.analyze(id, null, List.of("config", "security")));

        assertThat(result.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(Arrays.stream(PolarisCheck.values()).map(PolarisCheck::id))
                    .contains(f.checkId());
            boolean staticPod = "Pod".equals(f.subject().kind())
                    && "kube-system".equals(f.subject().namespace())
                    && f.subject().name().endsWith("-control-plane");
            assertThat(staticPod || CONTROLLERS.contains(f.subject().kind()))
                    .as("%s is a controller or a static pod", f.subject())
                    .isTrue();
        });
        assertThat(result.findings())
                .filteredOn(f -> f.checkId().equals("hostNetworkSet"))
                .extracting(f -> f.subject().name())
                .contains("kube-apiserver-demo-control-plane", "etcd-demo-control-plane");
        assertThat(result.findings())
                .filteredOn(f -> f.checkId().equals("cpuLimitsMissing"))
                .extracting(Finding::container)
                .doesNotContainNull();
    }
}
