package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One file as {@code stat} (without following symbolic links) describes it.
 *
 * @param name the last name of the path (as UTF-8; bytes that are not UTF-8 show as U+FFFD)
 * @param path the absolute path
 * @param type file, directory, symlink, fifo, socket, block-device, char-device
 * @param size bytes (for a symbolic link, the length of its target)
 * @param mode the permission bits in octal, e.g. {@code 0755} (with set-user-ID, set-group-ID and sticky bits)
 * @param permissions as {@code ls -l} prints them, e.g. {@code drwxr-xr-x}
 * @param user the owner's name, null when the container's user database has none
 * @param group the group's name, null when the container's group database has none
 * @param links the number of hard links
 * @param linkTarget a symbolic link's target as stored, null for other types
 * @param targetType for a symbolic link on {@code stat}: the type of what it points to, null when dangling (not
 *     filled in directory listings)
 */
public record FileEntry(
        @Schema(example = "nginx.conf") String name,
        @Schema(example = "/etc/nginx/nginx.conf") String path,
        @Schema(example = "file") String type,
        @Schema(example = "2656") long size,
        @Schema(example = "0644") String mode,
        @Schema(example = "-rw-r--r--") String permissions,
        @Schema(example = "0") long uid,
        @Schema(example = "root") String user,
        @Schema(example = "0") long gid,
        @Schema(example = "root") String group,
        Instant modified,
        @Schema(example = "1") long links,
        String linkTarget,
        String targetType) {

    FileEntry withTargetType(String type) {
        return new FileEntry(
                name,
                path,
                this.type,
                size,
                mode,
                permissions,
                uid,
                user,
                gid,
                group,
                modified,
                links,
                linkTarget,
                type);
    }

    boolean isDirectory() {
        return "directory".equals(type);
    }

    boolean isFile() {
        return "file".equals(type);
    }

    boolean isSymlink() {
        return "symlink".equals(type);
    }
}
