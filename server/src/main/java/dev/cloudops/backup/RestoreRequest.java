package dev.cloudops.backup;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * How to restore a backup.
 *
 * @param targetClusterId the cluster to restore into; the backup's own cluster when null
 * @param namespaceMapping source namespace → target namespace; unmapped namespaces keep their name
 * @param include when set, only objects matching one of these rules (their namespaces and CRDs come along)
 * @param exclude objects matching one of these rules are left out
 * @param existing what to do with an object that exists in the target: {@code SKIP} (default) or {@code UPDATE}
 * @param dryRun only answer what would happen to each object; nothing is written
 */
@Schema(description = "A restore: target, namespace mapping, filters, policy for existing objects, dry run")
public record RestoreRequest(
        @Schema(example = "2") Long targetClusterId,
        @Schema(example = "{\"shop\": \"shop-restored\"}") Map<String, String> namespaceMapping,
        List<ObjectRule> include,
        List<ObjectRule> exclude,

        @Schema(
                allowableValues = {"SKIP", "UPDATE"},
                example = "SKIP")
        Existing existing,

        @Schema(example = "true") Boolean dryRun) {

    /** What to do with objects that exist in the target already. */
    public enum Existing {
        SKIP,
        UPDATE
    }

    public RestoreRequest {
        namespaceMapping = namespaceMapping == null ? Map.of() : Map.copyOf(namespaceMapping);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        existing = existing == null ? Existing.SKIP : existing;
    }

    boolean preview() {
        return Boolean.TRUE.equals(dryRun);
    }
}
