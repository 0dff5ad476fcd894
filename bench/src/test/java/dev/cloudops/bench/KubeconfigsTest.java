package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigsTest {

    @Test
    void fabric8ReadsTheServerTokenAndContext() {
        String text = Kubeconfigs.kubeconfig("c03", "http://127.0.0.1:40123", "bench-token-c03");

        Config config = Config.fromKubeconfig(text);

        assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:40123");
        assertThat(config.getAutoOAuthToken()).isEqualTo("bench-token-c03");
        assertThat(config.getCurrentContext().getName()).isEqualTo("c03");
        assertThat(text).contains("current-context: c03");
    }

    @Test
    void writesOneFilePerCluster(@TempDir Path dir) throws Exception {
        Path file = Kubeconfigs.write(dir, "c01", "http://127.0.0.1:1", "t");

        assertThat(file).hasFileName("c01.kubeconfig");
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo(Kubeconfigs.kubeconfig("c01", "http://127.0.0.1:1", "t"));
    }

    @Test
    void refusesValuesThatWouldBreakTheYaml() {
        assertThatThrownBy(() -> Kubeconfigs.kubeconfig("c01\nx: y", "http://h", "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kubeconfigs.kubeconfig("c01", "ftp://h", "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kubeconfigs.kubeconfig("c01", "http://h", "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
