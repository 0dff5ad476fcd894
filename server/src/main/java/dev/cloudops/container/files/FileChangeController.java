package dev.cloudops.container.files;

import static dev.cloudops.container.files.FileController.FILES;
import static dev.cloudops.container.files.FileController.TARGET_PROBLEMS;
import static dev.cloudops.container.files.FileController.target;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Files")
@RestController
class FileChangeController {

    private static final String WRITE = " Needs operator rights on the namespace; recorded in the file history and the"
            + " audit trail, refused or not.";

    private final FileEditor editor;
    private final FileChanges changes;

    FileChangeController(FileEditor editor, FileChanges changes) {
        this.editor = editor;
        this.changes = changes;
    }

    @Operation(
            summary = "Save a text file",
            description = "Replaces the file's content with content, only if the file still has the sha256 that GET"
                    + " …/files/content answered (compared and replaced in one step in the container; mode and owner"
                    + " kept; a symbolic link's target is written). create=true makes a new file instead (no sha256)."
                    + " Answers the new sha256. Problems: 400 invalid-path / invalid-field, 409 file-changed (the file"
                    + " changed meanwhile: nothing was written), 409 file-exists (create), 404 file-not-found, 409"
                    + " is-a-directory / not-a-regular-file, 403 file-permission-denied, 413 file-too-large (over"
                    + " cloudops.files.max-edit-bytes), 422 file-binary (content with NUL)." + WRITE + TARGET_PROBLEMS)
    @PutMapping(FILES + "/content")
    SavedFile save(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody TextWrite request) {
        return editor.write(target(clusterId, namespace, pod, container), request);
    }

    @Operation(
            summary = "Create a directory",
            description = "parents=true also creates missing parents and accepts an existing directory (mkdir -p)."
                    + " Answers the new directory's stat. Problems: 400 invalid-path, 409 file-exists, 404"
                    + " file-not-found (the parent), 403 file-permission-denied." + WRITE + TARGET_PROBLEMS)
    @PostMapping(FILES + "/mkdir")
    @ResponseStatus(HttpStatus.CREATED)
    FileEntry mkdir(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody FileRequests.Mkdir request) {
        return changes.mkdir(target(clusterId, namespace, pod, container), request);
    }

    @Operation(
            summary = "Rename or move a file or directory",
            description = "from → to (any directory of the container). An existing file at to is replaced only with"
                    + " overwrite=true; an existing directory never is. Answers the stat at to. Problems: 400"
                    + " invalid-path (also moving a directory into itself), 404 file-not-found (from, or to's"
                    + " directory), 409 file-exists / is-a-directory, 403 file-permission-denied." + WRITE
                    + TARGET_PROBLEMS)
    @PostMapping(FILES + "/rename")
    FileEntry rename(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody FileRequests.Rename request) {
        return changes.rename(target(clusterId, namespace, pod, container), request);
    }

    @Operation(
            summary = "Change permissions",
            description = "mode octal (0644, 4755) or symbolic (u+x,go-w); recursive=true for chmod -R. Answers the"
                    + " stat after the change. Problems: 400 invalid-path / invalid-mode, 404 file-not-found, 422"
                    + " file-operation-failed (chmod refused, with its message)." + WRITE + TARGET_PROBLEMS)
    @PostMapping(FILES + "/chmod")
    FileEntry chmod(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody FileRequests.Chmod request) {
        return changes.chmod(target(clusterId, namespace, pod, container), request);
    }

    @Operation(
            summary = "Change owner and/or group",
            description = "user and group as names or numeric ids (at least one); recursive=true for chown -R. Only a"
                    + " container running as root may give files away. Answers the stat after the change. Problems:"
                    + " 400 invalid-path / invalid-owner, 404 file-not-found, 422 file-operation-failed (chown refused:"
                    + " unknown user, not permitted …)." + WRITE + TARGET_PROBLEMS)
    @PostMapping(FILES + "/chown")
    FileEntry chown(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody FileRequests.Chown request) {
        return changes.chown(target(clusterId, namespace, pod, container), request);
    }

    @Operation(
            summary = "Delete a file or directory",
            description = "A file or symbolic link (never what it points to), an empty directory, or with"
                    + " recursive=true a directory and all it holds. / cannot be deleted. Problems: 400 invalid-path,"
                    + " 404 file-not-found, 409 directory-not-empty, 403 file-permission-denied." + WRITE
                    + TARGET_PROBLEMS)
    @DeleteMapping(FILES)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam @Parameter(example = "/tmp/old.log") String path,
            @RequestParam(defaultValue = "false") boolean recursive) {
        changes.delete(target(clusterId, namespace, pod, container), path, recursive);
    }

    @Operation(
            summary = "Delete several files and directories",
            description = "Deletes each of paths (1–1000) as the single delete does, in one command, and answers path"
                    + " by path what happened (deleted, or a code: file-not-found, file-permission-denied,"
                    + " directory-not-empty, file-operation-failed). All paths are validated before anything is"
                    + " deleted: one invalid path (400 invalid-path, field paths[i]) deletes nothing." + WRITE
                    + TARGET_PROBLEMS)
    @PostMapping(FILES + "/delete")
    DeleteResult deleteMany(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody FileRequests.Delete request) {
        return changes.delete(target(clusterId, namespace, pod, container), request);
    }
}
