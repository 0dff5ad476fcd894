package dev.cloudops.bench;

import java.util.Locale;

/**
 * The Markdown block one run of {@link VersionDiffBenchmark} appends to {@code bench/RESULTS.md}. Pure: every
 * figure is measured by the caller.
 *
 * @param started ISO timestamp of the run
 * @param machine CPUs, OS, Java and diff versions, load
 * @param lines lines of the older version's stable YAML (the newer one's follow)
 * @param linesAfter lines of the newer version's stable YAML
 * @param bytes size of the older version's YAML
 * @param oursAdded lines our unified diff adds; {@code oursRemoved} likewise
 * @param gnuAdded lines {@code diff -u} adds; {@code gnuRemoved} likewise
 * @param patchOps RFC 6902 operations of our structural diff
 * @param ours our whole diff as the diff endpoint computes it: unified text, JSON Patch, summary
 * @param gnu {@code diff -u a.yaml b.yaml}, a process started and its output read, per run
 * @param oursUnified our unified text diff alone
 * @param oursPatch our JSON Patch alone (parsing both JSON texts included)
 * @param spawn starting and waiting for {@code true}: the floor of any process-based peer
 */
public record DiffReport(
        String started,
        String machine,
        int lines,
        int linesAfter,
        long bytes,
        int oursAdded,
        int oursRemoved,
        int gnuAdded,
        int gnuRemoved,
        int patchOps,
        String summary,
        Percentiles ours,
        Percentiles gnu,
        Percentiles oursUnified,
        Percentiles oursPatch,
        Percentiles spawn) {

    public static final double TARGET_RATIO = 3.0;

    /** Our p50 as a multiple of {@code diff -u}'s p50: at most {@link #TARGET_RATIO}. */
    public double ratio() {
        return ours.p50() / gnu.p50();
    }

    /**
     * The same with the process start taken off {@code diff -u} (what diffing alone costs it), or NaN when the
     * floor measured is not below {@code diff -u}'s own time (a busy machine).
     */
    public double ratioWithoutSpawn() {
        double diffing = gnu.p50() - spawn.p50();
        return diffing > 0 ? ours.p50() / diffing : Double.NaN;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(f("\n## Version diff: %,d-line manifest bundle, %s\n\n", lines, started));
        md.append(f("Machine: %s\n\n", machine));
        md.append(f(
                "Two versions of a `v1 List` bundle in stable form (%,d and %,d lines, %,d bytes), written to a.yaml and"
                        + " b.yaml; both sides diff those files' text. Our unified diff +%d/-%d lines, `diff -u`"
                        + " +%d/-%d; %d JSON Patch operations. Summary: \"%s\"\n\n",
                lines, linesAfter, bytes, oursAdded, oursRemoved, gnuAdded, gnuRemoved, patchOps, summary));
        md.append("| series | n | p50 ms | p90 ms | min ms | max ms |\n|---|---|---|---|---|---|\n");
        row(md, "CloudOps diff (unified + JSON Patch + summary, in process)", ours);
        row(md, "GNU `diff -u a.yaml b.yaml` (process, output read)", gnu);
        row(md, "breakdown: CloudOps unified text only", oursUnified);
        row(md, "breakdown: CloudOps JSON Patch only", oursPatch);
        row(md, "breakdown: process start floor (`true`)", spawn);
        md.append(f(
                "\n**Ratio (CloudOps p50 / `diff -u` p50): %.2f×** — target ≤ %.0f×: %s. ",
                ratio(), TARGET_RATIO, ratio() <= TARGET_RATIO ? "met" : "NOT met"));
        md.append(
                Double.isNaN(ratioWithoutSpawn())
                        ? "Against `diff -u` less the process start floor: not meaningful in this run (the floor's p50"
                                + " was not below `diff -u`'s).\n"
                        : f("Against `diff -u` less the process start floor: %.2f×.\n", ratioWithoutSpawn()));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Percentiles p) {
        md.append(f("| %s | %d | %.2f | %.2f | %.2f | %.2f |\n", name, p.n(), p.p50(), p.p90(), p.min(), p.max()));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
