package dev.cloudops.demo;

import static dev.cloudops.demo.DemoWorkload.Kind.CRON_JOB;
import static dev.cloudops.demo.DemoWorkload.Kind.DAEMON_SET;
import static dev.cloudops.demo.DemoWorkload.Kind.DEPLOYMENT;
import static dev.cloudops.demo.DemoWorkload.Kind.JOB;
import static dev.cloudops.demo.DemoWorkload.Kind.STATEFUL_SET;
import static dev.cloudops.demo.DemoWorkload.PodState.CRASH_LOOP;
import static dev.cloudops.demo.DemoWorkload.PodState.FAILED;
import static dev.cloudops.demo.DemoWorkload.PodState.IMAGE_PULL_BACKOFF;
import static dev.cloudops.demo.DemoWorkload.PodState.PENDING;
import static dev.cloudops.demo.DemoWorkload.PodState.RUNNING;
import static dev.cloudops.demo.DemoWorkload.PodState.SUCCEEDED;

import java.time.Duration;
import java.util.List;

/**
 * The workloads of the demo cluster: a small production-like estate with the usual trouble in it — a crash loop, a
 * bad image tag, a registry without credentials, a pod that fits on no node, a PVC nobody can provision, an OOM-killed
 * service and a failed job — plus templates without resources or probes for the compliance checks to find.
 */
final class DemoCatalog {

    static final String NOT_FOUND = "rpc error: code = NotFound desc = failed to pull and unpack image \"%1$s\": "
            + "failed to resolve reference \"%1$s\": %1$s: not found";
    static final String UNAUTHORIZED = "rpc error: code = Unknown desc = failed to pull and unpack image \"%1$s\": "
            + "failed to resolve reference \"%1$s\": pull access denied, repository does not exist or may require "
            + "authorization: authorization failed: no basic auth credentials";

    private DemoCatalog() {}

    static List<DemoWorkload> workloads() {
        return List.of(
                // kube-system
                DemoWorkload.of(DAEMON_SET, "kube-system", "kube-proxy")
                        .app("kubernetes", "system")
                        .image("registry.k8s.io/kube-proxy:v1.31.4", null)
                        .hostNetwork()
                        .serviceAccount("kube-proxy")
                        .command("/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf")
                        .age(Duration.ofDays(92)),
                DemoWorkload.of(DAEMON_SET, "kube-system", "calico-node")
                        .app("kubernetes", "system")
                        .image("docker.io/calico/node:v3.28.2", null)
                        .resources("250m", null, null, null)
                        .hostNetwork()
                        .serviceAccount("calico-node")
                        .age(Duration.ofDays(92)),
                DemoWorkload.of(DEPLOYMENT, "kube-system", "coredns")
                        .app("kubernetes", "system")
                        .image("registry.k8s.io/coredns/coredns:v1.11.3", 53)
                        .resources("100m", "70Mi", null, "170Mi")
                        .hardened()
                        .toleratesControlPlane()
                        .onNode(DemoNodes.CONTROL_PLANE)
                        .pods(RUNNING, RUNNING)
                        .serviceAccount("coredns")
                        .command("/coredns", "-conf", "/etc/coredns/Corefile")
                        .age(Duration.ofDays(92)),
                DemoWorkload.of(DEPLOYMENT, "kube-system", "metrics-server")
                        .app("kubernetes", "system")
                        .image("registry.k8s.io/metrics-server/metrics-server:v0.7.2", 10250)
                        .resources("100m", "200Mi", null, null)
                        .hardened()
                        .serviceAccount("metrics-server")
                        .age(Duration.ofDays(91)),
                // monitoring
                DemoWorkload.of(STATEFUL_SET, "monitoring", "prometheus")
                        .app("observability", "monitoring")
                        .image("quay.io/prometheus/prometheus:v2.54.1", 9090)
                        .resources("500m", "2Gi", "1", "4Gi")
                        .hardened()
                        .storage("50Gi", "standard")
                        .serviceAccount("prometheus")
                        .envFrom("configmap/prometheus-config")
                        .age(Duration.ofDays(40)),
                DemoWorkload.of(STATEFUL_SET, "monitoring", "alertmanager")
                        .app("observability", "monitoring")
                        .image("quay.io/prometheus/alertmanager:v0.27.0", 9093)
                        .resources("100m", "128Mi", "200m", "256Mi")
                        .hardened()
                        .storage("2Gi", "standard")
                        .age(Duration.ofDays(40)),
                DemoWorkload.of(DEPLOYMENT, "monitoring", "grafana")
                        .app("observability", "frontend")
                        .image("docker.io/grafana/grafana:11.2.2", 3000)
                        .resources("100m", "256Mi", "500m", "512Mi")
                        .hardened()
                        .serviceAccount("grafana")
                        .envFrom("configmap/grafana-datasources")
                        .age(Duration.ofDays(40)),
                DemoWorkload.of(DEPLOYMENT, "monitoring", "kube-state-metrics")
                        .app("observability", "monitoring")
                        .image("registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0", 8080)
                        .resources("50m", "128Mi", null, "256Mi")
                        .hardened()
                        .serviceAccount("kube-state-metrics")
                        .age(Duration.ofDays(40)),
                DemoWorkload.of(DAEMON_SET, "monitoring", "node-exporter")
                        .app("observability", "monitoring")
                        .image("quay.io/prometheus/node-exporter:v1.8.2", 9100)
                        .resources("50m", "64Mi", "250m", "128Mi")
                        .hostNetwork()
                        .age(Duration.ofDays(40)),
                // shop
                DemoWorkload.of(DEPLOYMENT, "shop", "web")
                        .app("storefront", "frontend")
                        .image("ghcr.io/cloudops-demo/storefront-web:2.14.3", 8080)
                        .resources("250m", "256Mi", "1", "512Mi")
                        .hardened()
                        .pods(RUNNING, RUNNING, RUNNING)
                        .envFrom("configmap/web-config")
                        .age(Duration.ofDays(6)),
                DemoWorkload.of(DEPLOYMENT, "shop", "cart")
                        .app("storefront", "backend")
                        .image("ghcr.io/cloudops-demo/cart:1.9.0", 8080)
                        .resources("200m", "256Mi", "500m", "512Mi")
                        .hardened()
                        .pods(RUNNING, RUNNING)
                        .env("REDIS_URL", "redis://redis.shop.svc.cluster.local:6379")
                        .age(Duration.ofDays(13)),
                DemoWorkload.of(DEPLOYMENT, "shop", "checkout")
                        .app("storefront", "backend")
                        .image("ghcr.io/cloudops-demo/checkout:3.2.1", 8080)
                        .resources("200m", "192Mi", "500m", "256Mi")
                        .hardened()
                        .pods(RUNNING, RUNNING)
                        .restarts(3)
                        .env("PAYMENTS_URL", "http://payments-api.payments.svc.cluster.local:8080")
                        .age(Duration.ofDays(4)),
                DemoWorkload.of(DEPLOYMENT, "shop", "recommendations")
                        .app("storefront", "backend")
                        .image("ghcr.io/cloudops-demo/recommendations:0.8.4", 8080)
                        .resources("300m", "512Mi", "1", "1Gi")
                        .hardened()
                        .pods(CRASH_LOOP, CRASH_LOOP)
                        .env("MODEL_BUCKET", "s3://cloudops-demo-models/recommendations")
                        .age(Duration.ofHours(5)),
                DemoWorkload.of(DEPLOYMENT, "shop", "search")
                        .app("storefront", "backend")
                        .image("ghcr.io/cloudops-demo/search:4.0.0-rc.1", 8080)
                        .pods(IMAGE_PULL_BACKOFF)
                        .pullError(NOT_FOUND)
                        .age(Duration.ofHours(2)),
                DemoWorkload.of(DEPLOYMENT, "shop", "image-resizer")
                        .app("storefront", "backend")
                        .image("ghcr.io/cloudops-demo/image-resizer:1.4.2", 8080)
                        .resources("2", "40Gi", "2", "40Gi")
                        .pods(PENDING)
                        .pending("0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint "
                                + "{dedicated: gpu}, 1 node(s) had untolerated taint "
                                + "{node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: "
                                + "1 No preemption victims found for incoming pod, 2 Preemption is not helpful for "
                                + "scheduling.")
                        .age(Duration.ofMinutes(50)),
                DemoWorkload.of(STATEFUL_SET, "shop", "redis")
                        .app("storefront", "cache")
                        .image("docker.io/library/redis:7.4.1", 6379)
                        .storage("8Gi", "standard")
                        .age(Duration.ofDays(61)),
                DemoWorkload.of(STATEFUL_SET, "shop", "postgres")
                        .app("storefront", "database")
                        .image("docker.io/library/postgres:16.4", 5432)
                        .resources("500m", "1Gi", "2", "2Gi")
                        .hardened()
                        .storage("20Gi", "standard")
                        .age(Duration.ofDays(61)),
                DemoWorkload.of(CRON_JOB, "shop", "sitemap-generator")
                        .app("storefront", "batch")
                        .image("ghcr.io/cloudops-demo/sitemap-generator:1.2.0", null)
                        .resources("100m", "128Mi", "500m", "256Mi")
                        .schedule("0 */6 * * *", false)
                        .pods(SUCCEEDED)
                        .age(Duration.ofDays(30)),
                // payments
                DemoWorkload.of(DEPLOYMENT, "payments", "payments-api")
                        .app("payments", "backend")
                        .image("ghcr.io/cloudops-demo/payments-api:5.1.0", 8080)
                        .resources("500m", "512Mi", "1", "1Gi")
                        .hardened()
                        .sidecar()
                        .pods(RUNNING, RUNNING, RUNNING)
                        .serviceAccount("payments-api")
                        .envFrom("configmap/payments-api-config")
                        .envFrom("secret/payments-db-credentials")
                        .age(Duration.ofDays(3)),
                DemoWorkload.of(DEPLOYMENT, "payments", "ledger")
                        .app("payments", "backend")
                        .image("ghcr.io/cloudops-demo/ledger:2.3.7", 8080)
                        .resources("250m", "384Mi", "500m", "768Mi")
                        .hardened()
                        .pods(RUNNING, RUNNING)
                        .envFrom("secret/payments-db-credentials")
                        .age(Duration.ofDays(8)),
                DemoWorkload.of(DEPLOYMENT, "payments", "fraud-detector")
                        .app("payments", "backend")
                        .image("ghcr.io/cloudops-demo/fraud-detector:1.0.3", 8080)
                        .resources("2", "8Gi", "4", "16Gi")
                        .hardened()
                        .gpu()
                        .age(Duration.ofDays(15)),
                DemoWorkload.of(DEPLOYMENT, "payments", "notifications-worker")
                        .app("payments", "backend")
                        .image("ghcr.io/cloudops-demo/notifications-worker:0.9.1", null)
                        .pods(CRASH_LOOP)
                        .env("SMTP_HOST", "smtp.internal.example.com")
                        .age(Duration.ofHours(9)),
                DemoWorkload.of(STATEFUL_SET, "payments", "payments-db")
                        .app("payments", "database")
                        .image("docker.io/library/postgres:16.4", 5432)
                        .resources("1", "2Gi", "2", "4Gi")
                        .hardened()
                        .storage("50Gi", "standard")
                        .envFrom("secret/payments-db-credentials")
                        .age(Duration.ofDays(75)),
                DemoWorkload.of(JOB, "payments", "ledger-migrate-v2-3-7")
                        .app("payments", "batch")
                        .image("ghcr.io/cloudops-demo/ledger:2.3.7", null)
                        .resources("100m", "256Mi", "500m", "512Mi")
                        .command("/app/ledger", "migrate", "--to=2.3.7")
                        .pods(SUCCEEDED)
                        .envFrom("secret/payments-db-credentials")
                        .age(Duration.ofDays(8)),
                DemoWorkload.of(JOB, "payments", "settlement-report-manual")
                        .app("payments", "batch")
                        .image("ghcr.io/cloudops-demo/settlement-report:1.1.0", null)
                        .resources("200m", "256Mi", "1", "512Mi")
                        .pods(FAILED, FAILED)
                        .age(Duration.ofHours(20)),
                DemoWorkload.of(CRON_JOB, "payments", "payments-db-backup")
                        .app("payments", "batch")
                        .image("docker.io/library/postgres:16.4", null)
                        .resources("100m", "128Mi", "500m", "512Mi")
                        .command("/bin/sh", "-c", "pg_dump -Fc payments > /backup/payments.dump")
                        .schedule("30 2 * * *", false)
                        .pods(SUCCEEDED)
                        .envFrom("secret/payments-db-credentials")
                        .age(Duration.ofDays(75)),
                // staging
                DemoWorkload.of(DEPLOYMENT, "staging", "web")
                        .app("storefront", "frontend")
                        .image("ghcr.io/cloudops-demo/storefront-web:2.15.0-rc.2", 8080)
                        .envFrom("configmap/web-config")
                        .age(Duration.ofDays(1)),
                DemoWorkload.of(DEPLOYMENT, "staging", "cart")
                        .app("storefront", "backend")
                        .image("registry.internal.example.com/storefront/cart:1.10.0", 8080)
                        .pods(IMAGE_PULL_BACKOFF)
                        .pullError(UNAUTHORIZED)
                        .age(Duration.ofHours(26)),
                DemoWorkload.of(DEPLOYMENT, "staging", "payments-api")
                        .app("payments", "backend")
                        .image("ghcr.io/cloudops-demo/payments-api:5.2.0-rc.1", 8080)
                        .resources("250m", "256Mi", "500m", "512Mi")
                        .age(Duration.ofDays(2)),
                DemoWorkload.of(STATEFUL_SET, "staging", "redis")
                        .app("storefront", "cache")
                        .image("docker.io/library/redis:7.4.1", 6379)
                        .storage("4Gi", "fast-ssd")
                        .pods(PENDING)
                        .pending("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. "
                                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
                        .age(Duration.ofHours(26)),
                DemoWorkload.of(JOB, "staging", "load-test")
                        .app("storefront", "batch")
                        .image("docker.io/grafana/k6:0.54.0", null)
                        .resources("500m", "256Mi", "1", "512Mi")
                        .command("k6", "run", "--vus=50", "--duration=30m", "/scripts/checkout.js")
                        .age(Duration.ofMinutes(12)),
                // default
                DemoWorkload.of(DEPLOYMENT, "default", "hello")
                        .app("demo", "frontend")
                        .image("docker.io/library/nginx:1.27.2", 80)
                        .age(Duration.ofDays(92)),
                DemoWorkload.of(CRON_JOB, "default", "cleanup-tmp")
                        .app("demo", "batch")
                        .image("docker.io/library/busybox:1.37.0", null)
                        .command("/bin/sh", "-c", "find /tmp -mtime +7 -delete")
                        .schedule("*/30 * * * *", true)
                        .pods()
                        .age(Duration.ofDays(50)));
    }
}
