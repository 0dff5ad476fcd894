package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Downloads: a file as it is ({@code head -c <size>}, with its length), a directory or several paths as one tar
 * stream ({@code tar -c} in the container), optionally gzip-compressed here. Nothing is buffered beyond one chunk;
 * the client's reading paces the container.
 */
@Service
class FileDownloads {

    private static final Logger log = LoggerFactory.getLogger(FileDownloads.class);
    private static final int CHUNK = 64 * 1024;
    /** The two zero blocks that end every tar archive. */
    private static final int END_OF_ARCHIVE = 1024;

    static final int MAX_PATHS = 1000;

    private final FileAccess access;
    private final FileCommands commands;
    private final FileBrowser browser;
    private final long maxBytes;

    FileDownloads(FileAccess access, FileCommands commands, FileBrowser browser, CloudOpsProperties properties) {
        this.access = access;
        this.commands = commands;
        this.browser = browser;
        this.maxBytes = properties.files().maxDownloadBytes();
    }

    /**
     * Opens a download of one path (a file as is, a directory as an archive) or of several (one archive).
     *
     * @param format {@code tar} (default) or {@code tgz} for archives
     */
    Download open(FileAccess.Target target, List<String> rawPaths, String format) {
        if (rawPaths == null || rawPaths.isEmpty() || rawPaths.size() > MAX_PATHS) {
            throw ApiException.badRequest("invalid-path", "give 1–" + MAX_PATHS + " path parameters", "path");
        }
        boolean gzip = gzip(format);
        List<String> paths = new ArrayList<>();
        for (String raw : rawPaths) {
            paths.add(FilePaths.normalize(raw, "path"));
        }
        paths = outermost(paths);
        ContainerRef ref = access.reading(target);
        if (paths.size() > 1) {
            String common = FilePaths.commonParent(paths);
            List<String> names = paths.stream()
                    .map(p -> safeName(FilePaths.relative(p, common)))
                    .toList();
            return archive(ref, common, names, "files", gzip, paths.size() + " paths under " + common);
        }
        String path = paths.get(0);
        FileEntry entry = browser.stat(ref, path, "path");
        String type = entry.isSymlink() ? entry.targetType() : entry.type();
        String name = path.equals("/") ? "root" : FilePaths.name(path);
        if ("file".equals(type)) {
            return file(ref, path, name, entry.isSymlink() ? -1 : entry.size());
        }
        if ("directory".equals(type)) {
            return entry.isSymlink() || path.equals("/")
                    ? archive(ref, path, List.of("."), name, gzip, path)
                    : archive(ref, FilePaths.parent(path), List.of(safeName(name)), name, gzip, path);
        }
        throw ApiException.conflict(
                "not-a-regular-file",
                "'" + FilePaths.abbreviate(path) + "' is a " + (type == null ? "dangling symbolic link" : type)
                        + ": only files and directories are downloaded",
                "path");
    }

    private Download file(ContainerRef ref, String path, String name, long size) {
        if (maxBytes > 0 && size > maxBytes) {
            throw tooLarge(path);
        }
        ContainerCommand command =
                commands.script(ref, Scripts.CAT, List.of(path, Long.toString(Math.max(size, 0))), false);
        Peeked first = peek(command, path, null);
        long length = size > 0 ? size : first.count() < 0 ? 0 : -1;
        return new Download(
                name, "application/octet-stream", length, out -> pump(command, first, out, false, size, path, false));
    }

    /** @param shown what the download is of, for the log */
    private Download archive(
            ContainerRef ref, String dir, List<String> names, String name, boolean gzip, String shown) {
        List<String> args = new ArrayList<>(names.size() + 1);
        args.add(dir);
        args.addAll(names);
        ContainerCommand command = commands.script(ref, Scripts.TAR, args, false);
        Peeked first = peek(command, dir, dir);
        return new Download(
                name + (gzip ? ".tar.gz" : ".tar"),
                gzip ? "application/gzip" : "application/x-tar",
                -1,
                out -> pump(command, first, out, gzip, -1, shown, true));
    }

    /** The first bytes, or the problem the command ended with before printing any. */
    private record Peeked(byte[] buffer, int count) {}

    private Peeked peek(ContainerCommand command, String path, String tarDir) {
        byte[] buffer = new byte[CHUNK];
        int n;
        try {
            n = command.stdout().read(buffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            try {
                int code = command.exitCode(commands.timeout().plusSeconds(5));
                if (code == Scripts.NOT_FOUND && tarDir != null) {
                    String missing = command.stderr();
                    FileCommands.check(code, "", missing.isEmpty() ? tarDir : FilePaths.join(tarDir, missing), "path");
                }
                FileCommands.check(code, command.firstError(), path, "path");
            } catch (ApiException e) {
                command.close();
                throw e;
            }
        }
        return new Peeked(buffer, n);
    }

    private void pump(
            ContainerCommand command,
            Peeked first,
            OutputStream client,
            boolean gzip,
            long size,
            String path,
            boolean tar)
            throws IOException {
        try (command) {
            OutputStream out = gzip ? new GZIPOutputStream(client, CHUNK) : client;
            long count = 0;
            long sinceDeadline = 0;
            command.deadline(commands.timer(), commands.timeout());
            byte[] buffer = first.buffer();
            int n = first.count();
            InputStream in = command.stdout();
            long trailingZeros = 0;
            while (n >= 0) {
                if (maxBytes > 0 && count + n > maxBytes) {
                    throw aborted(path, "it is larger than cloudops.files.max-download-bytes (" + maxBytes + ")");
                }
                out.write(buffer, 0, n);
                count += n;
                trailingZeros = trailingZeros(buffer, n, trailingZeros);
                sinceDeadline += n;
                if (sinceDeadline >= 1 << 20) {
                    command.deadline(commands.timer(), commands.timeout());
                    sinceDeadline = 0;
                }
                n = read(in, buffer);
            }
            int code;
            try {
                code = command.exitCode(commands.timeout());
            } catch (ApiException e) {
                throw aborted(path, e.getMessage());
            }
            // Without an exit code (the connection ended before the kubelet's status), the bytes tell: a file must
            // have its size, an archive must end with tar's end-of-archive blocks.
            boolean whole = code == ContainerProcess.NO_EXIT_CODE
                    && (tar ? trailingZeros >= END_OF_ARCHIVE : size > 0 && count == size);
            if (code != 0 && !whole && !(tar && code == 1 && onlyChangedWhileRead(command.stderr()))) {
                throw aborted(
                        path, "the command in the container failed (exit code " + code + "): " + command.firstError());
            }
            if (size > 0 && count != size) {
                throw aborted(path, "it changed while it was read (" + count + " of " + size + " bytes)");
            }
            if (gzip) {
                ((GZIPOutputStream) out).finish();
            }
            out.flush();
        }
    }

    /** How many zero bytes end the stream so far, given {@code before} for what came before this chunk. */
    static long trailingZeros(byte[] chunk, int n, long before) {
        int i = n;
        while (i > 0 && chunk[i - 1] == 0) {
            i--;
        }
        return i == 0 ? before + n : n - i;
    }

    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            return -1;
        }
    }

    /** GNU tar exits 1 when a file changed while it was archived: the archive is whole, the file as read. */
    private static boolean onlyChangedWhileRead(String stderr) {
        return !stderr.isEmpty()
                && stderr.lines().allMatch(l -> l.contains("file changed as we read it") || l.isBlank());
    }

    private static Download.TransferAbortedException aborted(String path, String why) {
        log.warn("Download of {} aborted: {}", FilePaths.abbreviate(path), why);
        return new Download.TransferAbortedException("Download of '" + path + "' aborted: " + why);
    }

    /** Drops paths that lie inside another one of the list; keeps the order given otherwise. */
    static List<String> outermost(List<String> paths) {
        List<String> byLength = new ArrayList<>(paths);
        byLength.sort(Comparator.comparingInt(String::length));
        List<String> kept = new ArrayList<>();
        for (String path : byLength) {
            if (kept.stream().noneMatch(k -> FilePaths.within(path, k))) {
                kept.add(path);
            }
        }
        return paths.stream().filter(kept::contains).distinct().toList();
    }

    /** A relative name tar cannot take for an option. */
    private static String safeName(String relative) {
        return relative.startsWith("-") ? "./" + relative : relative;
    }

    private static boolean gzip(String format) {
        if (format == null || format.isEmpty()) {
            return false;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "tar" -> false;
            case "tgz", "tar.gz", "gzip" -> true;
            default -> throw ApiException.badRequest("invalid-field", "format must be tar or tgz", "format");
        };
    }

    private ApiException tooLarge(String path) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "download-too-large",
                "'" + FilePaths.abbreviate(path) + "' is larger than " + maxBytes
                        + " bytes (cloudops.files.max-download-bytes)",
                "path");
    }
}
