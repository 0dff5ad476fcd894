package dev.cloudops.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * End-to-end benchmark of file transfers through CloudOps: a 1 GiB file downloaded as it is, the directory holding it
 * downloaded as a tar stream, and a 1 GiB tar stream uploaded into the container, each checked byte for byte
 * (SHA-256) while the server's heap is sampled. Peers in the same run: the same file read through the exec
 * subresource straight from this JVM with the fabric8 client ({@code file().read()}, the floor of any exec-based
 * copy), and {@code kubectl cp} when kubectl can speak to the mock.
 *
 * <p>Options ({@code --name=value}): {@code server-jar} (required), {@code size-mb} (1024), {@code server-heap}
 * (256m), {@code kubectl} (/usr/bin/kubectl), {@code results} (RESULTS.md to append to; none when empty), {@code
 * work-dir} (a new temporary directory).
 */
public final class FileTransferBenchmark {

    private static final int BLOCK = 1 << 20;
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final Map<String, String> options;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FileTransferBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? "" : arg.substring(2, eq);
            if (!arg.startsWith("--")
                    || !List.of("server-jar", "size-mb", "server-heap", "kubectl", "results", "work-dir")
                            .contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            options.put(name, arg.substring(eq + 1));
        }
        if (!options.containsKey("server-jar")) {
            throw new IllegalArgumentException("--server-jar=<cloudops-server-…-exec.jar> is required");
        }
        System.out.println(new FileTransferBenchmark(options).run());
    }

    /** One measured transfer. */
    record Transfer(String what, long bytes, double seconds, HeapWatch.Figures heap) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private String run() throws Exception {
        long size = Long.parseLong(options.getOrDefault("size-mb", "1024")) << 20;
        String heap = options.getOrDefault("server-heap", "256m");
        Path work = options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("file-bench");
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = FleetListBenchmark.loadAverage();
        Path dir = Files.createDirectories(work.resolve("container/data"));
        Path file = dir.resolve("big.bin");
        String sha = writeData(file, size);
        log("work directory %s; %,d bytes in %s, sha256 %s", work, size, file, sha);
        Path gcLog = work.resolve("gc.log");
        List<String> jvm =
                List.of("-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog);
        List<Transfer> transfers = new ArrayList<>();
        Transfer direct;
        String kubectl;
        Map<String, Long> requests;
        try (ExecMockCluster mock = ExecMockCluster.start();
                CloudOpsServer server = CloudOpsServer.start(
                        Path.of(options.get("server-jar")), work, jvm, FleetListBenchmark.password())) {
            Path kubeconfig = Kubeconfigs.write(work, "files", mock.url(), "bench-token-files");
            long id = server.registerCluster("files", Files.readString(kubeconfig, StandardCharsets.UTF_8));
            String files = "/api/k8s/containers/" + id + "/" + ExecMockCluster.NAMESPACE + "/" + ExecMockCluster.POD
                    + "/" + ExecMockCluster.CONTAINER + "/files";
            log("mock API server %s, server pid %d (-Xmx%s), log %s", mock.url(), server.pid(), heap, server.log());

            transfers.add(download(
                    server,
                    mock,
                    gcLog,
                    "download of the file (`GET …/files/download?path=…/big.bin`)",
                    files + "/download?path=" + enc(file.toString()),
                    size,
                    sha,
                    false));
            transfers.add(download(
                    server,
                    mock,
                    gcLog,
                    "download of its directory as tar (`GET …/files/download?path=…/data`)",
                    files + "/download?path=" + enc(dir.toString()),
                    size,
                    sha,
                    true));
            Path up = Files.createDirectories(work.resolve("container/upload"));
            transfers.add(upload(server, gcLog, files + "/upload?path=" + enc(up.toString()), size, sha, up));
            requests = mock.requests();
            direct = direct(mock, file, size, sha);
            kubectl = kubectlCp(
                    Path.of(options.getOrDefault("kubectl", "/usr/bin/kubectl")),
                    kubeconfig,
                    file,
                    work,
                    mock,
                    size,
                    sha);
            if (server.outOfMemory() || !server.isAlive()) {
                throw new IllegalStateException("the server ran out of memory; see " + server.log());
            }
        }
        String report = report(started, loadBefore, jvm, gcLog, size, transfers, direct, kubectl, requests);
        String results = options.getOrDefault("results", "");
        if (!results.isEmpty()) {
            Files.writeString(
                    Path.of(results),
                    report,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            log("appended to %s", results);
        }
        return report;
    }

    private Transfer download(
            CloudOpsServer server,
            ExecMockCluster mock,
            Path gcLog,
            String what,
            String path,
            long size,
            String sha,
            boolean tar)
            throws Exception {
        AtomicLong received = new AtomicLong();
        mock.paceBy(received::get);
        HeapWatch watch = new HeapWatch(server, gcLog);
        long start = System.nanoTime();
        HttpResponse<InputStream> r = http.send(
                server.request(path).timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String got;
        try (InputStream in = new CountingStream(r.body(), received)) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(what + " answered HTTP " + r.statusCode() + ": "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            got = tar ? tarEntrySha(in, "data/big.bin", size) : sha(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HeapWatch.Figures heap = watch.finish();
        if (!got.equals(sha)) {
            throw new IllegalStateException(what + ": sha256 " + got + ", expected " + sha);
        }
        Transfer t = new Transfer(what, received.get(), seconds, heap);
        log("%s: %,d bytes in %.1f s (%.0f MB/s); heap %s", what, t.bytes(), seconds, t.mbPerSecond(), heap.describe());
        return t;
    }

    private Transfer upload(CloudOpsServer server, Path gcLog, String path, long size, String sha, Path up)
            throws Exception {
        String what = "upload of a tar stream holding the file (`POST …/files/upload`, `application/x-tar`)";
        AtomicLong sent = new AtomicLong();
        HeapWatch watch = new HeapWatch(server, gcLog);
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(
                server.request(path)
                        .timeout(Duration.ofMinutes(30))
                        .header("Content-Type", "application/x-tar")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> tarStream(size, sent)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        HeapWatch.Figures heap = watch.finish();
        if (r.statusCode() != 201) {
            throw new IllegalStateException(what + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        Path landed = up.resolve("big.bin");
        String got;
        try (InputStream in = Files.newInputStream(landed)) {
            got = sha(in);
        }
        if (!got.equals(sha) || Files.size(landed) != size) {
            throw new IllegalStateException(what + ": the uploaded file's sha256 is " + got + ", expected " + sha);
        }
        Transfer t = new Transfer(what, sent.get(), seconds, heap);
        log("%s: %,d bytes in %.1f s (%.0f MB/s); heap %s", what, t.bytes(), seconds, t.mbPerSecond(), heap.describe());
        return t;
    }

    /** The same file read through exec by the fabric8 client of this JVM: the exec channel's own share. */
    private static Transfer direct(ExecMockCluster mock, Path file, long size, String sha) throws Exception {
        AtomicLong received = new AtomicLong();
        mock.paceBy(received::get);
        long start = System.nanoTime();
        String got;
        try (KubernetesClient client = mock.client();
                InputStream in = new CountingStream(
                        client.pods()
                                .inNamespace(ExecMockCluster.NAMESPACE)
                                .withName(ExecMockCluster.POD)
                                .inContainer(ExecMockCluster.CONTAINER)
                                .file(file.toString())
                                .read(),
                        received)) {
            got = sha(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!got.equals(sha) || received.get() != size) {
            throw new IllegalStateException("fabric8 read " + received.get() + " bytes with sha256 " + got);
        }
        log("fabric8 file().read() straight from the bench JVM: %.1f s", seconds);
        return new Transfer("fabric8 `file().read()` from the bench JVM", size, seconds, null);
    }

    /** {@code kubectl cp} of the file, or why it could not run against the mock. */
    private static String kubectlCp(
            Path kubectl, Path kubeconfig, Path file, Path work, ExecMockCluster mock, long size, String sha)
            throws Exception {
        if (!Files.isExecutable(kubectl)) {
            return "not run: no kubectl at " + kubectl;
        }
        Path target = work.resolve("kubectl-copy.bin");
        AtomicLong received = new AtomicLong();
        mock.paceBy(() -> Long.MAX_VALUE);
        List<String> command = List.of(
                kubectl.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "cp",
                "-c",
                ExecMockCluster.CONTAINER,
                ExecMockCluster.NAMESPACE + "/" + ExecMockCluster.POD + ":" + file,
                target.toString());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!ended || p.exitValue() != 0 || !Files.exists(target) || Files.size(target) != size) {
            p.destroyForcibly();
            String why = new String(out, StandardCharsets.UTF_8)
                    .strip()
                    .lines()
                    .reduce((a, b) -> b)
                    .orElse("");
            return "failed against the mock (exit " + (ended ? p.exitValue() : "timeout") + "): " + why;
        }
        String got;
        try (InputStream in = Files.newInputStream(target)) {
            got = sha(in);
        }
        Files.delete(target);
        received.set(size);
        return got.equals(sha)
                ? String.format(Locale.ROOT, "%.1f s (%.0f MB/s)", seconds, size / 1e6 / seconds)
                : "copied a different file (sha256 " + got + ")";
    }

    /** A tar stream of one entry {@code big.bin} with the benchmark's data, written as it is read. */
    private static InputStream tarStream(long size, AtomicLong sent) {
        try {
            PipedInputStream in = new PipedInputStream(BLOCK);
            PipedOutputStream pipe = new PipedOutputStream(in);
            Thread writer = new Thread(
                    () -> {
                        try (OutputStream counted = new CountingOutput(pipe, sent);
                                TarArchiveOutputStream tar = new TarArchiveOutputStream(counted)) {
                            TarArchiveEntry entry = new TarArchiveEntry("big.bin");
                            entry.setSize(size);
                            entry.setMode(0100644);
                            tar.putArchiveEntry(entry);
                            byte[] block = block();
                            for (long left = size; left > 0; left -= block.length) {
                                tar.write(block, 0, (int) Math.min(block.length, left));
                            }
                            tar.closeArchiveEntry();
                            tar.finish();
                        } catch (IOException e) {
                            System.err.println("[bench] tar writer: " + e);
                        }
                    },
                    "tar-writer");
            writer.setDaemon(true);
            writer.start();
            return in;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String writeData(Path file, long size) throws IOException {
        MessageDigest digest = sha256();
        byte[] block = block();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** 1 MiB of random bytes, the same in every run: data no layer can compress. */
    private static byte[] block() {
        byte[] block = new byte[BLOCK];
        new SplittableRandom(42).nextBytes(block);
        return block;
    }

    private static String tarEntrySha(InputStream in, String name, long size) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(name) && entry.getSize() == size) {
                    String sha = sha(tar);
                    while (tar.getNextEntry() != null) {
                        // Read to the end of the archive.
                    }
                    in.transferTo(OutputStream.nullOutputStream());
                    return sha;
                }
            }
        }
        return "(no entry " + name + " of " + size + " bytes)";
    }

    private static String sha(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String report(
            String started,
            String loadBefore,
            List<String> jvm,
            Path gcLog,
            long size,
            List<Transfer> transfers,
            Transfer direct,
            String kubectl,
            Map<String, Long> requests) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT, "%n## File transfers: %,d MiB through the server, %s%n%n", size >> 20, started));
        md.append(String.format(
                Locale.ROOT,
                "- Machine: %d CPUs (%s %s), Java %s; load average %s at the start, %s at the end%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"),
                loadBefore,
                FleetListBenchmark.loadAverage()));
        md.append("- Server: `java ")
                .append(String.join(" ", jvm).replace("file=" + gcLog, "file=gc.log"))
                .append(" -jar cloudops-server-…-exec.jar`\n");
        md.append("- Cluster: a fabric8 mock API server (CRUD, http) in the bench JVM whose exec subresource runs real"
                + " processes (GNU tar, dash, coreutils) on this machine; pod `" + ExecMockCluster.NAMESPACE + "/"
                + ExecMockCluster.POD + "`. The mock's WebSocket has no backpressure, so each process's output is"
                + " paced to stay at most " + (ExecMockCluster.WINDOW >> 20) + " MiB ahead of what the benchmark's"
                + " client has received (the server sees its client's pace, as it would behind a kubelet)\n");
        md.append(String.format(
                Locale.ROOT,
                "- Data: %,d bytes (1 MiB of random bytes repeated), every transfer checked by SHA-256 at its far end%n",
                size));
        md.append("- Requests the mock received: ").append(requests).append("\n\n");
        md.append(
                "| Transfer | bytes on the wire | seconds | MB/s | heap growth (max during − before) | old gen growth |"
                        + " after full GC − before |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Transfer t : transfers) {
            HeapWatch.Figures h = t.heap();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f | %.0f | %.1f MB | %.1f MB | %.1f MB |%n",
                    t.what(),
                    t.bytes(),
                    t.seconds(),
                    t.mbPerSecond(),
                    h.growth(),
                    h.oldGrowth(),
                    h.afterGc() - h.before()));
        }
        md.append(String.format(
                Locale.ROOT,
                "| peer: %s | %,d | %.1f | %.0f | (not the server) | | |%n",
                direct.what(),
                direct.bytes(),
                direct.seconds(),
                direct.mbPerSecond()));
        md.append("\n- Peer `kubectl cp` of the same file: ").append(kubectl).append('\n');
        Transfer file = transfers.get(0);
        md.append(String.format(
                Locale.ROOT,
                "- Ratio, fabric8 direct read / CloudOps file download (time): **%.2f**%n",
                direct.seconds() / file.seconds()));
        for (Transfer t : transfers) {
            md.append("- Heap during ")
                    .append(t.what())
                    .append(": ")
                    .append(t.heap().describe())
                    .append('\n');
        }
        double worst =
                transfers.stream().mapToDouble(t -> t.heap().growth()).max().orElse(0);
        md.append(String.format(
                Locale.ROOT,
                "%n| Target | Measured | Met |%n|---|---|---|%n"
                        + "| transfers stream with bounded memory: heap growth ≤ 64 MB while 1 GiB moves, under a"
                        + " %s heap | %.1f MB at most | %s |%n",
                jvm.get(0).substring(4),
                worst,
                worst <= 64 ? "yes" : "**no**"));
        return md.toString();
    }

    /** Counts what is read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /** Counts what is written through it. */
    private static final class CountingOutput extends java.io.FilterOutputStream {
        private final AtomicLong count;

        CountingOutput(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
