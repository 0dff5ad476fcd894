package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A text file as saved.
 *
 * @param sha256 its new checksum: the precondition of the next save
 * @param file its stat after the save
 */
public record SavedFile(
        @Schema(example = "/etc/nginx/conf.d/default.conf") String path,

        @Schema(example = "9f2c5a0e3d1b7c4a6e8f0b2d4c6a8e0f2b4d6c8a0e2f4b6d8c0a2e4f6b8d0c2a")
        String sha256,

        @Schema(example = "31") long size,
        FileEntry file) {}
