package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A directory's entries, directories first, then by name.
 *
 * @param path the directory, normalised
 * @param truncated true when the directory holds more than cloudops.files.max-list-entries entries and only that
 *     many (in no particular choice) are listed
 * @param warning the first complaint of find or stat, e.g. about an entry that vanished while listed; null when none
 */
public record DirectoryListing(
        @Schema(example = "/etc/nginx") String path, List<FileEntry> entries, boolean truncated, String warning) {}
