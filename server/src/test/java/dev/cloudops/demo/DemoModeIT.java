package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.PlatformIT;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@DisplayName("--demo gives a usable platform with a simulated cluster")
@TestPropertySource(
        properties = {
            "cloudops.demo.enabled=true",
            "spring.datasource.url=jdbc:h2:mem:cloudops-demo-it;DB_CLOSE_DELAY=-1"
        })
class DemoModeIT extends PlatformIT {

    private long demoId() {
        var list = api.get("/api/k8s/cluster/list?q=demo", admin);
        return list.json()
                .path("items")
                .valueStream()
                .filter(c -> c.path("name").asString().equals("demo"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    @Test
    @DisplayName("cluster demo is registered healthy, labelled simulated, with its version and nodes")
    void registered() {
        var demo = api.get("/api/k8s/cluster/" + demoId(), admin).json();
        assertThat(demo.path("status").asString()).isEqualTo("Healthy");
        assertThat(demo.path("simulated").asBoolean()).isTrue();
        assertThat(demo.path("tags").get(0).asString()).isEqualTo("simulated");
        assertThat(demo.path("version").asString()).isEqualTo(DemoFixtures.KUBERNETES_VERSION);
        assertThat(demo.path("nodeCount").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("an admin browses namespaces, pods and deployments, applies and deletes YAML on the demo cluster")
    void browseApplyDelete() {
        long id = demoId();
        String base = "/api/k8s/resources/" + id;
        assertThat(api.get(base + "/namespaces", admin).json().path("items").size())
                .isGreaterThanOrEqualTo(6);
        assertThat(api.get(base + "/pods?namespace=shop", admin)
                        .json()
                        .path("items")
                        .size())
                .isGreaterThan(3);
        assertThat(api.get(base + "/deployments?namespace=shop", admin)
                        .json()
                        .path("items")
                        .size())
                .isGreaterThan(1);
        assertThat(api.get(base + "/discovery", admin).text()).contains(DemoFixtures.CRD_KIND);
        var fleet = api.get("/api/k8s/fleet/pods?limit=5000", admin);
        assertThat(fleet.json()
                        .path("items")
                        .valueStream()
                        .map(p -> p.path("status").asString()))
                .contains("Running", "Pending", "CrashLoopBackOff", "ImagePullBackOff");

        var applied = api.postText(
                base + "/apply?namespace=staging",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-demo-test}\ndata: {a: b}\n",
                "application/yaml",
                admin);
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(api.get(base + "/configmaps/staging/from-demo-test", admin).status())
                .isEqualTo(200);
        assertThat(api.delete(base + "/configmaps/staging/from-demo-test", admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/audit?clusterId=" + id, admin)
                        .json()
                        .path("total")
                        .asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("exec and terminals on the simulated cluster answer 501 simulated-cluster and run nothing")
    void execNotAvailable() {
        long demo = demoId();
        // Refused before the cluster is asked: the pod need not exist.
        String container = "/api/k8s/containers/" + demo + "/shop/any-pod/app";
        var exec = api.post(container + "/exec", java.util.Map.of("command", java.util.List.of("ls")), admin);
        assertThat(exec.status()).isEqualTo(501);
        assertThat(exec.code()).isEqualTo("simulated-cluster");
        assertThat(exec.json().path("detail").asString()).containsIgnoringCase("not available on a simulated cluster");
        var terminal = api.post(container + "/exec/terminal", java.util.Map.of(), admin);
        assertThat(terminal.code()).isEqualTo("simulated-cluster");
        assertThat(count("terminal_sessions")).isZero();
    }

    @Test
    @DisplayName("files in the simulated cluster's containers answer 501 simulated-cluster, reads and writes alike")
    void filesNotSimulated() {
        String files = "/api/k8s/containers/" + demoId() + "/shop/web-0/web/files";
        var list = api.get(files + "?path=/etc", admin);
        assertThat(list.status()).isEqualTo(501);
        assertThat(list.code()).isEqualTo("simulated-cluster");
        var mkdir = api.post(files + "/mkdir", java.util.Map.of("path", "/tmp/x"), admin);
        assertThat(mkdir.status()).isEqualTo(501);
        assertThat(mkdir.code()).isEqualTo("simulated-cluster");
    }
}
