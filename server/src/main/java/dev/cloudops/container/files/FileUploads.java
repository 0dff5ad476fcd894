package dev.cloudops.container.files;

import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads into a directory of a container: the files of a multipart request, or a tar (optionally gzip) stream,
 * validated entry by entry while it streams ({@link UploadArchive}) and extracted into a staging directory beside
 * the target; only when the whole archive was valid and extracted is it moved into place. On any failure the staging
 * directory is removed and the target directory is as it was. Memory stays bounded: the request streams through.
 */
@Service
class FileUploads {

    private static final Logger log = LoggerFactory.getLogger(FileUploads.class);
    /** Bytes per frame: one {@code head -c} in the container each. */
    private static final int FRAME = 1 << 20;
    /** Bytes per exec message: API servers and kubelets limit WebSocket message sizes. */
    private static final int MESSAGE = 32 * 1024;
    /** Frames in flight towards the container before its acknowledgements are awaited. */
    private static final int WINDOW = 4;
    /** What tar headers and padding may add to the files' bytes before a declared length is refused outright. */
    private static final long HEADER_ALLOWANCE = 64L << 20;

    private final FileAccess access;
    private final FileCommands commands;
    private final long maxBytes;

    FileUploads(FileAccess access, FileCommands commands, CloudOpsProperties properties) {
        this.access = access;
        this.commands = commands;
        this.maxBytes = properties.files().maxUploadBytes();
    }

    /** How the upload arrives. */
    interface Source {
        /** Writes every entry into {@code archive}, calling {@code progress} as data moves. */
        void writeTo(UploadArchive archive, Runnable progress) throws IOException;
    }

    /** A tar stream, gzip-compressed when {@code gzip}. */
    UploadResult tar(
            FileAccess.Target target,
            String rawDir,
            boolean overwrite,
            InputStream body,
            boolean gzip,
            long contentLength) {
        String dir = FilePaths.normalize(rawDir, "path");
        if (!gzip && contentLength > maxBytes + HEADER_ALLOWANCE) {
            throw UploadArchive.tooLarge(maxBytes);
        }
        return upload(target, dir, overwrite, (archive, progress) -> {
            InputStream in = gzip ? gunzip(body) : body;
            TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
            TarArchiveEntry entry;
            boolean any = false;
            while ((entry = next(tar)) != null) {
                any = true;
                archive.add(entry, tar, progress);
            }
            if (!any) {
                throw ApiException.badRequest(
                        "malformed-archive", "The body is not a tar archive, or is empty", "body");
            }
        });
    }

    /** The files of a multipart request; a file name may hold a relative path (a directory upload). */
    UploadResult multipart(FileAccess.Target target, String rawDir, boolean overwrite, List<MultipartFile> parts) {
        String dir = FilePaths.normalize(rawDir, "path");
        if (parts == null || parts.isEmpty()) {
            throw ApiException.badRequest(
                    "missing-parameter", "Send the files as multipart parts named 'file'", "file");
        }
        long total = 0;
        for (MultipartFile part : parts) {
            String name = part.getOriginalFilename();
            if (name == null || UploadArchive.name(name) == null) {
                throw UploadArchive.unsafe(name == null ? "" : name, "each part needs a file name");
            }
            total += part.getSize();
        }
        if (total > maxBytes) {
            throw UploadArchive.tooLarge(maxBytes);
        }
        long now = System.currentTimeMillis();
        return upload(target, dir, overwrite, (archive, progress) -> {
            for (MultipartFile part : parts) {
                try (InputStream in = part.getInputStream()) {
                    String name = UploadArchive.name(part.getOriginalFilename());
                    archive.file(name, part.getSize(), 0, now, in, progress);
                }
            }
        });
    }

    private UploadResult upload(FileAccess.Target target, String dir, boolean overwrite, Source source) {
        ContainerRef ref = access.writing(target);
        String staging = FilePaths.join(dir, ".cloudops-upload-" + MarkedRecords.newMarker());
        String token = MarkedRecords.newMarker();
        return access.recorded(
                ref,
                "upload " + dir + (overwrite ? " (overwrite)" : ""),
                () -> transfer(ref, dir, staging, token, overwrite, source),
                r -> r.files() + " files, " + r.directories() + " directories, " + r.links() + " links, " + r.bytes()
                        + " bytes: " + String.join(", ", r.names()));
    }

    private UploadResult transfer(
            ContainerRef ref, String dir, String staging, String token, boolean overwrite, Source source) {
        try (ContainerCommand command =
                commands.script(ref, Scripts.UPLOAD, List.of(dir, staging, overwrite ? "1" : "0", token), true)) {
            long wait = commands.timeout().toSeconds() + 5;
            UploadReplies replies = new UploadReplies(command.stdout(), commands.readers(), WINDOW);
            if (!"READY".equals(replies.next(wait))) {
                FileCommands.check(command.exitCode(commands.timeout()), command.firstError(), dir, "path");
                throw FileCommands.checkFailed(dir);
            }
            OutputStream stdin = command.stdin();
            FramedOutputStream framed = new FramedOutputStream(stdin, FRAME, MESSAGE, replies);
            UploadArchive archive = new UploadArchive(framed, maxBytes);
            try {
                source.writeTo(archive, () -> command.deadline(commands.timer(), commands.timeout()));
                archive.finish();
                framed.end();
            } catch (IOException | RuntimeException e) {
                abort(ref, command, framed, staging);
                throw e instanceof ApiException api ? api : interrupted(e);
            }
            command.deadline(commands.timer(), commands.timeout());
            String extracted = replies.next(wait);
            if (!"EXTRACTED 0".equals(extracted)) {
                verdict(stdin, "abort");
                command.exitCode(commands.timeout());
                throw ApiException.unprocessable(
                        "upload-failed",
                        "tar could not extract the upload in the container" + detail(command.stderr())
                                + ". Nothing was written.",
                        "body");
            }
            verdict(stdin, "commit " + token);
            String done = replies.rest(wait).strip();
            int code = command.exitCode(commands.timeout());
            if (code == Scripts.EXISTS && done.startsWith("EXISTS ")) {
                throw ApiException.conflict(
                        "file-exists",
                        "'" + FilePaths.abbreviate(FilePaths.join(dir, done.substring(7))) + "' already exists; upload"
                                + " with overwrite=true to replace it. Nothing was written.",
                        "path");
            }
            // DONE is the script's last word: without an exit code (the connection ended first) it still tells.
            boolean finished = done.equals("DONE") && (code == 0 || code == ContainerProcess.NO_EXIT_CODE);
            if (!finished) {
                FileCommands.check(code, command.firstError(), dir, "path");
                throw FileCommands.checkFailed(dir);
            }
            List<String> names = archive.topLevel().stream().limit(100).toList();
            return new UploadResult(
                    dir, archive.files(), archive.directories(), archive.links(), archive.bytes(), names);
        }
    }

    /**
     * Stops the extraction and waits until the script has removed the staging directory; when the connection is
     * gone, removes it with a command of its own.
     */
    private void abort(ContainerRef ref, ContainerCommand command, FramedOutputStream framed, String staging) {
        try {
            framed.abort();
            verdict(command.stdin(), "abort");
            command.deadline(commands.timer(), commands.timeout());
            if (command.exitCode(commands.timeout()) == 0) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // The connection broke: clean up below.
        }
        command.close();
        try {
            commands.run(ref, Scripts.CLEANUP, List.of(staging), 1024);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not remove the staging directory {} of a failed upload in {}: {}",
                    staging,
                    ref.path(),
                    e.getMessage());
        }
    }

    private static void verdict(OutputStream stdin, String verdict) {
        try {
            stdin.write((verdict + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException | RuntimeException e) {
            // The script ends without a verdict: it cleans up; its exit code tells the rest.
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "malformed-archive",
                    "The body is not a valid tar archive: " + e.getMessage() + ". Nothing was written.",
                    "body");
        }
    }

    private static InputStream gunzip(InputStream body) throws IOException {
        try {
            return new GZIPInputStream(body, 64 * 1024);
        } catch (java.util.zip.ZipException e) {
            throw ApiException.badRequest("malformed-archive", "The body is not gzip-compressed", "body");
        }
    }

    private static ApiException interrupted(Exception e) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "upload-interrupted",
                "The upload stopped before its end (" + e.getMessage() + "). Nothing was written.",
                "body");
    }

    private static String detail(String stderr) {
        return stderr == null || stderr.isBlank() ? "" : ": " + FilePaths.abbreviate(stderr.strip());
    }
}
