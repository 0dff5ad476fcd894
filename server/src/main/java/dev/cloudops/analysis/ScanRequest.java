package dev.cloudops.analysis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What to scan.
 *
 * @param namespace one namespace; absent: every namespace the caller may read (and cluster-scoped objects when the
 *     caller reads the whole cluster)
 * @param analyzers analyzer names; absent or empty: every analyzer
 */
@Schema(description = "A scan to start")
public record ScanRequest(
        @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        Long clusterId,

        @Schema(example = "shop") String namespace,
        @Schema(example = "[\"health\"]") List<String> analyzers) {}
