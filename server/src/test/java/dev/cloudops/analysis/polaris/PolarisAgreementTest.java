package dev.cloudops.analysis.polaris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.resource.ManifestParser;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds our checks to Polaris's own test fixtures (src/test/resources/oracles/polaris): a {@code failure*} file
 * must give at least one failure of its check, any other file none and at least one pass. Agreement must stay at
 * 95 % or more, and the files where we disagree must be exactly those docs/analysis-polaris.md explains.
 */
class PolarisAgreementTest {

    private static final Path DOC = Path.of("..", "docs", "analysis-polaris.md");
    private static final String START = "<!-- disagreements:start -->";
    private static final String END = "<!-- disagreements:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Checks whose Polaris mutation we deliberately do not offer as a patch (see the doc). */
    private static final Set<PolarisCheck> NO_PATCH =
            Set.of(PolarisCheck.LIVENESS_PROBE_MISSING, PolarisCheck.READINESS_PROBE_MISSING);

    private final ConfigAnalyzer config = new ConfigAnalyzer();
    private final SecurityAnalyzer security = new SecurityAnalyzer();

    @Test
    @DisplayName("our verdicts agree with Polaris's on at least 95 % of its fixtures, and the doc names every other")
    void agreement() throws IOException {
        List<Path> files = fixtures();
        Set<String> disagreeing = new TreeSet<>();
        for (Path file : files) {
            PolarisCheck check = checkOf(file);
            Oracles.Recorded run = Oracles.run(file, check);
            boolean expectFailure = file.getFileName().toString().contains("failure");
            boolean agrees = expectFailure ? !run.failures.isEmpty() : run.failures.isEmpty() && run.passes > 0;
            if (!agrees) {
                disagreeing.add(id(file));
            }
            assertThat(analyzerFindings(file, check))
                    .as(
                            "the %s analyzer reports what the check found in %s",
                            analyzerOf(check).name(), id(file))
                    .isEqualTo(run.failures.size());
        }
        double agreement = 100.0 * (files.size() - disagreeing.size()) / files.size();
        System.out.printf(
                "Polaris agreement: %d of %d fixture files (%.1f %%)%n",
                files.size() - disagreeing.size(), files.size(), agreement);
        assertThat(files).hasSizeGreaterThanOrEqualTo(290);
        assertThat(agreement).isGreaterThanOrEqualTo(95.0);
        assertThat(disagreeing).as("disagreements listed in " + DOC).isEqualTo(documented());
    }

    @Test
    @DisplayName("every Polaris check is ours, under its Polaris id, and has fixtures")
    void everyCheckHasFixtures() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Oracles.folder("polaris"))) {
            dirs.filter(Files::isDirectory)
                    .forEach(d -> folders.add(d.getFileName().toString()));
        }
        Set<String> ours = new TreeSet<>();
        Arrays.stream(PolarisCheck.values()).forEach(c -> ours.add(c.id()));
        assertThat(ours).isEqualTo(folders).hasSize(44);
    }

    @Test
    @DisplayName("the patch of a failure turns Polaris's failure file into its mutated file")
    void patchesMatchPolarisMutations() throws IOException {
        List<Path> mutated;
        try (Stream<Path> all = Files.walk(Oracles.folder("polaris"))) {
            mutated = all.filter(p -> p.getFileName().toString().startsWith("mutated"))
                    .sorted()
                    .toList();
        }
        assertThat(mutated).hasSize(20);
        int compared = 0;
        for (Path expected : mutated) {
            Path failure =
                    expected.resolveSibling(expected.getFileName().toString().replace("mutated", "failure"));
            PolarisCheck check = checkOf(failure);
            Oracles.Recorded run = Oracles.run(failure, check);
            assertThat(run.failures).as(id(failure)).isNotEmpty();
            if (NO_PATCH.contains(check)) {
                assertThat(run.failures).allSatisfy(f -> assertThat(f.patch()).isEmpty());
                continue;
            }
            Map<String, Object> object = run.failures.get(0).object();
            JsonNode patched = JSON.valueToTree(object);
            for (Oracles.Failure f : run.failures) {
                assertThat(f.object()).isSameAs(object);
                assertThat(f.patch()).as("patch of " + id(failure)).isNotEmpty();
                patched = JsonPatch.apply(JSON.valueToTree(f.patch()), patched);
            }
            JsonNode want = JSON.valueToTree(
                    ManifestParser.parse(Oracles.read(expected)).get(0));
            assertThat(patched).as(id(expected)).isEqualTo(want);
            compared++;
        }
        assertThat(compared).isEqualTo(mutated.size() - 2);
    }

    private int analyzerFindings(Path file, PolarisCheck check) {
        Findings findings = new Findings();
        analyzerOf(check).analyze(Oracles.state(file), findings);
        List<Finding> ofCheck = new ArrayList<>();
        for (Finding f : findings.list()) {
            if (f.checkId().equals(check.id())) {
                ofCheck.add(f);
            }
        }
        return ofCheck.size();
    }

    private Analyzer analyzerOf(PolarisCheck check) {
        return check.security() ? security : config;
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> all = Files.walk(Oracles.folder("polaris"))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("mutated"))
                    .sorted()
                    .toList();
        }
    }

    static PolarisCheck checkOf(Path file) {
        String folder = file.getParent().getFileName().toString();
        return Arrays.stream(PolarisCheck.values())
                .filter(c -> c.id().equals(folder))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + folder));
    }

    static String id(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    /** The first backticked cell of each table row between the markers of the doc's disagreement section. */
    static Set<String> documented() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("disagreement markers in " + DOC).isNotNegative();
        assertThat(end).isGreaterThan(start);
        Set<String> listed = new TreeSet<>();
        for (String line : doc.substring(start, end).split("\n")) {
            if (line.startsWith("| `")) {
                listed.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        return listed;
    }
}
