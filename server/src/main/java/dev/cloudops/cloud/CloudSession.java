package dev.cloudops.cloud;

import java.net.URI;
import java.util.Map;

/**
 * Everything a provider needs to call its cloud for one account in one region.
 *
 * @param accountId the platform's account record, a stable key for client caches
 * @param revision changes whenever the account's credentials or endpoints change (cached clients are rebuilt)
 * @param endpoints endpoint overrides by service name ({@code default} for every service without its own)
 */
public record CloudSession(
        long accountId, long revision, String region, CloudCredentials credentials, Map<String, URI> endpoints) {

    public CloudSession {
        endpoints = Map.copyOf(endpoints);
    }

    /** The endpoint override for a service, or null for the provider's public endpoint. */
    public URI endpoint(String service) {
        URI own = endpoints.get(service);
        return own != null ? own : endpoints.get("default");
    }

    /** The same account in another region. */
    public CloudSession in(String otherRegion) {
        return new CloudSession(accountId, revision, otherRegion, credentials, endpoints);
    }

    @Override
    public String toString() {
        return "CloudSession[account=" + accountId + ", region=" + region + "]";
    }
}
