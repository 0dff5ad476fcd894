package dev.cloudops.backup;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where backup files live. Keys are relative paths of lower-case letters, digits, {@code . _ -} and {@code /}
 * ({@code 12/345/archive.cobk}). Everything stored is already encrypted. The default is a directory
 * ({@link FileBackupStorage}); an S3-compatible object store plugs in as another Spring bean of this type (the
 * file storage then steps back): {@link #create} maps to a multipart upload that {@link Upload#commit} completes
 * and {@link Upload#close} without commit aborts, {@link #open} to a ranged GET streamed as it is read,
 * {@link #size} to HEAD, {@link #delete} to DELETE.
 */
public interface BackupStorage {

    /** A file being written: nothing is visible under its key until {@link #commit}; closing without it aborts. */
    interface Upload extends Closeable {
        OutputStream stream();

        void commit() throws IOException;
    }

    Upload create(String key) throws IOException;

    /** Streams a stored file; {@link java.nio.file.NoSuchFileException} when there is none. */
    InputStream open(String key) throws IOException;

    long size(String key) throws IOException;

    /** Deletes a file; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Where the files go, for the operator (a directory, a bucket). */
    String describe();
}
