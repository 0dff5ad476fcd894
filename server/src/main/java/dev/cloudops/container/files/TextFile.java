package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A text file opened for editing.
 *
 * @param content the whole file, UTF-8 (line endings as stored)
 * @param sha256 the SHA-256 of the file's bytes, hex: send it back with the new content to save
 * @param size bytes
 * @param file the file's stat (a symbolic link is followed: this is what it points to)
 */
public record TextFile(
        @Schema(example = "/etc/nginx/conf.d/default.conf") String path,
        @Schema(example = "server {\n    listen 80;\n}\n") String content,

        @Schema(example = "3b5d3c7d207e37dceeedd301e35e2e58408f4d3b1e5b3c7c1f4b6e1a7b5c9d2e")
        String sha256,

        @Schema(example = "29") long size,
        FileEntry file) {}
