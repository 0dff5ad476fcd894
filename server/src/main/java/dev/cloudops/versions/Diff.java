package dev.cloudops.versions;

import tools.jackson.databind.JsonNode;

/**
 * The differences between two versions, of one object or of two.
 *
 * @param unified unified diff of the stable YAML ({@code diff -u} format); empty when identical
 * @param patch RFC 6902 JSON Patch turning {@code from} into {@code to} (add, remove, replace)
 * @param summary one line naming the first changed fields
 */
public record Diff(
        Side from,
        Side to,
        boolean identical,
        String summary,
        int linesAdded,
        int linesRemoved,
        String unified,
        JsonNode patch) {

    /**
     * One side of a diff.
     *
     * @param number the version's number, null for the live object or for nothing (before the first version)
     * @param label how the diff headers name it ({@code deployments.apps/shop/web@v3})
     */
    public record Side(long resourceId, Integer number, String version, String commitHash, String label) {}
}
