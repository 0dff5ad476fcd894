package dev.cloudops.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over a stream, in chunks, so that an archive of any size is encrypted and decrypted with bounded
 * memory (the STREAM construction, as in age or Tink's streaming AEAD). The file starts with a 12-byte header:
 * {@code "COBK"}, a format version and a random 7-byte nonce prefix. Then come chunks of {@value #CHUNK} plaintext
 * bytes (the last one shorter, possibly empty), each followed by its 16-byte tag. A chunk's nonce is the prefix,
 * the chunk's index (4 bytes) and a last-chunk flag (1 byte); its associated data is the header and a context
 * string naming what the file is (so an archive cannot pass for a manifest or for another backup's archive).
 * Reordered, dropped, truncated, appended or altered chunks all fail authentication.
 */
final class SealedStream {

    static final int CHUNK = 64 * 1024;
    private static final int TAG = 16;
    private static final int HEADER = 12;
    private static final byte[] MAGIC = {'C', 'O', 'B', 'K'};
    private static final byte VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedStream() {}

    /** Encrypts what is written to the answer into {@code out}; closing it writes the last chunk and closes out. */
    static OutputStream encrypt(OutputStream out, SecretKey key, String context) throws IOException {
        byte[] header = new byte[HEADER];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[4] = VERSION;
        byte[] prefix = new byte[7];
        RANDOM.nextBytes(prefix);
        System.arraycopy(prefix, 0, header, 5, prefix.length);
        out.write(header);
        return new Encrypting(out, key, header, aad(header, context));
    }

    /** Decrypts {@code in}; reading fails with {@link TamperedException} as soon as a chunk does not authenticate. */
    static InputStream decrypt(InputStream in, SecretKey key, String context) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, 4), MAGIC) || header[4] != VERSION) {
            throw new TamperedException("not an encrypted backup file (bad header)");
        }
        return new Decrypting(in, key, header, aad(header, context));
    }

    private static byte[] aad(byte[] header, String context) {
        byte[] c = context.getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(header, header.length + c.length);
        System.arraycopy(c, 0, aad, header.length, c.length);
        return aad;
    }

    private static GCMParameterSpec nonce(byte[] header, int index, boolean last) {
        ByteBuffer n = ByteBuffer.allocate(12);
        n.put(header, 5, 7).putInt(index).put((byte) (last ? 1 : 0));
        return new GCMParameterSpec(TAG * 8, n.array());
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] header, int index, boolean last, byte[] aad)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, nonce(header, index, last));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static final class Encrypting extends FilterOutputStream {
        private final SecretKey key;
        private final byte[] header;
        private final byte[] aad;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;
        private int index;
        private boolean closed;

        Encrypting(OutputStream out, SecretKey key, byte[] header, byte[] aad) {
            super(out);
            this.key = key;
            this.header = header.clone();
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            while (len > 0) {
                if (filled == CHUNK) {
                    seal(false); // only now is it known that this chunk is not the last
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            if (index == Integer.MAX_VALUE) {
                throw new IOException("archive too large");
            }
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, header, index++, last, aad)
                        .doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM is unavailable", e);
            }
            filled = 0;
        }

        @Override
        public void flush() {
            // chunks are written when full; flushing a partial chunk would end the stream
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final InputStream in;
        private final SecretKey key;
        private final byte[] header;
        private final byte[] aad;
        private byte[] next;
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private boolean finished;

        Decrypting(InputStream in, SecretKey key, byte[] header, byte[] aad) throws IOException {
            this.in = in;
            this.key = key;
            this.header = header.clone();
            this.aad = aad;
            this.next = in.readNBytes(CHUNK + TAG);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (finished) {
                    return -1;
                }
                open();
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        private void open() throws IOException {
            byte[] chunk = next;
            if (chunk.length < TAG) {
                throw new TamperedException("the encrypted file is truncated");
            }
            boolean last = chunk.length < CHUNK + TAG;
            if (!last) {
                next = in.readNBytes(CHUNK + TAG);
                last = next.length == 0;
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, header, index++, last, aad)
                        .doFinal(chunk);
            } catch (AEADBadTagException e) {
                throw new TamperedException("chunk " + (index - 1) + " failed authentication: the file was changed,"
                        + " truncated, or belongs to another backup");
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM is unavailable", e);
            }
            position = 0;
            finished = last;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
