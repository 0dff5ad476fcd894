package dev.cloudops.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.CloudOpsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("Secret sealing with AES-256-GCM and key ids")
class SecretSealerTest {

    @TempDir
    Path dir;

    private static String key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return Base64.getEncoder().encodeToString(k);
    }

    private SecretSealer sealer(String current, String previous) {
        var env = new MockEnvironment();
        if (current != null) {
            env.setProperty("CLOUDOPS_MASTER_KEY", current);
        }
        if (previous != null) {
            env.setProperty("CLOUDOPS_PREVIOUS_KEYS", previous);
        }
        var props = new CloudOpsProperties(dir, null, null, null, null, null, null, null, null);
        return new SecretSealer(env, props);
    }

    @Test
    @DisplayName("seals to a value naming its key, differently each time, and unseals it back")
    void roundTrip() {
        SecretSealer sealer = sealer(key(1), null);
        String a = sealer.seal("kubeconfig text ✓");
        String b = sealer.seal("kubeconfig text ✓");
        assertThat(a)
                .startsWith("v1:" + sealer.currentKeyId() + ":")
                .isNotEqualTo(b)
                .doesNotContain("kubeconfig");
        assertThat(sealer.unseal(a)).isEqualTo("kubeconfig text ✓");
    }

    @Test
    @DisplayName("a tampered value, a foreign format or an unknown key is refused")
    void refusesTampering() {
        SecretSealer sealer = sealer(key(1), null);
        String sealed = sealer.seal("secret");
        int at = sealed.lastIndexOf(':') + 20; // inside the ciphertext, away from base64 padding bits
        String tampered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> sealer.unseal(tampered)).isInstanceOf(SealingException.class);
        assertThatThrownBy(() -> sealer.unseal("plain text")).isInstanceOf(SealingException.class);
        String other = sealer(key(2), null).seal("secret");
        assertThatThrownBy(() -> sealer.unseal(other)).hasMessageContaining("unknown key");
        String swappedId = "v1:00000000:" + sealed.split(":", 3)[2];
        assertThatThrownBy(() -> sealer.unseal(swappedId)).isInstanceOf(SealingException.class);
    }

    @Test
    @DisplayName("after a rotation the old key still unseals, and old values are flagged for re-sealing")
    void rotation() {
        String old = sealer(key(1), null).seal("secret");
        SecretSealer rotated = sealer(key(2), key(1));
        assertThat(rotated.unseal(old)).isEqualTo("secret");
        assertThat(rotated.needsReseal(old)).isTrue();
        assertThat(rotated.needsReseal(rotated.seal("secret"))).isFalse();
    }

    @Test
    @DisplayName("without CLOUDOPS_MASTER_KEY a key file is generated owner-only and reused")
    void generatedKeyFile() throws Exception {
        SecretSealer first = sealer(null, null);
        Path file = dir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        SecretSealer second = sealer(null, null);
        assertThat(second.unseal(first.seal("x"))).isEqualTo("x");
    }

    @Test
    @DisplayName("a master key that is not 32 bytes of base64 stops the start")
    void badKey() {
        assertThatThrownBy(() -> sealer("c2hvcnQ=", null)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> sealer("not base64!", null)).hasMessageContaining("base64");
    }

    @Test
    @DisplayName("fingerprints are stable per key, differ per value and per key, and do not contain the value")
    void fingerprints() {
        SecretSealer a = sealer(key(1), null);
        String fp = a.fingerprint("hunter2");
        assertThat(fp).hasSize(16).matches("[0-9a-f]{16}").doesNotContain("hunter2");
        assertThat(a.fingerprint("hunter2")).isEqualTo(fp);
        assertThat(sealer(key(1), null).fingerprint("hunter2")).isEqualTo(fp);
        assertThat(a.fingerprint("hunter3")).isNotEqualTo(fp);
        assertThat(sealer(key(2), null).fingerprint("hunter2")).isNotEqualTo(fp);
    }
}
