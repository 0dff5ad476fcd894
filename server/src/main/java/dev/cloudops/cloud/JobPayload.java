package dev.cloudops.cloud;

import java.util.List;

/**
 * What a job needs to go on with on any replica: the cloud operation, its region, and what to do once it
 * succeeds (register a new cluster in the registry under a name, env and tags).
 */
record JobPayload(
        CloudOperation operation, String region, boolean register, String registryName, String env, List<String> tags) {

    JobPayload {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static JobPayload of(CloudOperation operation, String region) {
        return new JobPayload(operation, region, false, null, null, List.of());
    }
}
