package dev.cloudops.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer: kubectl listing the matching pods of every cluster, one cluster after another, as an operator's
 * {@code for k in *.kubeconfig; do kubectl --kubeconfig $k get …; done} would. Uses {@code get --raw} because
 * kubectl's discovery fails against the mock API server.
 */
public final class KubectlFanOut {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One fan-out: its wall time and the pods each cluster returned, in cluster order. */
    public record Round(long nanos, List<Integer> itemsPerCluster) {
        public double millis() {
            return nanos / 1e6;
        }

        public int total() {
            return itemsPerCluster.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Path kubectl;
    private final Path errors;

    /**
     * @param kubectl the kubectl binary
     * @param errors where each call's stderr goes (overwritten per call)
     */
    public KubectlFanOut(Path kubectl, Path errors) {
        this.kubectl = kubectl;
        this.errors = errors;
    }

    /** The request path kubectl is asked for. */
    public static String rawPath(String labelSelector) {
        return "/api/v1/pods?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    }

    /** The command line of one call. */
    public List<String> command(Path kubeconfig, String labelSelector) {
        return List.of(
                kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "get", "--raw", rawPath(labelSelector));
    }

    /**
     * Runs kubectl once per kubeconfig, sequentially, timing the whole fan-out (process start to the last exit,
     * output read); the responses are parsed and counted after the clock stops.
     */
    public Round run(List<Path> kubeconfigs, String labelSelector) throws IOException, InterruptedException {
        List<byte[]> outputs = new ArrayList<>(kubeconfigs.size());
        long start = System.nanoTime();
        for (Path kubeconfig : kubeconfigs) {
            Process p = new ProcessBuilder(command(kubeconfig, labelSelector))
                    .redirectError(errors.toFile())
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl failed against " + kubeconfig + ": "
                        + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            outputs.add(out);
        }
        long nanos = System.nanoTime() - start;
        List<Integer> items = new ArrayList<>(outputs.size());
        for (byte[] out : outputs) {
            items.add(JSON.readTree(out).path("items").size());
        }
        return new Round(nanos, items);
    }

    /** The first line of {@code kubectl version --client}. */
    public String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl.toString(), "version", "--client")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("unknown").strip();
    }
}
