package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Lines that match a pattern, file by file.
 *
 * @param truncated true when the search stopped at the limit
 * @param engine {@code gnu} (GNU grep: recursive, binary files skipped) or {@code busybox} (one grep per file)
 */
public record GrepResult(
        @Schema(example = "/etc") String path,
        @Schema(example = "listen") String pattern,
        List<Match> matches,
        boolean truncated,
        @Schema(example = "gnu") String engine) {

    /**
     * One matching line.
     *
     * @param line its number, from 1
     * @param text the line (at most 1,000 characters; longer lines end with …)
     */
    public record Match(
            @Schema(example = "/etc/nginx/nginx.conf") String path,
            @Schema(example = "38") long line,
            @Schema(example = "    listen 80;") String text) {}
}
