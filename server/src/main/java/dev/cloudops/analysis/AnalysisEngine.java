package dev.cloudops.analysis;

import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs analyzers over a {@link ClusterState} and scores what they found. It holds no checks itself; every check
 * lives in an {@link Analyzer} bean.
 */
@Component
public class AnalysisEngine {

    private static final Logger log = LoggerFactory.getLogger(AnalysisEngine.class);

    private final Map<String, Analyzer> analyzers = new LinkedHashMap<>();
    private final Clock clock;

    public AnalysisEngine(List<Analyzer> analyzers, Clock clock) {
        analyzers.stream().sorted(Comparator.comparing(Analyzer::name)).forEach(a -> {
            if (this.analyzers.put(a.name(), a) != null) {
                throw new IllegalStateException("Two analyzers are named " + a.name());
            }
        });
        this.clock = clock;
    }

    /** Every analyzer, by name. */
    public List<Analyzer> analyzers() {
        return List.copyOf(analyzers.values());
    }

    /** Every check of every analyzer. */
    public List<CheckInfo> checks() {
        return analyzers.values().stream().flatMap(a -> a.checks().stream()).toList();
    }

    /** Every check of every analyzer with the analyzer's name, by analyzer and then as the analyzer lists them. */
    public List<CheckListing> catalog() {
        return analyzers.values().stream()
                .flatMap(a -> a.checks().stream().map(c -> CheckListing.of(a.name(), c)))
                .toList();
    }

    /** Told before each analyzer runs, for a job's progress. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (analyzer, index, total) -> {};

        void analyzing(String analyzer, int index, int total);
    }

    /**
     * Runs the named analyzers (every one when {@code names} is empty) over {@code state}. On manifests only the
     * analyzers that read specs run; the others are skipped with a note. An unknown name is a 400 before anything
     * runs.
     */
    public AnalysisResult run(ClusterState state, Collection<String> names) {
        return run(state, names, Progress.NONE);
    }

    /** As {@link #run(ClusterState, Collection)}, telling {@code progress} before each analyzer runs. */
    public AnalysisResult run(ClusterState state, Collection<String> names, Progress progress) {
        List<Analyzer> chosen = choose(names);
        Instant started = clock.instant();
        CountingState counted = new CountingState(state);
        Findings findings = new Findings();
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Analyzer analyzer = chosen.get(i);
            progress.analyzing(analyzer.name(), i, chosen.size());
            if (!state.live() && !analyzer.readsSpecsOnly()) {
                findings.note("The " + analyzer.name() + " analyzer reads live state only; skipped for manifests");
                continue;
            }
            ran.add(analyzer.name());
            try {
                analyzer.analyze(counted, findings);
            } catch (ApiException e) {
                throw e;
            } catch (RuntimeException e) {
                // One broken analyzer must not cost the findings of the others; the note tells people it is partial.
                log.warn("Analyzer {} failed on {}", analyzer.name(), state.source(), e);
                findings.note("The " + analyzer.name() + " analyzer failed ("
                        + e.getClass().getSimpleName() + "); its findings are missing from this result");
            }
        }
        state.notes().forEach(findings::note);
        List<Finding> found = findings.list();
        return new AnalysisResult(
                state.source(),
                started,
                Duration.between(started, clock.instant()).toMillis(),
                ran,
                counted.examined(),
                countBySeverity(found),
                countByCategory(found),
                scores(found, counted.examined()),
                found,
                findings.notes());
    }

    /**
     * The analyzers {@code names} asks for, in name order (every one when it is null or empty); an unknown or blank
     * name is a 400 unknown-analyzer. Callers that start work later check the names with it first.
     */
    public List<Analyzer> choose(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return List.copyOf(analyzers.values());
        }
        List<Analyzer> chosen = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(
                names.stream().map(n -> n == null ? "" : n.trim()).toList())) {
            Analyzer analyzer = analyzers.get(name);
            if (analyzer == null) {
                throw ApiException.badRequest(
                        "unknown-analyzer",
                        "There is no analyzer named '" + name + "'; analyzers are "
                                + String.join(", ", analyzers.keySet()),
                        "analyzers");
            }
            chosen.add(analyzer);
        }
        return chosen;
    }

    private static Map<Severity, Integer> countBySeverity(List<Finding> found) {
        int[] counts = new int[Severity.values().length];
        for (Finding f : found) {
            counts[f.severity().ordinal()]++;
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, counts[s.ordinal()]);
        }
        return bySeverity;
    }

    private static Map<Category, Integer> countByCategory(List<Finding> found) {
        int[] counts = new int[Category.values().length];
        for (Finding f : found) {
            counts[f.category().ordinal()]++;
        }
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, counts[c.ordinal()]);
        }
        return byCategory;
    }

    /**
     * 100 less the share of examined objects with a problem in the category, weighted by each one's worst. One row
     * of worst weights per object (absent: -1); a scan can hold a hundred thousand findings, and analyzers report an
     * object's findings one after another, so a run on the same object reuses its row instead of hashing again.
     */
    static Map<Category, Integer> scores(List<Finding> found, int examined) {
        Category[] categories = Category.values();
        Map<Subject, double[]> worst = new HashMap<>(Math.max(16, examined * 2));
        Subject last = null;
        double[] row = null;
        for (Finding f : found) {
            if (last == null || !last.equals(f.subject())) {
                last = f.subject();
                row = worst.computeIfAbsent(last, s -> {
                    double[] absent = new double[categories.length];
                    Arrays.fill(absent, -1);
                    return absent;
                });
            }
            int c = f.category().ordinal();
            row[c] = Math.max(row[c], f.severity().weight());
        }
        double[] penalty = new double[categories.length];
        int[] bad = new int[categories.length];
        for (double[] weights : worst.values()) {
            for (int c = 0; c < categories.length; c++) {
                if (weights[c] >= 0) {
                    penalty[c] += weights[c];
                    bad[c]++;
                }
            }
        }
        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        for (Category c : categories) {
            int denominator = Math.max(examined, bad[c.ordinal()]);
            scores.put(c, denominator == 0 ? 100 : (int) Math.round(100 * (1 - penalty[c.ordinal()] / denominator)));
        }
        return scores;
    }

    /** Counts the distinct objects the analyzers read, for the scores. */
    private static final class CountingState implements ClusterState {

        private final ClusterState state;
        private final Set<String> kindsRead = new HashSet<>();
        private int examined;

        CountingState(ClusterState state) {
            this.state = state;
        }

        int examined() {
            return examined;
        }

        @Override
        public String source() {
            return state.source();
        }

        @Override
        public boolean live() {
            return state.live();
        }

        @Override
        public Instant observedAt() {
            return state.observedAt();
        }

        @Override
        public boolean serves(String kind) {
            return state.serves(kind);
        }

        @Override
        public List<String> notes() {
            return state.notes();
        }

        @Override
        public List<Map<String, Object>> objects(String kind) {
            List<Map<String, Object>> objects = state.objects(kind);
            if (kindsRead.add(kind) && !kind.endsWith("Metrics") && !"Event".equals(kind)) {
                // A kind is counted once, when first read, and its objects are distinct.
                examined += objects.size();
            }
            return objects;
        }
    }
}
