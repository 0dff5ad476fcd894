package dev.cloudops.cli.container;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The common log parameters of {@code …/logs} and {@code …/logs/stream} (see docs/logs.md); null and false are
 * not sent, so the server's defaults apply.
 *
 * @param tailLines lines from the end
 * @param sinceSeconds only lines of the last N seconds
 * @param sinceTime only lines at or after this RFC 3339 time
 * @param timestamps prefix each line with its timestamp
 * @param previous the previous (terminated) run of the container
 * @param limitBytes stop after this many bytes
 */
record LogQuery(
        Long tailLines, Long sinceSeconds, String sinceTime, boolean timestamps, boolean previous, Long limitBytes) {

    /** The query string, with its leading {@code ?}, or empty. */
    String toQueryString() {
        List<String> parts = new ArrayList<>();
        if (tailLines != null) {
            parts.add("tailLines=" + tailLines);
        }
        if (sinceSeconds != null) {
            parts.add("sinceSeconds=" + sinceSeconds);
        }
        if (sinceTime != null) {
            parts.add("sinceTime=" + URLEncoder.encode(sinceTime, StandardCharsets.UTF_8));
        }
        if (timestamps) {
            parts.add("timestamps=true");
        }
        if (previous) {
            parts.add("previous=true");
        }
        if (limitBytes != null) {
            parts.add("limitBytes=" + limitBytes);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
