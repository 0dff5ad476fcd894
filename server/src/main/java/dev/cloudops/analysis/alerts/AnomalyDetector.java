package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.usage.Quantities;
import dev.cloudops.analysis.usage.Workload;
import dev.cloudops.platform.CloudOpsProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Keeps each workload's recent samples (its baseline) and says which conditions hold now against it: restarts or
 * warning events in the last interval far above the workload's usual rate, CPU or memory use far above its usual
 * level, and a replica count that keeps changing. A workload is only compared with itself, so a chronic crash loop
 * is not a spike every minute, and a busy database is not a usage jump.
 *
 * <p>Baselines live in memory: after a restart, or when another replica takes over the detector, they are rebuilt
 * over the first samples, during which usage jumps are not judged.
 */
public class AnomalyDetector {

    /** Changes smaller than these are never a usage jump, however quiet the workload was. */
    static final double MIN_CPU_JUMP = 0.05;

    static final double MIN_MEMORY_JUMP = 64 * Quantities.MIB;

    private final CloudOpsProperties.Alerts settings;
    private final Map<Long, Map<Workload, Deque<Sample>>> series = new HashMap<>();

    public AnomalyDetector(CloudOpsProperties.Alerts settings) {
        this.settings = settings;
    }

    /**
     * Adds one sample per workload of a cluster and answers the conditions that hold now. Workloads not in
     * {@code samples} are forgotten.
     */
    public synchronized List<Signal> observe(long clusterId, Map<Workload, Sample> samples) {
        Map<Workload, Deque<Sample>> cluster = series.computeIfAbsent(clusterId, id -> new HashMap<>());
        cluster.keySet().retainAll(samples.keySet());
        List<Signal> signals = new ArrayList<>();
        samples.forEach((workload, sample) -> {
            Deque<Sample> history = cluster.computeIfAbsent(workload, w -> new ArrayDeque<>());
            List<Sample> before = List.copyOf(history);
            judge(workload, before, sample, signals);
            history.addLast(sample);
            while (history.size() > settings.baselineSamples()) {
                history.removeFirst();
            }
        });
        return signals;
    }

    /** Forgets a cluster (removed from the registry). */
    public synchronized void forget(long clusterId) {
        series.remove(clusterId);
    }

    private void judge(Workload workload, List<Sample> before, Sample now, List<Signal> out) {
        if (before.isEmpty()) {
            return;
        }
        Sample last = before.get(before.size() - 1);
        counter(
                workload,
                before,
                now,
                last,
                Sample::restarts,
                settings.minRestarts(),
                AlertKind.RESTART_SPIKE,
                "restarts",
                out);
        counter(
                workload,
                before,
                now,
                last,
                Sample::warningEvents,
                settings.minWarningEvents(),
                AlertKind.WARNING_EVENTS,
                "warning events",
                out);
        if (now.cpuCores() != null) {
            level(workload, before, now.cpuCores(), s -> s.cpuCores(), MIN_CPU_JUMP, AlertKind.CPU_JUMP, out);
        }
        if (now.memoryBytes() != null) {
            level(
                    workload,
                    before,
                    now.memoryBytes(),
                    s -> s.memoryBytes(),
                    MIN_MEMORY_JUMP,
                    AlertKind.MEMORY_JUMP,
                    out);
        }
        flapping(workload, before, now, out);
    }

    /** A cumulative counter: its increase in the last interval against the mean increase per interval before. */
    private void counter(
            Workload workload,
            List<Sample> before,
            Sample now,
            Sample last,
            ToDoubleFunction<Sample> value,
            int minimum,
            AlertKind kind,
            String what,
            List<Signal> out) {
        double delta = Math.max(0, value.applyAsDouble(now) - value.applyAsDouble(last));
        double usual = 0;
        for (int i = 1; i < before.size(); i++) {
            usual += Math.max(0, value.applyAsDouble(before.get(i)) - value.applyAsDouble(before.get(i - 1)));
        }
        usual = before.size() > 1 ? usual / (before.size() - 1) : 0;
        double threshold = Math.max(minimum, settings.spikeFactor() * usual);
        if (delta >= threshold) {
            out.add(new Signal(
                    workload,
                    kind,
                    delta >= 2 * threshold ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "%.0f %s in the last interval; usually %.1f", delta, what, usual),
                    delta,
                    usual));
        }
    }

    /** A level (use): above both spikeFactor times its mean and three standard deviations above it. */
    private void level(
            Workload workload,
            List<Sample> before,
            double now,
            java.util.function.Function<Sample, Double> value,
            double minimumChange,
            AlertKind kind,
            List<Signal> out) {
        List<Double> values =
                before.stream().map(value).filter(java.util.Objects::nonNull).toList();
        if (values.size() < settings.minSamples()) {
            return;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = values.stream()
                .mapToDouble(v -> (v - mean) * (v - mean))
                .average()
                .orElse(0);
        double threshold = Math.max(settings.spikeFactor() * mean, mean + 3 * Math.sqrt(variance));
        if (now > threshold && now - mean >= minimumChange) {
            boolean cpu = kind == AlertKind.CPU_JUMP;
            out.add(new Signal(
                    workload,
                    kind,
                    now > 2 * threshold ? Severity.CRITICAL : Severity.WARNING,
                    (cpu
                            ? "CPU use " + Quantities.cpu(now) + ", usually " + Quantities.cpu(mean)
                            : "Memory use " + Quantities.memory(now) + ", usually " + Quantities.memory(mean)),
                    now,
                    mean));
        }
    }

    /** The replica count changed at least flapChanges times over the baseline and this sample. */
    private void flapping(Workload workload, List<Sample> before, Sample now, List<Signal> out) {
        List<Sample> all = new ArrayList<>(before);
        all.add(now);
        int changes = 0;
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).replicas() != all.get(i - 1).replicas()) {
                changes++;
            }
        }
        if (changes >= settings.flapChanges()) {
            out.add(new Signal(
                    workload,
                    AlertKind.REPLICAS_FLAPPING,
                    Severity.WARNING,
                    "Replica count changed " + changes + " times in the last " + all.size() + " samples (now "
                            + now.replicas() + ")",
                    changes,
                    settings.flapChanges()));
        }
    }
}
