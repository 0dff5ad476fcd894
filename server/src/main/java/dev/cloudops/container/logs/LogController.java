package dev.cloudops.container.logs;

import dev.cloudops.platform.security.AccessPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@Tag(
        name = "Logs",
        description = "Container logs streamed from the API server: query, merge across containers and pods, search,"
                + " live follow over SSE with resume, and export. See docs/logs.md.")
@RestController
class LogController {

    private static final String CONTAINER = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs";
    private static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");

    private final LogService logs;
    private final LogStreams streams;
    private final AccessPolicy access;
    private final LogHistory history;

    LogController(LogService logs, LogStreams streams, AccessPolicy access, LogHistory history) {
        this.logs = logs;
        this.history = history;
        this.streams = streams;
        this.access = access;
    }

    /** The query parameters every single-container endpoint takes. */
    record Params(
            @Parameter(description = "lines from the end (0 to 1,000,000)", example = "100")
            Long tailLines,

            @Parameter(description = "only lines of the last N seconds", example = "3600")
            Long sinceSeconds,

            @Parameter(description = "only lines at or after this RFC 3339 time", example = "2026-01-02T15:04:05Z")
            String sinceTime,

            @Parameter(description = "prefix each line with its RFC 3339 timestamp", example = "true")
            Boolean timestamps,

            @Parameter(description = "the previous (terminated) run of the container", example = "false")
            Boolean previous,

            @Parameter(description = "stop after this many bytes (per container)", example = "1048576")
            Long limitBytes) {

        LogQuery query() {
            return LogQuery.of(
                    tailLines,
                    sinceSeconds,
                    sinceTime,
                    Boolean.TRUE.equals(timestamps),
                    Boolean.TRUE.equals(previous),
                    limitBytes);
        }
    }

    @Operation(
            summary = "Read a container's log",
            description = "Streams text/plain as the API server sends it, never buffered whole. Errors: 404"
                    + " kube-not-found (pod), 404 container-not-found, 409 container-not-ready, 400 invalid-parameter.")
    @GetMapping(value = CONTAINER, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<StreamingResponseBody> read(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @ParameterObject Params params) {
        var body = logs.read(clusterId, namespace, pod, container, params.query());
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body::writeTo);
    }

    @Operation(
            summary = "Read a pod's logs, all containers merged",
            description = "With allContainers=true, every container's log merged by timestamp, each line tagged"
                    + " '[pod/container] ' (format=text) or as {\"pod\",\"container\",\"ts\",\"line\"} (format=jsonl)."
                    + " Without it the pod must have one container.")
    @GetMapping(
            value = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/logs",
            produces = {MediaType.TEXT_PLAIN_VALUE, "application/jsonl"})
    ResponseEntity<StreamingResponseBody> pod(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @RequestParam(defaultValue = "false") @Parameter(example = "true") boolean allContainers,
            @RequestParam(defaultValue = "text") @Parameter(example = "jsonl") String format,
            @ParameterObject Params params) {
        boolean jsonl = mergeFormat(format);
        var body = logs.pod(clusterId, namespace, pod, allContainers, params.query(), jsonl);
        return ResponseEntity.ok()
                .contentType(jsonl ? JSONL : MediaType.TEXT_PLAIN)
                .body(body::writeTo);
    }

    @Operation(
            summary = "Read the merged logs of the pods a selector or workload selects",
            description = "labelSelector or workload (deployments|statefulsets|daemonsets|replicasets|jobs/<name>);"
                    + " every container (or only ?container=) of every pod, merged by timestamp and tagged as in the"
                    + " pod variant. At most cloudops.logs.max-sources containers (400 too-many-sources).")
    @GetMapping(
            value = "/api/k8s/logs/{clusterId}/{namespace}",
            produces = {MediaType.TEXT_PLAIN_VALUE, "application/jsonl"})
    ResponseEntity<StreamingResponseBody> selected(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "app=web") String labelSelector,
            @RequestParam(required = false) @Parameter(example = "deployments/web") String workload,
            @RequestParam(required = false) @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "text") @Parameter(example = "jsonl") String format,
            @ParameterObject Params params) {
        boolean jsonl = mergeFormat(format);
        var body = logs.selected(clusterId, namespace, labelSelector, workload, container, params.query(), jsonl);
        return ResponseEntity.ok()
                .contentType(jsonl ? JSONL : MediaType.TEXT_PLAIN)
                .body(body::writeTo);
    }

    @Operation(
            summary = "Search a container's log",
            description = "Literal (default) or Java regex (regex=true; 400 invalid-regex), ignoreCase, before/after"
                    + " context lines (0-100), maxMatches (1-10000). Streams JSON Lines as matches are found:"
                    + " {\"type\":\"match\",\"number\",\"ts\",\"line\",\"before\",\"after\"} then one"
                    + " {\"type\":\"summary\",\"matches\",\"scanned\",\"truncated\",\"reason\"}.")
    @GetMapping(value = CONTAINER + "/search", produces = "application/jsonl")
    ResponseEntity<StreamingResponseBody> search(
            @PathVariable long clusterId,
            @PathVariable String namespace,
            @PathVariable String pod,
            @PathVariable String container,
            @RequestParam(required = false) @Parameter(example = "timeout") String q,
            @RequestParam(defaultValue = "false") @Parameter(example = "false") boolean regex,
            @RequestParam(defaultValue = "false") @Parameter(example = "true") boolean ignoreCase,
            @RequestParam(defaultValue = "0") @Parameter(example = "2") int before,
            @RequestParam(defaultValue = "0") @Parameter(example = "2") int after,
            @RequestParam(defaultValue = "100") @Parameter(example = "50") int maxMatches,
            @ParameterObject Params params) {
        var body = logs.search(
                clusterId, namespace, pod, container, params.query(), q, regex, ignoreCase, before, after, maxMatches);
        return ResponseEntity.ok().contentType(JSONL).body(body::writeTo);
    }

    @Operation(
            summary = "Follow a container's log live (SSE)",
            description = "text/event-stream; each event's data is one line and its id the line's RFC 3339 timestamp"
                    + " with an ordinal among lines sharing it (2026-01-02T03:04:05.123456789Z#2). Reconnect with"
                    + " Last-Event-ID to resume without duplicates or gaps. Keep-alive comments every 15 s; at most"
                    + " 5 streams per user (429 too-many-streams).")
    @GetMapping(value = CONTAINER + "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @PathVariable long clusterId,
            @PathVariable String namespace,
            @PathVariable String pod,
            @PathVariable String container,
            @RequestHeader(value = "Last-Event-ID", required = false)
                    @Parameter(example = "2026-01-02T03:04:05.123456789Z#1")
                    String lastEventId,
            @ParameterObject Params params) {
        LogQuery query = params.query();
        LogEventId resume = lastEventId == null || lastEventId.isBlank() ? null : LogEventId.parse(lastEventId);
        return streams.follow(
                access.current().username(),
                resume,
                () -> logs.follow(clusterId, namespace, pod, container, query, resume));
    }

    @Operation(
            summary = "Export a container's log as a download",
            description = "format=text (.log), gzip (.log.gz) or jsonl ({\"pod\",\"container\",\"ts\",\"line\"} per"
                    + " line); streamed with Content-Disposition: attachment. Takes the query parameters of the read"
                    + " endpoint. With save=true (and an optional note) the log is also kept as a snapshot (reason"
                    + " export, see the log history) once it has been streamed whole. Audited like every POST.")
    @PostMapping(CONTAINER + "/export")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable long clusterId,
            @PathVariable String namespace,
            @PathVariable String pod,
            @PathVariable String container,
            @RequestParam(defaultValue = "text") @Parameter(example = "gzip") String format,
            @RequestParam(defaultValue = "false") @Parameter(example = "true") boolean save,
            @RequestParam(required = false) @Parameter(example = "incident 4711") String note,
            @ParameterObject Params params) {
        LogService.ExportFormat kind = exportFormat(format);
        var body = save
                ? history.exportAndSave(clusterId, namespace, pod, container, params.query(), kind, note)
                : logs.export(clusterId, namespace, pod, container, params.query(), kind);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        String base = pod + "-" + container + "-" + stamp;
        String file;
        MediaType type;
        switch (kind) {
            case GZIP -> {
                file = base + ".log.gz";
                type = MediaType.parseMediaType("application/gzip");
            }
            case JSONL -> {
                file = base + ".jsonl";
                type = JSONL;
            }
            default -> {
                file = base + ".log";
                type = MediaType.TEXT_PLAIN;
            }
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file).build().toString())
                .body(body::writeTo);
    }

    private static boolean mergeFormat(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "jsonl" -> true;
            default -> throw LogQuery.invalid("format", "format must be text or jsonl");
        };
    }

    private static LogService.ExportFormat exportFormat(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> LogService.ExportFormat.TEXT;
            case "gzip" -> LogService.ExportFormat.GZIP;
            case "jsonl" -> LogService.ExportFormat.JSONL;
            default -> throw LogQuery.invalid("format", "format must be text, gzip or jsonl");
        };
    }
}
