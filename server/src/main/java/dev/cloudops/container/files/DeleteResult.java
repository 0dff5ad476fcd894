package dev.cloudops.container.files;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a batch delete did, path by path (in the order given).
 *
 * @param deleted how many paths were deleted
 * @param failed how many were not
 */
public record DeleteResult(int deleted, int failed, List<Outcome> results) {

    /**
     * @param code null when deleted, else file-not-found, file-permission-denied, directory-not-empty or
     *     file-operation-failed
     */
    public record Outcome(
            @Schema(example = "/tmp/old") String path,
            boolean deleted,
            @Schema(example = "directory-not-empty") String code,
            String detail) {}
}
