package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import dev.cloudops.testing.ProcessContainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * A mock cluster with pod {@code web} whose container {@code app} has this machine's tools and container {@code bb}
 * only BusyBox; both see this machine's file system, so each test works under its own temporary directory.
 */
abstract class FilesITBase extends PlatformIT {

    protected MockCluster mock;
    protected long cluster;
    protected String ns;
    protected Path root;

    @BeforeEach
    void startCluster() throws IOException {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("files"));
        ns = mock.namespace(unique("ns"));
        mock.runningPod(ns, "web", "app", "bb");
        mock.containers().image(ns, "web", "bb", ProcessContainers.Image.BUSYBOX);
        root = Files.createTempDirectory("files-it").toRealPath();
    }

    @AfterEach
    void stopCluster() {
        mock.close();
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the directory is under the temporary directory.
        }
    }

    /** The containers to run a test in: {@code app} and, where BusyBox is installed, {@code bb}. */
    protected static List<String> containers() {
        return ProcessContainers.busyboxAvailable() ? List.of("app", "bb") : List.of("app");
    }

    protected static void requireBusybox() {
        Assumptions.assumeTrue(
                ProcessContainers.busyboxAvailable(), "busybox is not installed here: BusyBox image tests skipped");
    }

    protected String files(String container) {
        return "/api/k8s/containers/" + cluster + "/" + ns + "/web/" + container + "/files";
    }

    protected static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected Path write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in a directory, hidden ones included. */
    protected static List<String> names(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No exec ever carried a caller's path inside a shell script: scripts are constants, paths separate argv. */
    protected void assertNoShellStringFromInput() {
        for (ProcessContainers.Exec exec : mock.containers().received()) {
            List<String> argv = exec.argv();
            if (argv.get(0).equals("sh")) {
                assertThat(argv.get(1)).isEqualTo("-c");
                assertThat(argv.get(2)).as("a constant script").doesNotContain(root.toString());
                assertThat(argv.get(3)).isEqualTo("sh");
            }
        }
    }
}
