package dev.cloudops.mcp;

import dev.cloudops.container.logs.LogQuery;
import dev.cloudops.container.logs.LogService;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;

/**
 * {@code pods_log}: a container's log through the log service (the same checks and limits as the REST API), filtered
 * by a regular expression, newest lines kept.
 */
@Component
class PodsLogTool extends ReadOnlyTool {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final int DEFAULT_TAIL = 200;
    private static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private final LogService logs;
    private final McpProperties properties;

    PodsLogTool(LogService logs, McpProperties properties) {
        this.logs = logs;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "pods_log";
    }

    @Override
    public String title() {
        return "Read container logs";
    }

    @Override
    public String description() {
        return "Reads a pod container's log: the newest 'tail' lines (default " + DEFAULT_TAIL + "), since a time or"
                + " a duration, optionally only the lines matching the regular expression 'grep' (then 'tail' counts"
                + " matching lines), of the previous container instance after a crash with 'previous'. 'maxBytes'"
                + " bounds how much log is read from the cluster.";
    }

    @Override
    public java.util.Map<String, Object> inputSchema() {
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "namespace",
                        Schemas.namespace("The pod's namespace"),
                        "pod",
                        Schemas.string("Pod name"),
                        "container",
                        Schemas.string("Container name; may be left out when the pod has one container"),
                        "tail",
                        Schemas.integer(
                                "Newest lines to answer (matching lines with 'grep'); default " + DEFAULT_TAIL,
                                1,
                                100_000),
                        "since",
                        Schemas.string("Only lines newer than this: a duration (30s, 10m, 2h, 1d) or an RFC 3339 time"),
                        "grep",
                        Schemas.string("Java regular expression; only matching lines are answered"),
                        "ignoreCase",
                        Schemas.bool("Match 'grep' case-insensitively"),
                        "previous",
                        Schemas.bool("The log of the previous (crashed) instance of the container"),
                        "maxBytes",
                        Schemas.integer("Most bytes of log read from the cluster (default 8 MiB)", 1, 1L << 30)),
                "namespace",
                "pod");
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String namespace = args.required("namespace");
        String pod = args.required("pod");
        String container = args.string("container");
        Pattern grep = pattern(args.string("grep"), args.flag("ignoreCase"));
        Long tailArg = args.number("tail", 1, 100_000);
        int tail = tailArg == null ? DEFAULT_TAIL : tailArg.intValue();
        Long maxBytesArg = args.number("maxBytes", 1, 1L << 30);
        Long maxBytes = maxBytesArg == null ? Long.valueOf(DEFAULT_MAX_BYTES) : maxBytesArg;
        Long sinceSeconds = null;
        String sinceTime = null;
        String since = args.string("since");
        if (since != null) {
            Matcher m = DURATION.matcher(since);
            if (m.matches()) {
                sinceSeconds = Long.parseLong(m.group(1)) * unit(m.group(2));
            } else {
                sinceTime = since;
            }
        }
        // Without grep the API server cuts the tail; with it, the whole (bounded) log is searched for the newest
        // matches.
        LogQuery query = LogQuery.of(
                grep == null ? Long.valueOf(tail) : null,
                sinceSeconds,
                sinceTime,
                false,
                args.flag("previous"),
                maxBytes);
        LogService.Body body = container != null
                ? logs.read(cluster, namespace, pod, container, query)
                : logs.pod(cluster, namespace, pod, false, query, false);
        LogLines lines = new LogLines(grep, tail, 2L * properties.budgetChars());
        try (lines) {
            body.writeTo(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        if (grep != null) {
            text.append("[")
                    .append(lines.linesMatched())
                    .append(" of ")
                    .append(lines.linesRead())
                    .append(" lines matched '")
                    .append(grep.pattern())
                    .append("'")
                    .append(
                            lines.linesDropped() > 0
                                    ? "; the newest " + (lines.linesMatched() - lines.linesDropped()) + " are shown"
                                    : "")
                    .append("]\n");
        } else if (lines.linesDropped() > 0) {
            text.append("[the newest ")
                    .append(lines.linesRead() - lines.linesDropped())
                    .append(" of ")
                    .append(lines.linesRead())
                    .append(" lines are shown]\n");
        }
        if (lines.linesRead() == 0) {
            text.append("[the log is empty for this query]\n");
        }
        text.append(lines.text());
        return ToolAnswer.tail(text.toString(), "narrow with 'grep', a smaller 'tail' or a later 'since'");
    }

    private static Pattern pattern(String grep, boolean ignoreCase) {
        if (grep == null) {
            return null;
        }
        if (grep.length() > 1000) {
            throw ApiException.badRequest("invalid-argument", "'grep' may be at most 1000 characters", "grep");
        }
        try {
            return Pattern.compile(grep, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest(
                    "invalid-argument", "'grep' is not a regular expression: " + e.getDescription(), "grep");
        }
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
    }
}
