package dev.cloudops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Chunked AES-GCM stream: round trips any size; any change, cut or swap fails authentication")
class SealedStreamTest {

    private static final SecretKey KEY = ArchiveKeys.newDataKey();
    private static final int CHUNK = SealedStream.CHUNK;

    private static byte[] seal(byte[] plain, String context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealed = SealedStream.encrypt(out, KEY, context)) {
            // uneven writes, so chunk boundaries fall inside writes
            int i = 0;
            while (i < plain.length) {
                int n = Math.min(plain.length - i, 1 + (i % 7919));
                sealed.write(plain, i, n);
                i += n;
            }
        }
        return out.toByteArray();
    }

    private static byte[] open(byte[] sealed, String context) throws IOException {
        try (InputStream in = SealedStream.decrypt(new ByteArrayInputStream(sealed), KEY, context)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17})
    @DisplayName("what is written comes back, for sizes around chunk boundaries")
    void roundTrip(int size) throws IOException {
        byte[] plain = random(size);
        byte[] sealed = seal(plain, "ctx");
        assertThat(open(sealed, "ctx")).isEqualTo(plain);
        assertThat(sealed.length).isEqualTo(12 + size + 16 * (size / CHUNK + (size % CHUNK == 0 && size > 0 ? 0 : 1)));
        byte[] one = new byte[size];
        try (InputStream in = SealedStream.decrypt(new ByteArrayInputStream(sealed), KEY, "ctx")) {
            for (int i = 0; i < size; i++) {
                one[i] = (byte) in.read();
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(one).isEqualTo(plain);
    }

    @Test
    @DisplayName("the same input encrypts differently each time and nothing of it is readable")
    void randomised() throws IOException {
        byte[] plain = "kind: Secret\ndata: {password: hunter2}\n".repeat(100).getBytes();
        byte[] a = seal(plain, "ctx");
        byte[] b = seal(plain, "ctx");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
    }

    @Test
    @DisplayName("a flipped bit, a cut at a chunk boundary, swapped chunks, extra bytes or another context all fail")
    void tamper() throws IOException {
        byte[] sealed = seal(random(3 * CHUNK + 5), "ctx");
        byte[] flipped = sealed.clone();
        flipped[CHUNK + 100] ^= 1;
        assertThatThrownBy(() -> open(flipped, "ctx")).isInstanceOf(TamperedException.class);
        int chunk = CHUNK + 16;
        byte[] cut = Arrays.copyOf(sealed, 12 + 2 * chunk);
        assertThatThrownBy(() -> open(cut, "ctx")).isInstanceOf(TamperedException.class);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, 12, swapped, 12 + chunk, chunk);
        System.arraycopy(sealed, 12 + chunk, swapped, 12, chunk);
        assertThatThrownBy(() -> open(swapped, "ctx")).isInstanceOf(TamperedException.class);
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 20);
        assertThatThrownBy(() -> open(longer, "ctx")).isInstanceOf(TamperedException.class);
        assertThatThrownBy(() -> open(sealed, "other")).isInstanceOf(TamperedException.class);
        assertThatThrownBy(() -> open(new byte[] {1, 2, 3}, "ctx"))
                .isInstanceOf(TamperedException.class)
                .hasMessageContaining("header");
        assertThatThrownBy(() -> open(Arrays.copyOf(sealed, 20), "ctx")).isInstanceOf(TamperedException.class);
    }

    @Test
    @DisplayName("writing after close fails")
    void closed() throws IOException {
        OutputStream out = SealedStream.encrypt(new ByteArrayOutputStream(), KEY, "ctx");
        out.write(1);
        out.flush();
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(2)).isInstanceOf(IOException.class);
    }
}
