package dev.cloudops.analysis.polaris;

import java.util.List;

/**
 * What looks like a credential: a key or variable name that names one (a password, secret, token, API or access
 * key, or a cloud provider's well-known credential variable), or a value holding a private key.
 */
final class Sensitive {

    private static final List<String> NAME_PARTS = List.of(
            "password",
            "passwd",
            "secret",
            "token",
            "apikey",
            "api_key",
            "api-key",
            "private_key",
            "privatekey",
            "access_key",
            "accesskey",
            "credential");

    /** Cloud credentials whose names say nothing of secrets. */
    private static final List<String> NAMES = List.of(
            "aws_session_token",
            "azure_batch_key",
            "azure_storage_key",
            "azure_storage_connection_string",
            "azure_client_certificate_password",
            "oci_cli_key_content",
            "oci_cli_key_file_content",
            "digitalocean_access_token");

    private Sensitive() {}

    static boolean name(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (String known : NAMES) {
            if (known.equalsIgnoreCase(name)) {
                return true;
            }
        }
        for (String part : NAME_PARTS) {
            if (containsIgnoreCase(name, part)) {
                return true;
            }
        }
        return false;
    }

    /** Without lower-casing a copy of the name: this runs for every variable of every container. */
    private static boolean containsIgnoreCase(String text, String lowerPart) {
        int last = text.length() - lowerPart.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, lowerPart, 0, lowerPart.length())) {
                return true;
            }
        }
        return false;
    }

    static boolean value(String value) {
        return value != null && value.contains("PRIVATE KEY") && value.contains("BEGIN");
    }
}
