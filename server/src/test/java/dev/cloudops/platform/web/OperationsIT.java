package dev.cloudops.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operations: OpenAPI, health and metrics")
class OperationsIT extends PlatformIT {

    @Test
    @DisplayName("the OpenAPI document is public and lists every endpoint with bearer auth and problem answers")
    void openApi() {
        var doc = api.get("/v3/api-docs", null);
        assertThat(doc.status()).isEqualTo(200);
        var paths = doc.json().path("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/auth/login",
                        "/api/k8s/cluster/create",
                        "/api/k8s/cluster/list",
                        "/api/k8s/cluster/{id}",
                        "/api/k8s/cluster/{id}/refresh",
                        "/api/k8s/resources/{clusterId}/apply",
                        "/api/k8s/fleet/{kind}",
                        "/api/audit",
                        "/api/users",
                        // The plan's container endpoints (issue 3).
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs/search",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs/stream",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs/export",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs/history",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/history",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/terminal",
                        "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/ws");
        assertThat(doc.json().path("components").path("securitySchemes").has("bearer"))
                .isTrue();
        assertThat(paths.path("/api/k8s/cluster/create")
                        .path("post")
                        .path("responses")
                        .has("409"))
                .isTrue();
        assertThat(paths.path("/api/k8s/cluster/list")
                        .path("get")
                        .path("responses")
                        .has("401"))
                .isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("liveness and readiness are public; Prometheus metrics need a token and show per-cluster API calls")
    void healthAndMetrics() {
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        try (MockCluster mock = MockCluster.start(1)) {
            long id = register(mock, unique("metrics"));
            api.get("/api/k8s/resources/" + id + "/nodes", admin);
            api.get("/api/k8s/fleet/nodes", admin);
            var metrics = api.get("/actuator/prometheus", admin);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text())
                    .contains("cloudops_kube_requests_seconds_count")
                    .contains("cloudops_kube_cache_size");
            api.delete("/api/k8s/cluster/" + id, admin);
        }
    }

    @Test
    @DisplayName("the structured log file never carries a kubeconfig token or a password")
    void logsHoldNoSecrets() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            long id = register(mock, unique("logs"));
            api.post("/api/auth/login", java.util.Map.of("username", "admin", "password", "wrong-" + PASSWORD), null);
            api.post(
                    "/api/k8s/cluster/create",
                    java.util.Map.of("name", "x", "kubeconfig", mock.kubeconfig() + "\n: ["),
                    admin);
            api.delete("/api/k8s/cluster/" + id, admin);
        }
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/it-data/logs/cloudops.log"));
        assertThat(log)
                .contains("\"@timestamp\"")
                .doesNotContain(MockCluster.TOKEN)
                .doesNotContain(ADMIN_PASSWORD)
                .doesNotContain(PASSWORD);
    }
}
