package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * New content for a text file.
 *
 * @param content the whole new content (UTF-8, no NUL, at most cloudops.files.max-edit-bytes bytes)
 * @param sha256 the checksum the file had when it was read (from GET …/files/content); the save is refused with 409
 *     file-changed when the file no longer has it. Required unless {@code create}.
 * @param create create a new file instead; refused with 409 file-exists when the path exists
 */
public record TextWrite(
        @Schema(example = "/etc/nginx/conf.d/default.conf") String path,
        @Schema(example = "server {\n    listen 8080;\n}\n") String content,

        @Schema(example = "3b5d3c7d207e37dceeedd301e35e2e58408f4d3b1e5b3c7c1f4b6e1a7b5c9d2e")
        String sha256,

        Boolean create) {}
