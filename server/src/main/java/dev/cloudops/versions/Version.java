package dev.cloudops.versions;

import java.time.Instant;
import java.util.List;

/**
 * One version of a tracked object (the plan's YAMLVersion).
 *
 * @param id the version's own id (platform-wide)
 * @param resourceId the tracked resource it belongs to
 * @param resourceType the object's kind
 * @param number its number within the resource, counted across branches
 * @param version the number as written in refs and diffs ({@code v7})
 * @param branch {@code main} for versions the cluster went through; another name for versions committed on a branch
 * @param parentNumber the version it follows (null for the first)
 * @param commitHash SHA-256 of the stable YAML: equal content, equal hash
 * @param createdBy the user who made the change, or {@code observed} for a change seen on the cluster
 * @param source how it came: {@code track}, {@code observed}, {@code apply}, {@code scale}, {@code restart},
 *     {@code delete}, {@code replace}, {@code rollback}, {@code branch-apply}, {@code commit}
 * @param summary one line naming what changed from the parent
 * @param current true for the version the live object is at
 * @param deleted true when this version records the object's deletion (its content is empty)
 * @param yamlContent the object in stable form (only when one version is asked for)
 * @param diffContent the unified diff from the parent (only when one version is asked for)
 */
public record Version(
        long id,
        long resourceId,
        String resourceType,
        int number,
        String version,
        String branch,
        Integer parentNumber,
        String commitHash,
        String createdBy,
        String source,
        String changeLog,
        String summary,
        int linesAdded,
        int linesRemoved,
        List<String> tags,
        boolean current,
        boolean deleted,
        Instant createdAt,
        String yamlContent,
        String diffContent) {

    public Version {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static String label(int number) {
        return "v" + number;
    }
}
