package dev.cloudops.bench;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cloudops.resource.ObjectNormalizer;
import dev.cloudops.versions.VersionDiff;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times the diff of two versions of a 5,000-line manifest bundle: CloudOps' diff (the code the versions diff
 * endpoint runs on two stored versions: unified text, RFC 6902 JSON Patch and summary) against GNU
 * {@code diff -u} on the same two files, in the same run, turn and turn about.
 *
 * <p>Before timing, both answers are checked: GNU {@code patch} applies our unified diff to a.yaml and must give
 * b.yaml byte for byte, and our JSON Patch applied to the older version's JSON must give the newer one.
 *
 * <p>Options ({@code --name=value}): {@code lines} (default 5000), {@code runs} timed runs per series (50),
 * {@code warmup} untimed runs (30), {@code change-percent} share of applications revised (10), {@code diff} and
 * {@code patch} (the GNU tools, found on the PATH), {@code work-dir} (a temporary directory), {@code results}
 * (append the Markdown section to this file; empty: print only).
 */
public final class VersionDiffBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SEED = 20261124L;

    private final Map<String, String> options;

    VersionDiffBenchmark(Map<String, String> options) {
        this.options = Map.copyOf(options);
    }

    public static void main(String[] args) throws Exception {
        DiffReport report = new VersionDiffBenchmark(parse(args)).run();
        System.out.println(report.markdown());
    }

    static Map<String, String> parse(String[] args) {
        Set<String> known = Set.of("lines", "runs", "warmup", "change-percent", "diff", "patch", "work-dir", "results");
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !known.contains(arg.substring(2, eq))) {
                throw new IllegalArgumentException(
                        "unknown option " + arg + "; known: --" + String.join("=, --", known) + "=");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private int intOption(String name, int defaultValue) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : defaultValue;
    }

    /** Two versions in stable form, as the versions store keeps them. */
    record Versions(VersionDiff.Side older, VersionDiff.Side newer) {}

    /** Bundles of growing size until the older version's stable YAML has at least {@code lines} lines. */
    static Versions versions(int lines, double changePercent) {
        int apps = Math.max(1, lines / 100);
        while (true) {
            Map<String, Object> bundle = ManifestBundle.bundle(SEED, apps);
            ObjectNormalizer.Normalized a = ObjectNormalizer.normalize(bundle);
            if (a.yaml().lines().count() >= lines) {
                ObjectNormalizer.Normalized b =
                        ObjectNormalizer.normalize(ManifestBundle.revise(bundle, SEED + 1, changePercent));
                return new Versions(
                        new VersionDiff.Side("a.yaml", a.yaml(), VersionDiff.json(a.content())),
                        new VersionDiff.Side("b.yaml", b.yaml(), VersionDiff.json(b.content())));
            }
            apps++;
        }
    }

    DiffReport run() throws IOException, InterruptedException {
        String started = Instant.now().toString();
        int lines = intOption("lines", 5000);
        int runs = intOption("runs", 50);
        int warmup = intOption("warmup", 30);
        double changePercent = Double.parseDouble(options.getOrDefault("change-percent", "10"));
        String diff = options.getOrDefault("diff", "diff");
        String patch = options.getOrDefault("patch", "patch");
        Path dir = options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("version-diff");

        Versions v = versions(lines, changePercent);
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, v.older().yaml());
        Files.writeString(b, v.newer().yaml());

        VersionDiff.Result ours = VersionDiff.compute(v.older(), v.newer());
        check(ours, v, dir, patch);
        String gnuOut = new String(exec(List.of(diff, "-u", a.toString(), b.toString())), StandardCharsets.UTF_8);
        int[] gnuCounts = counts(gnuOut);

        List<String> command = List.of(diff, "-u", a.toString(), b.toString());
        List<String> floor = List.of("true");
        for (int i = 0; i < warmup; i++) {
            VersionDiff.compute(v.older(), v.newer());
            unifiedOnly(v);
            patchOnly(v);
            exec(command);
            exec(floor);
        }
        List<Double> oursTimes = new ArrayList<>();
        List<Double> gnuTimes = new ArrayList<>();
        List<Double> unifiedTimes = new ArrayList<>();
        List<Double> patchTimes = new ArrayList<>();
        List<Double> spawnTimes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            gnuTimes.add(time(() -> exec(command)));
            oursTimes.add(time(() -> VersionDiff.compute(v.older(), v.newer())));
            unifiedTimes.add(time(() -> unifiedOnly(v)));
            patchTimes.add(time(() -> patchOnly(v)));
            spawnTimes.add(time(() -> exec(floor)));
        }
        DiffReport report = new DiffReport(
                started,
                machine(diff),
                (int) v.older().yaml().lines().count(),
                (int) v.newer().yaml().lines().count(),
                v.older().yaml().getBytes(StandardCharsets.UTF_8).length,
                ours.linesAdded(),
                ours.linesRemoved(),
                gnuCounts[0],
                gnuCounts[1],
                ours.patch().size(),
                ours.summary(),
                Percentiles.of(oursTimes),
                Percentiles.of(gnuTimes),
                Percentiles.of(unifiedTimes),
                Percentiles.of(patchTimes),
                Percentiles.of(spawnTimes));
        String results = options.getOrDefault("results", "");
        if (!results.isEmpty()) {
            Files.writeString(
                    Path.of(results), report.markdown(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return report;
    }

    /**
     * GNU patch must turn a.yaml into b.yaml with our unified diff, and our JSON Patch must turn the older content
     * into the newer; a wrong diff fails the run before anything is timed.
     */
    static void check(VersionDiff.Result ours, Versions v, Path dir, String patch)
            throws IOException, InterruptedException {
        Path diffFile = dir.resolve("ours.diff");
        Path patched = dir.resolve("patched.yaml");
        Files.writeString(diffFile, ours.unified());
        Process p = new ProcessBuilder(
                        patch,
                        "--quiet",
                        "-o",
                        patched.toString(),
                        dir.resolve("a.yaml").toString(),
                        diffFile.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.readString(patched).equals(v.newer().yaml())) {
            throw new IllegalStateException("GNU patch did not turn a.yaml into b.yaml with our diff: " + out);
        }
        JsonNode applied = JsonPatch.apply(ours.patch(), JSON.readTree(v.older().json()));
        if (!applied.equals(JSON.readTree(v.newer().json()))) {
            throw new IllegalStateException("our JSON Patch does not turn the older version into the newer");
        }
    }

    /** Lines added and removed by a unified diff (headers excluded). */
    static int[] counts(String unified) {
        int added = 0;
        int removed = 0;
        for (String line : unified.split("\n")) {
            if (line.startsWith("+") && !line.startsWith("+++ ")) {
                added++;
            } else if (line.startsWith("-") && !line.startsWith("--- ")) {
                removed++;
            }
        }
        return new int[] {added, removed};
    }

    private static Object unifiedOnly(Versions v) {
        List<String> before = Arrays.asList(v.older().yaml().split("\n"));
        List<String> after = Arrays.asList(v.newer().yaml().split("\n"));
        var lines = DiffUtils.diff(before, after);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a.yaml", "b.yaml", before, lines, 3));
    }

    private static Object patchOnly(Versions v) {
        return JsonDiff.asJson(
                JSON.readTree(v.older().json()),
                JSON.readTree(v.newer().json()),
                DiffFlags.dontNormalizeOpIntoMoveAndCopy());
    }

    /** Runs a command to its end, reading all its output; answers the output. */
    static byte[] exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            int code = p.waitFor();
            if (code > 1) { // diff: 0 same, 1 different, 2 trouble
                throw new IllegalStateException(
                        command + " exited " + code + ": " + new String(out, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double time(Supplier<Object> work) {
        long start = System.nanoTime();
        Object result = work.get();
        long took = System.nanoTime() - start;
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return took / 1e6;
    }

    private static String machine(String diff) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "unknown";
        }
        String version = new String(exec(List.of(diff, "--version")), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("diff");
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + ", Java "
                + System.getProperty("java.version") + ", " + version + ", load " + load;
    }
}
