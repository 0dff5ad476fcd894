package dev.cloudops.kube;

import java.time.Instant;

/**
 * What to read of one container's log, as the API server's {@code pods/log} subresource takes it. Values are
 * checked by the caller; null means "not sent".
 *
 * @param tailLines lines from the end
 * @param sinceSeconds only lines newer than this many seconds
 * @param sinceTime only lines at or after this instant (exclusive with {@code sinceSeconds})
 * @param timestamps prefix every line with its RFC 3339 timestamp
 * @param previous the previous (terminated) run of the container
 * @param limitBytes stop after this many bytes
 * @param follow keep the stream open for new lines
 */
public record LogOptions(
        Integer tailLines,
        Integer sinceSeconds,
        Instant sinceTime,
        boolean timestamps,
        boolean previous,
        Integer limitBytes,
        boolean follow) {

    public LogOptions withTimestamps() {
        return new LogOptions(tailLines, sinceSeconds, sinceTime, true, previous, limitBytes, follow);
    }

    public LogOptions following(Instant since) {
        return new LogOptions(
                since == null ? tailLines : null,
                since == null ? sinceSeconds : null,
                since == null ? sinceTime : since,
                true,
                previous,
                limitBytes,
                true);
    }
}
