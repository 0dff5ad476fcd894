package dev.cloudops.cli.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Reads and writes {@code config.json}. The file holds a bearer token, so on POSIX file systems the directory
 * is created {@code 0700} and the file is always left {@code 0600}; it is written to a private temporary file
 * first and moved into place, so a crash never leaves a half-written or world-readable config behind.
 */
public final class ConfigStore {

    /** File name inside the config directory. */
    public static final String FILE_NAME = "config.json";

    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    /** A store for the config file inside {@code dir}. */
    public ConfigStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The config directory: the {@code --config} option if given, else {@code $CLOUDOPS_CONFIG_DIR}, else
     * {@code ~/.cloudops}.
     */
    public static Path resolveDir(Path option, CliContext context) {
        if (option != null) {
            return option;
        }
        return context.envValue(CliContext.CONFIG_DIR_ENV)
                .map(Path::of)
                .orElseGet(() -> context.homeDir().resolve(".cloudops"));
    }

    /** The config file this store reads and writes. */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The saved config; empty when no one has logged in yet.
     *
     * @throws CliException when the file exists but cannot be read or is not a config document
     */
    public Optional<CliConfig> load() {
        Path file = file();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException("cannot read config file " + file + ": " + e.getMessage(), ExitCode.ERROR, e);
        }
        try {
            return Optional.of(Json.read(text, CliConfig.class));
        } catch (JacksonException e) {
            throw new CliException(
                    "config file " + file + " is not valid JSON; run `cloudops login` to rewrite it",
                    ExitCode.ERROR,
                    e);
        }
    }

    /**
     * Replaces the config file with {@code config}, readable by its owner only.
     *
     * @throws CliException when the directory or file cannot be written
     */
    public void save(CliConfig config) {
        Path file = file();
        try {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            Files.createDirectories(dir, posix ? attributes(DIR_PERMISSIONS) : new FileAttribute<?>[0]);
            Path temp = Files.createTempFile(
                    dir, ".config-", ".tmp", posix ? attributes(FILE_PERMISSIONS) : new FileAttribute<?>[0]);
            try {
                Files.writeString(temp, Json.pretty(Json.tree(config)) + "\n", StandardCharsets.UTF_8);
                move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
            }
        } catch (IOException e) {
            throw new CliException("cannot write config file " + file + ": " + e.getMessage(), ExitCode.ERROR, e);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
