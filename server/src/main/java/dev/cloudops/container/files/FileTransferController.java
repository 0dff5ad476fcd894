package dev.cloudops.container.files;

import static dev.cloudops.container.files.FileController.FILES;
import static dev.cloudops.container.files.FileController.TARGET_PROBLEMS;
import static dev.cloudops.container.files.FileController.target;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.coyote.CloseNowException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Files")
@RestController
class FileTransferController {

    private static final String UPLOAD_PROBLEMS = " Problems: 400 invalid-path, 400 unsafe-archive-entry (an entry"
            + " that is absolute, holds .. or NUL, leads through a link of the archive, a link leaving the directory, a"
            + " device or FIFO), 400 malformed-archive / upload-interrupted, 413 upload-too-large (over"
            + " cloudops.files.max-upload-bytes), 404 file-not-found, 409 not-a-directory, 409 file-exists (without"
            + " overwrite), 403 file-permission-denied, 422 upload-failed (tar failed in the container, e.g. disk"
            + " full). On every problem nothing was written: the archive is extracted into a staging directory beside"
            + " the target and moved into place only when it was whole and valid. Needs operator rights; recorded in"
            + " the file history and the audit trail.";

    /** One description for both ways to upload: springdoc documents them as one operation. */
    private static final String UPLOAD =
            "Into the directory path, either as multipart/form-data (each part named file is"
                    + " written under its file name, which may hold a relative path such as dir/a.txt; parts are spooled to"
                    + " the server's disk, never held in memory) or as a tar stream (application/x-tar, or gzip-compressed:"
                    + " application/gzip) as tar -c writes it, streamed end to end with bounded memory: validated and"
                    + " re-encoded entry by entry on its way into the container, never stored whole. Missing directories are"
                    + " created; existing files are replaced only with overwrite=true (directories are merged). Owners are"
                    + " not restored; set-user-ID, set-group-ID and sticky bits are dropped. Answers 201 with the counts and"
                    + " the top-level names." + UPLOAD_PROBLEMS + TARGET_PROBLEMS;

    /** The request bodies both upload endpoints take. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = "multipart/form-data",
                        schemaProperties =
                                @SchemaProperty(
                                        name = "file",
                                        array = @ArraySchema(schema = @Schema(type = "string", format = "binary")))),
                @Content(mediaType = "application/x-tar", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary"))
            })
    @interface UploadBody {}

    private final FileDownloads downloads;
    private final FileUploads uploads;

    FileTransferController(FileDownloads downloads, FileUploads uploads) {
        this.downloads = downloads;
        this.uploads = uploads;
    }

    @Operation(
            summary = "Download files",
            description = "One path that is a file: its bytes (application/octet-stream, with Content-Length). One"
                    + " directory, or several paths (repeat path, up to 1000): one tar stream (application/x-tar,"
                    + " format=tgz for gzip) whose entries are relative to the paths' deepest common directory."
                    + " Streamed with bounded memory. Problems before the first byte: 400 invalid-path / invalid-field,"
                    + " 404 file-not-found, 409 not-a-regular-file (device, FIFO, dangling link), 403"
                    + " file-permission-denied, 413 download-too-large (cloudops.files.max-download-bytes). A failure"
                    + " after the first byte (the file changed size, tar failed) breaks the connection instead of"
                    + " ending the answer normally." + TARGET_PROBLEMS)
    @ApiResponse(
            responseCode = "200",
            description = "the file, or a tar archive",
            content = {
                @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/x-tar", schema = @Schema(type = "string", format = "binary"))
            })
    @GetMapping(FILES + "/download")
    void download(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/etc/nginx") List<String> path,
            @RequestParam(required = false) @Parameter(example = "tgz") String format,
            HttpServletResponse response)
            throws IOException {
        Download download = downloads.open(target(clusterId, namespace, pod, container), path, format);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(download.contentType());
        if (download.length() >= 0) {
            response.setContentLengthLong(download.length());
        }
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(download.filename(), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            download.body().writeTo(response.getOutputStream());
        } catch (Download.TransferAbortedException e) {
            // The answer is committed: only closing the connection without the end of the answer tells the client.
            throw new CloseNowException(e.getMessage(), e);
        }
    }

    /**
     * Lets a broken-off download reach the servlet container (Tomcat), which closes the connection without ending the
     * answer, so the client sees a broken transfer rather than a short one that looks whole. Rethrowing the same
     * exception keeps Spring from writing a problem into a committed binary answer. (Tomcat's ClientAbortException
     * would not do: Tomcat ends such an answer normally.)
     */
    @ExceptionHandler(CloseNowException.class)
    void brokenOff(CloseNowException e) throws CloseNowException {
        throw e;
    }

    @Operation(summary = "Upload files", description = UPLOAD)
    @UploadBody
    @PostMapping(value = FILES + "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UploadResult uploadParts(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/srv/www") String path,
            @RequestParam(defaultValue = "false") boolean overwrite,
            @RequestPart(name = "file", required = false) List<MultipartFile> file) {
        return uploads.multipart(target(clusterId, namespace, pod, container), path, overwrite, file);
    }

    @Operation(summary = "Upload files", description = UPLOAD)
    @UploadBody
    @PostMapping(
            value = FILES + "/upload",
            consumes = {"application/x-tar", "application/gzip", "application/x-gzip"})
    @ResponseStatus(HttpStatus.CREATED)
    UploadResult uploadTar(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/srv/www") String path,
            @RequestParam(defaultValue = "false") boolean overwrite,
            HttpServletRequest request)
            throws IOException {
        boolean gzip =
                request.getContentType() != null && request.getContentType().contains("gzip");
        return uploads.tar(
                target(clusterId, namespace, pod, container),
                path,
                overwrite,
                request.getInputStream(),
                gzip,
                request.getContentLengthLong());
    }
}
