package dev.cloudops.cli.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code cloudops login} saves in {@code config.json}.
 *
 * @param server normalised server base URL
 * @param token bearer token (session token or API token)
 * @param username who logged in, when known
 * @param expiresAt when the token expires (ISO-8601), when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CliConfig(String server, String token, String username, String expiresAt) {

    /** Never shows the token: records print every component by default. */
    @Override
    public String toString() {
        return "CliConfig[server=" + server + ", token=" + (token == null ? "none" : "<redacted>") + ", username="
                + username + ", expiresAt=" + expiresAt + "]";
    }
}
