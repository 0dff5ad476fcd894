package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an upload put into the container.
 *
 * @param path the target directory
 * @param bytes the files' bytes together
 * @param names the top-level names created or replaced in the target directory (the first 100)
 */
public record UploadResult(
        @Schema(example = "/srv/www") String path,
        @Schema(example = "12") int files,
        @Schema(example = "3") int directories,
        @Schema(example = "0") int links,
        @Schema(example = "482113") long bytes,
        @Schema(example = "[\"index.html\", \"assets\"]") List<String> names) {}
