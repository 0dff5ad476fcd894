package dev.cloudops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Backup files in a directory ({@code cloudops.backups.storage-dir}, {@code <data-dir>/backups} by default):
 * directories 0700, files 0600, written under a temporary name and moved into place atomically on commit.
 */
final class FileBackupStorage implements BackupStorage {

    private static final Pattern KEY = Pattern.compile("[a-z0-9._-]+(/[a-z0-9._-]+)*");
    private final Path root;
    private final boolean posix =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    FileBackupStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Upload create(String key) throws IOException {
        Path target = path(key);
        Path parent = target.getParent();
        Path dir = parent == null ? root : parent;
        createDirectories(dir);
        String name = key.substring(key.lastIndexOf('/') + 1);
        Path temporary = dir.resolve("." + name + "." + UUID.randomUUID() + ".partial");
        if (posix) {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        OutputStream out = Files.newOutputStream(temporary);
        return new Upload() {
            private boolean committed;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public void commit() throws IOException {
                out.close();
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed = true;
            }

            @Override
            public void close() throws IOException {
                if (!committed) {
                    out.close();
                    Files.deleteIfExists(temporary);
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(path(key));
    }

    /** Deletes the file and any half-written copy of it left by a replica that stopped while writing. */
    @Override
    public void delete(String key) throws IOException {
        Path file = path(key);
        Files.deleteIfExists(file);
        Path dir = file.getParent();
        String partial = "." + key.substring(key.lastIndexOf('/') + 1) + ".";
        if (dir != null && Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                for (Path p : entries.toList()) {
                    String name = String.valueOf(p.getFileName());
                    if (name.startsWith(partial) && name.endsWith(".partial")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        while (dir != null && !dir.equals(root) && Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            }
            Files.deleteIfExists(dir);
            dir = dir.getParent();
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("invalid storage key " + key);
        }
        return root.resolve(key);
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix) {
            FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(dir, mode);
        } else {
            Files.createDirectories(dir);
        }
    }
}
