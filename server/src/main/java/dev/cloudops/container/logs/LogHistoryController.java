package dev.cloudops.container.logs;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Locale;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@Tag(
        name = "Log history",
        description = "Saved container log snapshots: save, list, download, search, delete; kept for"
                + " cloudops.logs.retention within cloudops.logs.max-archive-bytes. See docs/logs.md.")
@RestController
@Validated
class LogHistoryController {

    private static final String CONTAINER = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/logs";
    private static final String SNAPSHOT = "/api/k8s/logs/snapshots/{id}";

    private final LogHistory history;

    LogHistoryController(LogHistory history) {
        this.history = history;
    }

    @Operation(
            summary = "Save a container's log as a snapshot",
            description = "Reads the log with the query parameters of the read endpoint and stores it gzip-compressed"
                    + " in the archive; answers 201 with the snapshot. Needs read access; audited like every POST."
                    + " Errors as for the read (404 container-not-found, 409 container-not-ready, 400"
                    + " invalid-parameter); a failure while reading leaves nothing saved (502 log-read-failed).")
    @PostMapping(CONTAINER + "/snapshots")
    ResponseEntity<LogSnapshot> save(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(required = false) @Parameter(example = "before the 2.3 rollout") String note,
            @ParameterObject LogController.Params params) {
        LogSnapshot saved = history.save(clusterId, namespace, pod, container, params.query(), note);
        return ResponseEntity.status(HttpStatus.CREATED).body(saved);
    }

    @Operation(
            summary = "List a container's saved snapshots",
            description = "Newest first, paged: {items,page,size,total}. Snapshots outlive their pod.")
    @GetMapping(CONTAINER + "/history")
    Page<LogSnapshot> history(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return history.history(clusterId, namespace, pod, container, page, size);
    }

    @Operation(
            summary = "Download a saved snapshot",
            description = "text/plain streamed from the archive, or with format=gzip the stored .log.gz file as it"
                    + " is. 404 snapshot-not-found for an unknown id or a namespace the caller may not read.")
    @GetMapping(
            value = SNAPSHOT,
            produces = {MediaType.TEXT_PLAIN_VALUE, "application/gzip"})
    ResponseEntity<StreamingResponseBody> download(
            @PathVariable long id, @RequestParam(defaultValue = "text") @Parameter(example = "gzip") String format) {
        boolean gzip = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "gzip" -> true;
            default -> throw LogQuery.invalid("format", "format must be text or gzip");
        };
        var body = history.download(id, gzip);
        String file = "log-snapshot-" + id + (gzip ? ".log.gz" : ".log");
        return ResponseEntity.ok()
                .contentType(gzip ? MediaType.parseMediaType("application/gzip") : MediaType.TEXT_PLAIN)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file).build().toString())
                .body(body::writeTo);
    }

    @Operation(
            summary = "Search a saved snapshot",
            description = "The parameters and JSON Lines answer of the live search: matches, then a summary.")
    @GetMapping(value = SNAPSHOT + "/search", produces = "application/jsonl")
    ResponseEntity<StreamingResponseBody> search(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "timeout") String q,
            @RequestParam(defaultValue = "false") @Parameter(example = "false") boolean regex,
            @RequestParam(defaultValue = "false") @Parameter(example = "true") boolean ignoreCase,
            @RequestParam(defaultValue = "0") @Parameter(example = "2") int before,
            @RequestParam(defaultValue = "0") @Parameter(example = "2") int after,
            @RequestParam(defaultValue = "100") @Parameter(example = "50") int maxMatches) {
        var body = history.search(id, q, regex, ignoreCase, before, after, maxMatches);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jsonl"))
                .body(body::writeTo);
    }

    @Operation(
            summary = "Delete a saved snapshot",
            description = "Removes the row and the file. Needs write access to the namespace (403 forbidden);"
                    + " 404 snapshot-not-found as for the download.")
    @DeleteMapping(SNAPSHOT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        history.delete(id);
        return ResponseEntity.noContent().build();
    }
}
