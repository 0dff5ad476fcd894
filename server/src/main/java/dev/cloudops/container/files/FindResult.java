package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Files found by name, sorted by path.
 *
 * @param truncated true when the search stopped at the limit
 * @param warning the first complaint of find (an unreadable directory …); null when none
 */
public record FindResult(
        @Schema(example = "/var/log") String path,
        @Schema(example = "*.log") String name,
        List<FileEntry> entries,
        boolean truncated,
        String warning) {}
