package dev.cloudops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the log-search benchmark: {@code kubectl … | grep -E <regex>} in a shell pipeline, its output read
 * to the end by this JVM and its lines counted. {@code kubectl logs} is used when it works against the mock;
 * otherwise {@code kubectl get --raw} of the log subresource.
 */
public final class KubectlLogs {

    /** One timed pipeline: wall time from start to the end of its output, and the lines grep printed. */
    public record Result(long nanos, long lines) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    private final Path kubectl;
    private final List<String> kubectlArgs;
    private final Path stderr;
    private final long expected;

    private KubectlLogs(Path kubectl, List<String> kubectlArgs, Path stderr, long expected) {
        this.kubectl = kubectl;
        this.kubectlArgs = List.copyOf(kubectlArgs);
        this.stderr = stderr;
        this.expected = expected;
    }

    /** {@code kubectl logs} if one untimed try returns {@code expected} lines, else {@code get --raw}. */
    public static KubectlLogs choose(Path kubectl, Path kubeconfig, Path work, long expected)
            throws IOException, InterruptedException {
        Path stderr = work.resolve("kubectl.stderr");
        KubectlLogs logs = new KubectlLogs(kubectl, logsArgs(kubeconfig), stderr, expected);
        try {
            logs.run();
            return logs;
        } catch (IllegalStateException e) {
            LogSearchBenchmark.log("kubectl logs did not work against the mock (%s); using get --raw", e.getMessage());
        }
        KubectlLogs raw = new KubectlLogs(kubectl, rawArgs(kubeconfig), stderr, expected);
        raw.run();
        return raw;
    }

    static List<String> logsArgs(Path kubeconfig) {
        return List.of(
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                kubeconfig.resolveSibling("kube-cache").toString(),
                "logs",
                "-n",
                LogApiServers.NAMESPACE,
                LogApiServers.POD,
                "-c",
                LogApiServers.CONTAINER);
    }

    static List<String> rawArgs(Path kubeconfig) {
        return List.of(
                "--kubeconfig",
                kubeconfig.toString(),
                "get",
                "--raw",
                "/api/v1/namespaces/" + LogApiServers.NAMESPACE + "/pods/" + LogApiServers.POD + "/log?container="
                        + LogApiServers.CONTAINER);
    }

    /** The pipeline as a shell would read it, with the kubeconfig's file name only. */
    public String display() {
        StringBuilder sb = new StringBuilder("kubectl");
        for (String a : kubectlArgs) {
            sb.append(' ');
            if (a.endsWith(".kubeconfig") || a.endsWith("kube-cache")) {
                sb.append(Path.of(a).getFileName());
            } else if (a.startsWith("/")) {
                sb.append('\'').append(a).append('\'');
            } else {
                sb.append(a);
            }
        }
        return sb.append(" | grep -E '").append(LogCorpus.REGEX).append('\'').toString();
    }

    /**
     * Runs the pipeline once ({@code bash -o pipefail}; the regex and the kubectl arguments passed as positional
     * parameters, never through the shell's parser) and fails unless grep printed the expected number of lines.
     */
    public Result run() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "re=\"$1\"; k=\"$2\"; shift 2; \"$k\" \"$@\" | grep -E -- \"$re\"",
                "bench",
                LogCorpus.REGEX,
                kubectl.toString()));
        command.addAll(kubectlArgs);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        LineCounter counter = new LineCounter("");
        try (InputStream in = p.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                counter.accept(buffer, n);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("kubectl pipeline did not finish");
        }
        long nanos = System.nanoTime() - start;
        if (p.exitValue() != 0 || counter.matching() != expected) {
            throw new IllegalStateException("kubectl pipeline exited " + p.exitValue() + " with " + counter.matching()
                    + " lines, expected " + expected + " (stderr in " + stderr + ")");
        }
        return new Result(nanos, counter.matching());
    }

    /** The first line of {@code kubectl version --client}, without its label. */
    public String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl.toString(), "version", "--client")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("unknown").replace("Client Version: ", "");
    }
}
