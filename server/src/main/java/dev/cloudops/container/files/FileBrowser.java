package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Reading directories: list, stat and find, all through {@code find} and {@code stat} with a per-call record
 * marker, so every file name (spaces, newlines, any UTF-8) comes back as it is.
 */
@Service
class FileBrowser {

    private static final int MAX_DEPTH = 64;

    private final FileAccess access;
    private final FileCommands commands;
    private final CloudOpsProperties.Files settings;

    FileBrowser(FileAccess access, FileCommands commands, CloudOpsProperties properties) {
        this.access = access;
        this.commands = commands;
        this.settings = properties.files();
    }

    /** The entries of a directory (a symbolic link to one is followed). */
    DirectoryListing list(FileAccess.Target target, String rawPath) {
        String path = FilePaths.normalize(rawPath, "path");
        ContainerRef ref = access.reading(target);
        String marker = MarkedRecords.newMarker();
        Collected collected = collect(
                ref, Scripts.LIST, List.of(StatFormat.format(marker), path), marker, settings.maxListEntries(), path);
        List<FileEntry> entries = new ArrayList<>(collected.entries());
        entries.sort(Comparator.comparing((FileEntry e) -> !e.isDirectory()).thenComparing(FileEntry::name));
        return new DirectoryListing(path, entries, collected.truncated(), collected.warning());
    }

    /** One file, not following a symbolic link (whose target and target type are given). */
    FileEntry stat(FileAccess.Target target, String rawPath) {
        String path = FilePaths.normalize(rawPath, "path");
        return stat(access.reading(target), path, "path");
    }

    /** {@link #stat} on a container already authorised. */
    FileEntry stat(ContainerRef ref, String path, String field) {
        String marker = MarkedRecords.newMarker();
        FileCommands.Output out = commands.run(
                ref,
                Scripts.STAT,
                List.of(StatFormat.format(marker), StatFormat.targetFormat(marker), path),
                64 * 1024);
        FileCommands.check(out.exitCode(), out.firstError(), path, field);
        try {
            MarkedRecords records = new MarkedRecords(new java.io.ByteArrayInputStream(out.stdout()), marker);
            byte[] first = records.next();
            if (first == null) {
                throw FileCommands.checkFailed(path);
            }
            FileEntry entry = StatFormat.parse(first);
            byte[] second = records.next();
            if (second != null && StatFormat.isTarget(second)) {
                entry = entry.withTargetType(StatFormat.targetType(second));
            }
            return entry;
        } catch (IOException e) {
            throw FileCommands.checkFailed(path);
        }
    }

    /**
     * Files under a directory whose name matches a glob.
     *
     * @param type file, directory or symlink; null for any
     * @param maxDepth how deep to look (1: the directory's own entries); null for no limit
     * @param limit how many to return at most (up to cloudops.files.max-search-results)
     */
    FindResult find(
            FileAccess.Target target,
            String rawPath,
            String name,
            String type,
            Integer maxDepth,
            boolean ignoreCase,
            Integer limit) {
        String path = FilePaths.normalize(rawPath, "path");
        if (name == null
                || name.isEmpty()
                || name.length() > FilePaths.MAX_NAME_BYTES
                || name.indexOf('\0') >= 0
                || name.indexOf('/') >= 0) {
            throw ApiException.badRequest(
                    "invalid-pattern", "name is a glob on file names: 1–255 characters, no / and no NUL", "name");
        }
        String findType = findType(type);
        if (maxDepth != null && (maxDepth < 1 || maxDepth > MAX_DEPTH)) {
            throw ApiException.badRequest("invalid-field", "maxDepth must be between 1 and " + MAX_DEPTH, "maxDepth");
        }
        int max = limit(limit);
        ContainerRef ref = access.reading(target);
        String marker = MarkedRecords.newMarker();
        String format = StatFormat.format(marker);
        List<String> argv = new ArrayList<>(List.of(path, "find", "-H", path, "-mindepth", "1"));
        if (maxDepth != null) {
            argv.addAll(List.of("-maxdepth", Integer.toString(maxDepth)));
        }
        // ( ! match -o link: stat; readlink ) -o stat {} +   BusyBox runs "-exec … {} +" only outside parentheses.
        argv.addAll(List.of("(", "!", "(", ignoreCase ? "-iname" : "-name", name));
        if (findType != null) {
            argv.addAll(List.of("-type", findType));
        }
        argv.addAll(List.of(
                ")",
                "-o",
                "-type",
                "l",
                "-exec",
                "stat",
                "-c",
                format,
                "{}",
                ";",
                "-exec",
                "readlink",
                "{}",
                ";",
                ")",
                "-o",
                "-exec",
                "stat",
                "-c",
                format,
                "{}",
                "+"));
        Collected collected = collect(ref, Scripts.IN_DIRECTORY, argv, marker, max, path);
        List<FileEntry> entries = new ArrayList<>(collected.entries());
        entries.sort(Comparator.comparing(FileEntry::path));
        return new FindResult(path, name, entries, collected.truncated(), collected.warning());
    }

    int limit(Integer limit) {
        int max = settings.maxSearchResults();
        if (limit == null) {
            return max;
        }
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + max, "limit");
        }
        return limit;
    }

    private static String findType(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "file", "f" -> "f";
            case "directory", "d" -> "d";
            case "symlink", "l" -> "l";
            default ->
                throw ApiException.badRequest("invalid-field", "type must be file, directory or symlink", "type");
        };
    }

    private record Collected(List<FileEntry> entries, boolean truncated, String warning) {}

    /** Runs a script printing stat records and parses up to {@code max} of them. */
    private Collected collect(ContainerRef ref, String script, List<String> args, String marker, int max, String path) {
        List<FileEntry> entries = new ArrayList<>();
        boolean truncated = false;
        try (ContainerCommand command = commands.script(ref, script, args, false)) {
            MarkedRecords records = new MarkedRecords(command.stdout(), marker);
            try {
                byte[] record;
                while ((record = records.next()) != null) {
                    if (record.length == 0) {
                        continue;
                    }
                    if (entries.size() == max) {
                        truncated = true;
                        break;
                    }
                    entries.add(StatFormat.parse(record));
                }
            } catch (IOException e) {
                // The connection ended; the exit code (or the deadline) tells why.
            }
            if (truncated) {
                return new Collected(entries, true, null);
            }
            int code = command.exitCode(commands.timeout().plusSeconds(5));
            // find exits 1 when some entries could not be read (vanished, unreadable): the rest is still the answer.
            if (code != 1 || entries.isEmpty() && command.stderr().isEmpty()) {
                FileCommands.check(code, command.firstError(), path, "path");
            }
            String warning = command.stderr().isEmpty() ? null : command.firstError();
            return new Collected(entries, false, warning);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
