package dev.cloudops.cli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ConfigStore")
class ConfigStoreTest {

    @TempDir
    Path dir;

    private CliContext context(Map<String, String> env) {
        return new CliContext(
                env,
                new Stdio(
                        new ByteArrayInputStream(new byte[0]),
                        OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream()),
                prompt -> Optional.empty(),
                Clock.systemUTC(),
                dir);
    }

    @Test
    @DisplayName("round-trips a config and reads nothing before the first save")
    void roundTrip() {
        ConfigStore store = new ConfigStore(dir.resolve("nested/deeper"));
        CliConfig config = new CliConfig("https://ops", "tok", "alice", "2026-06-02T00:00:00Z");

        assertThat(store.load()).isEmpty();
        store.save(config);

        assertThat(store.load()).contains(config);
    }

    @Test
    @DisplayName("ignores unknown fields and omits unset ones")
    void tolerant() throws Exception {
        ConfigStore store = new ConfigStore(dir);
        Files.writeString(store.file(), "{\"server\":\"https://ops\",\"token\":\"t\",\"later\":1}");

        assertThat(store.load()).contains(new CliConfig("https://ops", "t", null, null));
        store.save(new CliConfig("https://ops", "t", null, null));
        assertThat(Files.readString(store.file(), StandardCharsets.UTF_8)).doesNotContain("username");
    }

    @Test
    @DisplayName("a config path that cannot be written is a CliException naming the file")
    void unwritable() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        ConfigStore store = new ConfigStore(blocker.resolve("sub"));

        assertThatThrownBy(() -> store.save(new CliConfig("https://ops", "t", null, null)))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("cannot write config file " + store.file());
    }

    @Test
    @DisplayName("resolves the directory from the option, then CLOUDOPS_CONFIG_DIR, then ~/.cloudops")
    void resolveDir() {
        Path option = dir.resolve("opt");

        assertThat(ConfigStore.resolveDir(option, context(Map.of("CLOUDOPS_CONFIG_DIR", "/env"))))
                .isEqualTo(option);
        assertThat(ConfigStore.resolveDir(null, context(Map.of("CLOUDOPS_CONFIG_DIR", "/env"))))
                .isEqualTo(Path.of("/env"));
        assertThat(ConfigStore.resolveDir(null, context(Map.of("CLOUDOPS_CONFIG_DIR", "  "))))
                .isEqualTo(dir.resolve(".cloudops"));
    }

    @Test
    @DisplayName("toString never shows the token")
    void redacted() {
        assertThat(new CliConfig("https://ops", "super-secret", "a", null).toString())
                .doesNotContain("super-secret")
                .contains("<redacted>");
        assertThat(new CliConfig("https://ops", null, "a", null).toString()).contains("token=none");
    }
}
