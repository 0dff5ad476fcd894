package dev.cloudops.analysis.polaris;

import dev.cloudops.analysis.ManifestState;
import dev.cloudops.resource.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Fixture files of peer checkers under {@code src/test/resources/oracles}, and running our checks on them. */
final class Oracles {

    private Oracles() {}

    static Path folder(String name) {
        try {
            return Path.of(Oracles.class.getResource("/oracles/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManifestState state(Path file) {
        return new ManifestState(ManifestParser.parse(read(file)), Instant.EPOCH);
    }

    static Recorded run(Path file, PolarisCheck check) {
        Recorded recorded = new Recorded();
        PolarisScan.run(state(file), EnumSet.of(check), recorded);
        return recorded;
    }

    /** A failure, as the checks said it. */
    record Failure(PolarisCheck check, Map<String, Object> object, String container, List<Map<String, Object>> patch) {}

    /** Every verdict of a run. */
    static final class Recorded implements Verdicts {

        int passes;
        final List<Failure> failures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        @Override
        public void pass(PolarisCheck check, Map<String, Object> object) {
            passes++;
        }

        @Override
        public void fail(
                PolarisCheck check,
                Map<String, Object> object,
                String container,
                String message,
                List<Map<String, Object>> patch) {
            failures.add(new Failure(check, object, container, patch));
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }
    }
}
