package dev.cloudops.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cloud account as the API shows it: never a secret. {@code keyHint} is the last four characters of the access
 * key id, enough to tell keys apart.
 *
 * @param identity who the platform acts as, from the last validation
 * @param validatedAt when the credentials were last checked with the cloud
 */
public record CloudAccountView(
        long id,
        String name,
        String provider,
        List<String> regions,
        String keyHint,
        String roleArn,
        Map<String, String> endpoints,
        CloudIdentity identity,
        Instant validatedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public CloudAccountView {
        regions = List.copyOf(regions);
        endpoints = Map.copyOf(endpoints);
    }
}
