package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Editing text files: read whole (up to cloudops.files.max-edit-bytes, UTF-8 only) with a SHA-256, write back only
 * while the file still has that SHA-256 (compare and replace in one script in the container).
 */
@Service
class FileEditor {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final FileAccess access;
    private final FileCommands commands;
    private final int maxBytes;

    FileEditor(FileAccess access, FileCommands commands, CloudOpsProperties properties) {
        this.access = access;
        this.commands = commands;
        this.maxBytes = properties.files().maxEditBytes();
    }

    TextFile read(FileAccess.Target target, String rawPath) {
        String path = FilePaths.normalize(rawPath, "path");
        ContainerRef ref = access.reading(target);
        String marker = MarkedRecords.newMarker();
        FileCommands.Output out = commands.run(
                ref,
                Scripts.READ,
                List.of(StatFormat.format(marker), path, Long.toString(maxBytes + 1L), marker),
                maxBytes + 64 * 1024);
        FileCommands.check(out.exitCode(), out.firstError(), path, "path");
        byte[] all = out.stdout();
        byte[] mark = marker.getBytes(StandardCharsets.US_ASCII);
        int second = indexOf(all, mark, mark.length);
        if (!startsWith(all, mark) || second < 0) {
            throw FileCommands.checkFailed(path);
        }
        FileEntry entry = StatFormat.parse(Arrays.copyOfRange(all, mark.length, second));
        byte[] content = Arrays.copyOfRange(all, second + mark.length, all.length);
        if (out.truncated() || content.length > maxBytes) {
            throw tooLarge(path, "path");
        }
        String text = decode(content, path, "path");
        return new TextFile(path, text, sha256(content), content.length, entry);
    }

    SavedFile write(FileAccess.Target target, TextWrite request) {
        String path = FilePaths.normalize(request.path(), "path");
        if (request.content() == null) {
            throw ApiException.badRequest(
                    "invalid-field", "content is required (an empty string empties the file)", "content");
        }
        boolean create = Boolean.TRUE.equals(request.create());
        String expected = request.sha256();
        if (create && expected != null && !expected.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "sha256 is for replacing an existing file; leave it out with create=true",
                    "sha256");
        }
        if (!create && (expected == null || !SHA256.matcher(expected).matches())) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "sha256 must be the 64 lower-case hex digits GET …/files/content answered (or set create=true)",
                    "sha256");
        }
        if (request.content().indexOf('\0') >= 0) {
            throw binary(path, "content");
        }
        byte[] bytes = request.content().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw tooLarge(path, "content");
        }
        ContainerRef ref = access.writing(target);
        String verb = create ? "create " : "write ";
        return access.recorded(
                ref,
                verb + path,
                () -> save(ref, path, create ? "" : expected, bytes),
                saved -> bytes.length + " bytes, sha256 " + (create ? "(new)" : expected) + " -> " + saved.sha256());
    }

    private SavedFile save(ContainerRef ref, String path, String expected, byte[] bytes) {
        String marker = MarkedRecords.newMarker();
        List<String> args = List.of(path, expected, Integer.toString(bytes.length), StatFormat.format(marker));
        try (ContainerCommand command = commands.script(ref, Scripts.WRITE, args, true)) {
            try {
                OutputStream in = command.stdin();
                in.write(bytes);
                in.flush();
            } catch (IOException e) {
                // The script stopped before reading (the file exists, is missing …): its exit code says why.
            }
            byte[] out;
            try {
                out = command.stdout().readNBytes(64 * 1024);
            } catch (IOException e) {
                out = new byte[0];
            }
            int code = command.exitCode(commands.timeout().plusSeconds(5));
            FileCommands.check(code, command.firstError(), path, "path");
            FileEntry entry;
            try {
                byte[] record = new MarkedRecords(new java.io.ByteArrayInputStream(out), marker).next();
                entry = record == null ? null : StatFormat.parse(record);
            } catch (IOException e) {
                entry = null;
            }
            return new SavedFile(path, sha256(bytes), bytes.length, entry);
        }
    }

    /** The bytes as UTF-8 text; refuses NUL bytes and malformed UTF-8 (a binary file). */
    static String decode(byte[] content, String path, String field) {
        for (byte b : content) {
            if (b == 0) {
                throw binary(path, field);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw binary(path, field);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private ApiException tooLarge(String path, String field) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "file-too-large",
                "'" + FilePaths.abbreviate(path) + "' is larger than " + maxBytes
                        + " bytes (cloudops.files.max-edit-bytes): download it instead",
                field);
    }

    private static ApiException binary(String path, String field) {
        return ApiException.unprocessable(
                "file-binary",
                "'" + FilePaths.abbreviate(path) + "' is not UTF-8 text (it holds NUL bytes or invalid UTF-8):"
                        + " download it instead",
                field);
    }

    private static boolean startsWith(byte[] all, byte[] prefix) {
        return all.length >= prefix.length && Arrays.equals(all, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] all, byte[] part, int from) {
        outer:
        for (int i = from; i <= all.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (all[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
