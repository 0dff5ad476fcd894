package dev.cloudops.cli.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses the server base URL users type: absolute http(s), no query or fragment, no trailing slash. */
public final class ServerUrl {

    private ServerUrl() {}

    /**
     * The normalised base URL, e.g. {@code https://ops.example.com} or {@code http://host:8080/cloudops}.
     *
     * @throws IllegalArgumentException with a message fit for the user when {@code text} is not such a URL
     */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid server URL '" + text + "': " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "invalid server URL '" + text + "': expected http:// or https:// followed by a host");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("invalid server URL '" + text + "': missing host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "invalid server URL '" + text + "': user info, query and fragment are not allowed");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
