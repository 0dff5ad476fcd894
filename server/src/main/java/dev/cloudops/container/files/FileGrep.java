package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Grep by content under a path: GNU grep's recursive search where the image has it (binary files skipped, file
 * names NUL-terminated), else one BusyBox grep per file with marked file names. Stops at the limit.
 */
@Service
class FileGrep {

    static final int MAX_PATTERN = 1000;
    static final int MAX_LINE_CHARS = 1000;
    private static final int KEEP_LINE_BYTES = 4 * MAX_LINE_CHARS;
    private static final int KEEP_PATH_BYTES = FilePaths.MAX_PATH_BYTES + 64;

    private final FileAccess access;
    private final FileCommands commands;
    private final FileBrowser browser;

    FileGrep(FileAccess access, FileCommands commands, FileBrowser browser) {
        this.access = access;
        this.commands = commands;
        this.browser = browser;
    }

    /**
     * Lines matching {@code pattern} in the files under {@code rawPath} (or in that one file).
     *
     * @param regex a POSIX extended regular expression (grep -E) instead of a literal string
     */
    GrepResult grep(
            FileAccess.Target target,
            String rawPath,
            String pattern,
            boolean regex,
            boolean ignoreCase,
            Integer limit) {
        String path = FilePaths.normalize(rawPath, "path");
        if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN) {
            throw ApiException.badRequest(
                    "invalid-pattern", "pattern must be 1–" + MAX_PATTERN + " characters", "pattern");
        }
        if (pattern.indexOf('\0') >= 0 || pattern.indexOf('\n') >= 0 || pattern.indexOf('\r') >= 0) {
            throw ApiException.badRequest(
                    "invalid-pattern", "pattern must be one line without NUL characters", "pattern");
        }
        int max = browser.limit(limit);
        String options = (ignoreCase ? "-i" : "-") + (regex ? "E" : "F");
        ContainerRef ref = access.reading(target);
        String marker = MarkedRecords.newMarker();
        List<GrepResult.Match> matches = new ArrayList<>();
        boolean truncated;
        String engine;
        try (ContainerCommand command = commands.script(
                ref, Scripts.GREP, List.of(path, marker, Integer.toString(max), pattern, options), false)) {
            ByteFields fields = new ByteFields(command.stdout());
            boolean gnu = false;
            try {
                byte[] header = fields.next('\n', 8);
                gnu = header != null && header.length == 1 && header[0] == 'G';
                truncated = gnu ? gnu(fields, matches, max) : busybox(fields, marker, matches, max);
            } catch (IOException e) {
                truncated = false;
            }
            engine = gnu ? "gnu" : "busybox";
            if (truncated) {
                command.close();
            } else {
                int code = command.exitCode(commands.timeout().plusSeconds(5));
                // grep exits 1 when nothing matched, 2 also when some files were unreadable (-s silences those).
                boolean answered = code == 0
                        || code == 1
                        || code == 2 && !(matches.isEmpty() && !command.stderr().isEmpty());
                if (!answered) {
                    FileCommands.check(code, command.firstError(), path, "path");
                }
            }
        }
        return new GrepResult(path, pattern, matches, truncated, engine);
    }

    /** {@code path\0line:text\n} per match; true when stopped at {@code max}. */
    private static boolean gnu(ByteFields fields, List<GrepResult.Match> matches, int max) throws IOException {
        byte[] path;
        while ((path = fields.next(0, KEEP_PATH_BYTES)) != null) {
            byte[] line = fields.next('\n', KEEP_LINE_BYTES);
            if (line == null) {
                return false;
            }
            if (matches.size() == max) {
                return true;
            }
            add(matches, utf8(path), line);
        }
        return false;
    }

    /** Per file {@code <marker>path<marker>\n} then {@code line:text\n} lines; true when stopped at {@code max}. */
    private static boolean busybox(ByteFields fields, String marker, List<GrepResult.Match> matches, int max)
            throws IOException {
        String file = null;
        StringBuilder header = null;
        byte[] line;
        while ((line = fields.next('\n', KEEP_LINE_BYTES)) != null) {
            String text = utf8(line);
            if (header != null) {
                // The file name holds newlines: it goes on up to the closing marker.
                header.append('\n').append(text);
            } else if (text.startsWith(marker)) {
                header = new StringBuilder(text.substring(marker.length()));
            } else if (file != null) {
                if (matches.size() == max) {
                    return true;
                }
                add(matches, file, line);
                continue;
            } else {
                continue;
            }
            int close = header.indexOf(marker);
            if (close >= 0) {
                file = header.substring(0, close);
                header = null;
            }
        }
        return false;
    }

    private static void add(List<GrepResult.Match> matches, String path, byte[] line) {
        String text = utf8(line);
        int colon = text.indexOf(':');
        long number;
        try {
            number = Long.parseLong(text.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            return;
        }
        String content = text.substring(colon + 1);
        if (content.endsWith("\r")) {
            content = content.substring(0, content.length() - 1);
        }
        if (content.length() > MAX_LINE_CHARS) {
            content = content.substring(0, MAX_LINE_CHARS - 1) + "…";
        }
        matches.add(new GrepResult.Match(path, number, content));
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
