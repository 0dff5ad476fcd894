package dev.cloudops.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.SecretKey;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two files of a backup. The archive is a gzip-compressed tar of one YAML file per object; the manifest is
 * gzip-compressed JSON. Both are encrypted with the backup's data key ({@link SealedStream}), each bound to its
 * role and backup id, and hashed (SHA-256) as stored.
 */
final class ArchiveFiles {

    static final String ARCHIVE = "archive.cobk";
    static final String MANIFEST = "manifest.cobk";

    private ArchiveFiles() {}

    static String archiveContext(long backupId) {
        return "cloudops-backup-archive:" + backupId;
    }

    static String manifestContext(long backupId) {
        return "cloudops-backup-manifest:" + backupId;
    }

    /** Writes objects into an encrypted tar.gz; {@link #finish} answers the stored size and hash. */
    static final class Writer implements AutoCloseable {
        private final BackupStorage.Upload upload;
        private final DigestOutputStream digest;
        private final CountingOutputStream counted;
        private final TarArchiveOutputStream tar;
        private boolean finished;

        Writer(BackupStorage.Upload upload, SecretKey key, String context) throws IOException {
            this.upload = upload;
            this.counted = new CountingOutputStream(upload.stream());
            this.digest = new DigestOutputStream(counted, sha256());
            OutputStream sealed = SealedStream.encrypt(digest, key, context);
            this.tar = new TarArchiveOutputStream(new GZIPOutputStream(new BufferedOutputStream(sealed, 65536), 65536));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        void add(String path, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(content.length);
            entry.setMode(0600);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }

        /** Closes the archive and commits it; answers {size, sha256}. */
        Stored finish() throws IOException {
            tar.close();
            upload.commit();
            finished = true;
            return new Stored(
                    counted.count,
                    HexFormat.of().formatHex(digest.getMessageDigest().digest()));
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                try {
                    tar.close();
                } catch (IOException e) {
                    // the upload is aborted below either way
                } finally {
                    upload.close();
                }
            }
        }
    }

    /** A stored file's size and SHA-256. */
    record Stored(long bytes, String sha256) {}

    static Stored writeManifest(
            BackupStorage.Upload upload, SecretKey key, long backupId, Manifest manifest, JsonMapper json)
            throws IOException {
        try (upload) {
            CountingOutputStream counted = new CountingOutputStream(upload.stream());
            DigestOutputStream digest = new DigestOutputStream(counted, sha256());
            try (OutputStream out =
                    new GZIPOutputStream(SealedStream.encrypt(digest, key, manifestContext(backupId)), 65536)) {
                json.writeValue(out, manifest);
            }
            upload.commit();
            return new Stored(
                    counted.count,
                    HexFormat.of().formatHex(digest.getMessageDigest().digest()));
        }
    }

    static Manifest readManifest(InputStream stored, SecretKey key, long backupId, JsonMapper json) throws IOException {
        try (InputStream in = new GZIPInputStream(SealedStream.decrypt(stored, key, manifestContext(backupId)))) {
            return json.readValue(in, Manifest.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new TamperedException("the manifest does not parse");
        }
    }

    /** The SHA-256 (hex) of a whole stored file. */
    static String sha256Of(InputStream in) throws IOException {
        try (DigestInputStream digest = new DigestInputStream(in, sha256())) {
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        }
    }

    /** Reads the archive's entries one after the other, each checked against the manifest. */
    static final class Reader implements AutoCloseable {
        private final InputStream plain;
        private final GZIPInputStream gzip;
        private final TarArchiveInputStream tar;
        private final Manifest manifest;
        private int next;

        Reader(InputStream stored, SecretKey key, long backupId, Manifest manifest) throws IOException {
            this.manifest = manifest;
            this.plain = SealedStream.decrypt(stored, key, archiveContext(backupId));
            this.gzip = new GZIPInputStream(plain, 65536);
            this.tar = new TarArchiveInputStream(gzip);
        }

        /**
         * The next object's entry and YAML text, or null after the last; fails with {@link TamperedException} when
         * the archive and the manifest disagree (name, order, hash, count).
         */
        Item next() throws IOException {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null) {
                // read to the very end, so that the last chunks (tar padding) authenticate too
                gzip.transferTo(OutputStream.nullOutputStream());
                plain.transferTo(OutputStream.nullOutputStream());
                if (next != manifest.entries().size()) {
                    throw new TamperedException("the archive holds " + next + " objects, the manifest "
                            + manifest.entries().size());
                }
                return null;
            }
            if (next >= manifest.entries().size()) {
                throw new TamperedException("the archive holds more objects than its manifest");
            }
            Manifest.Entry expected = manifest.entries().get(next);
            if (!expected.path().equals(entry.getName())) {
                throw new TamperedException(
                        "entry " + next + " is " + entry.getName() + ", the manifest says " + expected.path());
            }
            byte[] content = tar.readAllBytes();
            String sha = HexFormat.of().formatHex(sha256().digest(content));
            if (!sha.equals(expected.sha256())) {
                throw new TamperedException("the SHA-256 of " + expected.path() + " does not match the manifest");
            }
            next++;
            return new Item(next - 1, expected, new String(content, StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    /** One object read from an archive: its position, manifest entry and YAML text. */
    record Item(int index, Manifest.Entry entry, String yaml) {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
