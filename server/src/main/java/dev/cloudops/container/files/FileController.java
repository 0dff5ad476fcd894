package dev.cloudops.container.files;

import dev.cloudops.container.ContainerOperation;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Files",
        description = "Files in containers: browse, stat, find, grep, edit text, upload, download, mkdir, rename,"
                + " delete, chmod, chown. Works in any image with sh and GNU coreutils or BusyBox. Reads need viewer"
                + " rights on the namespace, changes operator rights. See docs/files.md.")
@RestController
@Validated
class FileController {

    static final String FILES = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/files";

    /** Problems every file endpoint can answer once its own input is valid. */
    static final String TARGET_PROBLEMS =
            " Target problems: 400 invalid-namespace / invalid-name, 404 cluster-not-found"
                    + " / kube-not-found (pod or namespace) / container-not-found, 403 forbidden, 409 container-not-running,"
                    + " 501 simulated-cluster, 422 files-unsupported (no sh or core utilities in the image), 504"
                    + " file-operation-timeout (cloudops.files.operation-timeout).";

    private final FileBrowser browser;
    private final FileGrep grep;
    private final FileEditor editor;
    private final FileAccess access;

    FileController(FileBrowser browser, FileGrep grep, FileEditor editor, FileAccess access) {
        this.browser = browser;
        this.grep = grep;
        this.editor = editor;
        this.access = access;
    }

    @Operation(
            summary = "List a directory",
            description = "Every entry with type, size, mode (octal and rwx), owner and group (names and ids), mtime,"
                    + " link count and symbolic-link target; directories first, then by name. File names with spaces,"
                    + " newlines or any UTF-8 come back exactly. At most cloudops.files.max-list-entries entries"
                    + " (truncated=true beyond). A symbolic link to a directory is followed. Problems: 400"
                    + " invalid-path, 404 file-not-found, 409 not-a-directory, 403 file-permission-denied."
                    + TARGET_PROBLEMS)
    @GetMapping(FILES)
    DirectoryListing list(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "/") @Parameter(example = "/etc/nginx") String path) {
        return browser.list(target(clusterId, namespace, pod, container), path);
    }

    @Operation(
            summary = "Stat one file",
            description = "The file itself, not following a symbolic link; for a link also its target and the type of"
                    + " what it points to (targetType, null when dangling). Problems: 400 invalid-path, 404"
                    + " file-not-found, 403 file-permission-denied." + TARGET_PROBLEMS)
    @GetMapping(FILES + "/stat")
    FileEntry stat(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/etc/nginx/nginx.conf") String path) {
        return browser.stat(target(clusterId, namespace, pod, container), path);
    }

    @Operation(
            summary = "Find files by name",
            description = "find under path for names matching a glob (name, e.g. *.log; ignoreCase for -iname),"
                    + " optionally of one type (file, directory, symlink) and down to maxDepth (1–64) levels. Entries"
                    + " as in the listing, sorted by path; at most limit (default and maximum"
                    + " cloudops.files.max-search-results), truncated=true beyond. Problems: 400 invalid-path /"
                    + " invalid-pattern / invalid-field / invalid-limit, 404 file-not-found, 409 not-a-directory."
                    + TARGET_PROBLEMS)
    @GetMapping(FILES + "/find")
    FindResult find(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "/") @Parameter(example = "/var/log") String path,
            @RequestParam @Parameter(example = "*.log") String name,
            @RequestParam(required = false) @Parameter(example = "file") String type,
            @RequestParam(required = false) @Parameter(example = "3") Integer maxDepth,
            @RequestParam(defaultValue = "false") boolean ignoreCase,
            @RequestParam(required = false) @Parameter(example = "100") Integer limit) {
        return browser.find(
                target(clusterId, namespace, pod, container), path, name, type, maxDepth, ignoreCase, limit);
    }

    @Operation(
            summary = "Grep file contents",
            description = "Lines containing pattern (a literal string; regex=true for a POSIX extended regular"
                    + " expression as grep -E reads it; ignoreCase) in the file at path or in every file under it."
                    + " With GNU grep binary files are skipped; with BusyBox every file is searched. Each match has"
                    + " path, line number and the line (at most 1,000 characters). At most limit matches (default and"
                    + " maximum cloudops.files.max-search-results), truncated=true beyond. Problems: 400 invalid-path /"
                    + " invalid-pattern / invalid-regex / invalid-limit, 404 file-not-found." + TARGET_PROBLEMS)
    @GetMapping(FILES + "/grep")
    GrepResult grep(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "/") @Parameter(example = "/etc/nginx") String path,
            @RequestParam @Parameter(example = "listen") String pattern,
            @RequestParam(defaultValue = "false") boolean regex,
            @RequestParam(defaultValue = "false") boolean ignoreCase,
            @RequestParam(required = false) @Parameter(example = "100") Integer limit) {
        return grep.grep(target(clusterId, namespace, pod, container), path, pattern, regex, ignoreCase, limit);
    }

    @Operation(
            summary = "Open a text file for editing",
            description = "The whole file as UTF-8 text with its SHA-256 (send it back to save) and its stat (a"
                    + " symbolic link is followed). Problems: 400 invalid-path, 404 file-not-found, 409 is-a-directory"
                    + " / not-a-regular-file, 403 file-permission-denied, 413 file-too-large (over"
                    + " cloudops.files.max-edit-bytes, 1 MiB by default), 422 file-binary (NUL bytes or not UTF-8)."
                    + TARGET_PROBLEMS)
    @GetMapping(FILES + "/content")
    TextFile content(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/etc/nginx/conf.d/default.conf") String path) {
        return editor.read(target(clusterId, namespace, pod, container), path);
    }

    @Operation(
            summary = "A container's file change history",
            description = "Every file change (upload, save, mkdir, rename, delete, chmod, chown) in this container,"
                    + " newest first, paged {items,page,size,total}: user, operation and paths (command), outcome"
                    + " (SUCCEEDED, FAILED, TIMED_OUT), start, duration and detail (the problem code when refused)."
                    + " Needs read rights on the namespace.")
    @GetMapping(FILES + "/history")
    Page<ContainerOperation> history(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return access.history(target(clusterId, namespace, pod, container), page, size);
    }

    static FileAccess.Target target(long clusterId, String namespace, String pod, String container) {
        return new FileAccess.Target(clusterId, namespace, pod, container);
    }
}
