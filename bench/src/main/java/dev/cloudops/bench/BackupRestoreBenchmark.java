package dev.cloudops.bench;

import dev.cloudops.demo.FaithfulDispatcher;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end benchmark of backups: a fabric8 mock API server (CRUD, http, in this JVM, with the platform's
 * discovery and dry-run fidelity) is seeded with {@code objects} objects across {@code namespaces} namespaces
 * (config maps, secrets, services and deployments); the CloudOps server (a child process from its executable jar)
 * backs them up, previews a restore into an empty second mock (dry run), restores into it, and previews again
 * against the now full target. As the floor any tool has to pay, the bench JVM also lists the same objects and
 * creates them in a third mock directly with the fabric8 client.
 *
 * <p>Options ({@code --name=value}): {@code server-jar} (required), {@code objects} (10000), {@code namespaces}
 * (20), {@code server-heap} (512m), {@code rps} (the server's per-cluster rate limit,
 * {@code cloudops.clusters.requests-per-second}, 100000: the mock is local), {@code results} (RESULTS.md to append
 * to; none when empty), {@code work-dir} (a new temporary directory).
 */
public final class BackupRestoreBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private static final String PASSWORD = "bench-admin-password-1";
    private static final String[] KINDS = {"configmaps", "secrets", "services", "deployments"};

    private final Map<String, String> options;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI base;
    private String token;

    private BackupRestoreBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<String, String> options = new HashMap<>(
                Map.of("objects", "10000", "namespaces", "20", "server-heap", "512m", "rps", "100000", "results", ""));
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        if (!options.containsKey("server-jar")) {
            throw new IllegalArgumentException("--server-jar is required");
        }
        String report = new BackupRestoreBenchmark(options).run();
        System.out.println(report);
        String results = options.get("results");
        if (!results.isEmpty()) {
            Files.writeString(Path.of(results), "\n" + report, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private String run() throws Exception {
        int objects = Integer.parseInt(options.get("objects"));
        int namespaces = Integer.parseInt(options.get("namespaces"));
        Path work = options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("cloudops-backup-bench");
        double load = loadAverage();
        KubernetesMockServer source = mock();
        KubernetesMockServer target = mock();
        KubernetesMockServer floor = mock();
        try (KubernetesClient sourceClient = client(source);
                KubernetesClient targetClient = client(target);
                KubernetesClient floorClient = client(floor)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < namespaces; i++) {
                names.add(String.format(Locale.ROOT, "team-%02d", i));
            }
            long seedStart = System.nanoTime();
            List<HasMetadata> seeded = objects(names, objects);
            create(sourceClient, names, seeded);
            double seedSeconds = seconds(seedStart);
            log("seeded %d objects in %d namespaces in %.1f s", seeded.size(), names.size(), seedSeconds);

            long listStart = System.nanoTime();
            int listed = listAll(sourceClient, names);
            double floorList = seconds(listStart);
            long createStart = System.nanoTime();
            create(floorClient, names, seeded);
            double floorCreate = seconds(createStart);
            log("floor: listed %d objects in %.2f s, created them in %.2f s", listed, floorList, floorCreate);

            List<String> jvm = List.of(
                    "-Xmx" + options.get("server-heap"),
                    "-XX:+UseG1GC",
                    "-Dcloudops.clusters.requests-per-second=" + options.get("rps"));
            try (CloudOpsServer server =
                    CloudOpsServer.start(Path.of(options.get("server-jar")), work, jvm, PASSWORD)) {
                base = URI.create(baseOf(server));
                token = login();
                long sourceId = server.registerCluster("backup-source", kubeconfig(source));
                long targetId = server.registerCluster("backup-target", kubeconfig(target));
                Map<String, Object> definition =
                        Map.of("name", "bench", "clusterId", sourceId, "scope", Map.of("namespaces", names));
                long definitionId = post("/api/k8s/backups/definitions", definition)
                        .path("id")
                        .asLong();

                Timed backup = job("/api/k8s/backups/definitions/" + definitionId + "/run", Map.of());
                long backupId = backup.job().path("subjectId").asLong();
                JsonNode record = get("/api/k8s/backups/" + backupId);
                int backedUp = record.path("objectCount").asInt();
                log("backup %d: %d objects in %.2f s", backupId, backedUp, backup.seconds());

                Timed preview = job(
                        "/api/k8s/backups/" + backupId + "/restore",
                        Map.of("targetClusterId", targetId, "dryRun", true));
                log(
                        "restore preview into the empty target: %.2f s %s",
                        preview.seconds(), preview.job().path("result"));
                Timed restore = job("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId));
                int restored = listAll(targetClient, names);
                log("restore: %.2f s, %d objects in the target", restore.seconds(), restored);
                Timed again = job(
                        "/api/k8s/backups/" + backupId + "/restore",
                        Map.of("targetClusterId", targetId, "dryRun", true, "existing", "UPDATE"));
                log(
                        "restore preview into the full target: %.2f s %s",
                        again.seconds(), again.job().path("result"));
                Timed verify = job("/api/k8s/backups/" + backupId + "/verify", Map.of());

                return report(new Figures(
                        seeded.size() + names.size(),
                        names.size(),
                        backedUp,
                        record,
                        backup,
                        preview,
                        restore,
                        restored,
                        again,
                        verify,
                        floorList,
                        floorCreate,
                        load,
                        loadAverage()));
            }
        } finally {
            source.destroy();
            target.destroy();
            floor.destroy();
        }
    }

    private record Timed(JsonNode job, double seconds) {}

    private record Figures(
            int seeded,
            int namespaces,
            int backedUp,
            JsonNode backup,
            Timed backupJob,
            Timed preview,
            Timed restore,
            int restored,
            Timed previewFull,
            Timed verify,
            double floorList,
            double floorCreate,
            double loadBefore,
            double loadAfter) {}

    private String report(Figures f) {
        long archive = f.backup().path("archiveBytes").asLong();
        long content = f.backup().path("contentBytes").asLong();
        StringBuilder md = new StringBuilder();
        md.append("## Backup and restore: ")
                .append(String.format(Locale.ROOT, "%,d", f.backedUp()))
                .append(" objects, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "- Machine: %d CPUs, Java %s; load average %.2f at the start, %.2f at the end%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                f.loadBefore(),
                f.loadAfter()));
        md.append("- Server: `java -Xmx")
                .append(options.get("server-heap"))
                .append(" -XX:+UseG1GC -Dcloudops.clusters.requests-per-second=")
                .append(options.get("rps"))
                .append(
                        " -jar cloudops-server-…-exec.jar` (H2); the per-cluster rate limit is raised from its default of"
                                + " 50 because the API servers are local mocks\n");
        md.append(String.format(
                Locale.ROOT,
                "- Data: %,d objects in a fabric8 mock API server (CRUD, http, in the bench JVM): %d namespaces, each with"
                        + " config maps, secrets, services and deployments in equal shares (plus the Namespace objects)%n",
                f.seeded(),
                f.namespaces()));
        md.append("- Backup: definition of the ")
                .append(f.namespaces())
                .append(
                        " namespaces, platform-key encryption; restore into an empty second mock, then a preview"
                                + " against the full one; the floor is the bench JVM listing the same objects (`limit=500` pages)"
                                + " and creating them in a third mock with the fabric8 client, one request each, 4 threads\n\n");
        md.append("| Step | Objects | Seconds | Objects/s |\n|---|---:|---:|---:|\n");
        row(
                md,
                "backup (`POST …/definitions/{id}/run`, job to SUCCEEDED)",
                f.backedUp(),
                f.backupJob().seconds());
        row(
                md,
                "restore dry-run preview into the empty target",
                count(f.preview()),
                f.preview().seconds());
        row(
                md,
                "restore into the empty target (`POST …/{id}/restore`)",
                count(f.restore()),
                f.restore().seconds());
        row(
                md,
                "restore dry-run preview into the full target (`existing: UPDATE`)",
                count(f.previewFull()),
                f.previewFull().seconds());
        row(
                md,
                "verify (decrypt, SHA-256 of the files and of every object, parse)",
                f.backedUp(),
                f.verify().seconds());
        row(md, "floor: bench JVM lists the objects directly", f.backedUp(), f.floorList());
        row(md, "floor: bench JVM creates the objects directly", f.backedUp(), f.floorCreate());
        md.append(String.format(
                Locale.ROOT,
                "%n- Archive: **%,d bytes** encrypted (%.1f bytes per object), from %,d bytes of normalised YAML (%.1f %%)%n",
                archive,
                archive / (double) Math.max(1, f.backedUp()),
                content,
                100.0 * archive / Math.max(1, content)));
        md.append("- Restore outcomes: preview ")
                .append(f.preview().job().path("result").path("outcomes"))
                .append(", restore ")
                .append(f.restore().job().path("result").path("outcomes"))
                .append(", preview against the full target ")
                .append(f.previewFull().job().path("result").path("outcomes"))
                .append("; objects in the target afterwards: ")
                .append(f.restored())
                .append('\n');
        md.append("- Ratio, restore time / floor create time: ")
                .append(String.format(Locale.ROOT, "%.2f", f.restore().seconds() / f.floorCreate()))
                .append(
                        " (the restore dry-runs each object on the API server before writing it, and reads it first)\n\n");
        boolean fast = f.preview().seconds() < 10;
        md.append("| Target | Measured | Met |\n|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| restore dry-run of %,d objects under 10 s | %.2f s | %s |%n",
                count(f.preview()),
                f.preview().seconds(),
                fast ? "yes" : "**no**"));
        md.append(String.format(
                Locale.ROOT,
                "| backup restored into an empty cluster recreates every object | %,d of %,d | %s |%n",
                f.restored(),
                f.backedUp(),
                f.restored() == f.backedUp() ? "yes" : "**no**"));
        return md.toString();
    }

    private static int count(Timed t) {
        int n = 0;
        for (JsonNode v : t.job().path("result").path("outcomes")) {
            n += v.asInt();
        }
        return n;
    }

    private static void row(StringBuilder md, String step, int objects, double seconds) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %.2f | %,.0f |%n",
                step,
                objects,
                seconds,
                objects / Math.max(seconds, 1e-9)));
    }

    /** Starts a job and waits for it; fails unless it SUCCEEDED. */
    private Timed job(String path, Object body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long id = post(path, body).path("id").asLong();
        while (true) {
            JsonNode job = get("/api/k8s/backups/jobs/" + id);
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED")) {
                return new Timed(job, seconds(start));
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                throw new IllegalStateException("job " + id + " ended " + status + ": " + job);
            }
            Thread.sleep(50);
        }
    }

    private static List<HasMetadata> objects(List<String> namespaces, int total) {
        List<HasMetadata> out = new ArrayList<>();
        int perNamespace = Math.max(KINDS.length, (total - namespaces.size()) / namespaces.size());
        for (String ns : namespaces) {
            for (int i = 0; i < perNamespace; i++) {
                String kind = KINDS[i % KINDS.length];
                String name = kind.substring(0, kind.length() - 1) + "-" + i;
                Map<String, String> labels = Map.of("app", "app-" + (i / KINDS.length), "team", ns);
                out.add(
                        switch (kind) {
                            case "configmaps" ->
                                new ConfigMapBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .withNamespace(ns)
                                        .withLabels(labels)
                                        .endMetadata()
                                        .addToData("application.properties", "server.port=8080\nfeature.x=" + i + "\n")
                                        .addToData("mode", i % 2 == 0 ? "fast" : "safe")
                                        .build();
                            case "secrets" ->
                                new SecretBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .withNamespace(ns)
                                        .withLabels(labels)
                                        .endMetadata()
                                        .addToStringData("password", "p-" + Integer.toHexString(ns.hashCode() * 31 + i))
                                        .build();
                            case "services" ->
                                new ServiceBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .withNamespace(ns)
                                        .withLabels(labels)
                                        .endMetadata()
                                        .withNewSpec()
                                        .addToSelector(labels)
                                        .addNewPort()
                                        .withPort(80)
                                        .endPort()
                                        .endSpec()
                                        .build();
                            default ->
                                new DeploymentBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .withNamespace(ns)
                                        .withLabels(labels)
                                        .endMetadata()
                                        .withNewSpec()
                                        .withReplicas(2)
                                        .withNewSelector()
                                        .addToMatchLabels(labels)
                                        .endSelector()
                                        .withNewTemplate()
                                        .withNewMetadata()
                                        .addToLabels(labels)
                                        .endMetadata()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("app")
                                        .withImage("registry.example.com/app:" + i)
                                        .addNewPort()
                                        .withContainerPort(8080)
                                        .endPort()
                                        .withNewResources()
                                        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                                        .endResources()
                                        .endContainer()
                                        .endSpec()
                                        .endTemplate()
                                        .endSpec()
                                        .build();
                        });
            }
        }
        return out;
    }

    private static void create(KubernetesClient client, List<String> namespaces, List<HasMetadata> objects)
            throws Exception {
        for (String ns : namespaces) {
            client.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int slices = 4;
            for (int s = 0; s < slices; s++) {
                int slice = s;
                futures.add(pool.submit(() -> {
                    for (int i = slice; i < objects.size(); i += slices) {
                        client.resource(objects.get(i)).create();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int listAll(KubernetesClient client, List<String> namespaces) {
        int n = client.namespaces().list().getItems().size();
        var options = new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                .withLimit(500L)
                .build();
        for (String ns : namespaces) {
            n += client.configMaps().inNamespace(ns).list(options).getItems().size();
            n += client.secrets().inNamespace(ns).list(options).getItems().size();
            n += client.services().inNamespace(ns).list(options).getItems().size();
            n += client.apps()
                    .deployments()
                    .inNamespace(ns)
                    .list(options)
                    .getItems()
                    .size();
        }
        return n;
    }

    /** A client with generous timeouts: this machine may be busy with other builds. */
    private static KubernetesClient client(KubernetesMockServer server) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + server.getPort())
                        .withRequestTimeout(120_000)
                        .withConnectionTimeout(30_000)
                        .build())
                .build();
    }

    private static KubernetesMockServer mock() {
        var dispatcher = new FaithfulDispatcher(new HashMap<>());
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    private static String kubeconfig(KubernetesMockServer server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: http://127.0.0.1:PORT
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: bench
                current-context: mock
                users:
                - name: bench
                  user:
                    token: bench-token
                """.replace("PORT", Integer.toString(server.getPort()));
    }

    private static String baseOf(CloudOpsServer server) throws IOException {
        String log = Files.readString(server.log(), StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("Tomcat started on port (\\d+)").matcher(log);
        if (!m.find()) {
            throw new IllegalStateException("no port in " + server.log());
        }
        return "http://127.0.0.1:" + m.group(1);
    }

    private String login() throws IOException, InterruptedException {
        return post("/api/auth/login", Map.of("username", "admin", "password", PASSWORD))
                .path("token")
                .asText();
    }

    private JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(b);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(5))
                .GET());
    }

    private JsonNode send(HttpRequest.Builder b) throws IOException, InterruptedException {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
