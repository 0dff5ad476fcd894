package dev.cloudops.container.exec;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Terminal",
        description = "Interactive terminals in containers: open (a single-use ticket), attach over the WebSocket"
                + " GET /api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/ws?ticket=…, list, kill,"
                + " replay the recording. The WebSocket frames are described in docs/exec.md.")
@RestController
@Validated
class TerminalController {

    private final TerminalService terminals;

    TerminalController(TerminalService terminals) {
        this.terminals = terminals;
    }

    @Operation(
            summary = "Open a terminal on a container",
            description = "Authorises the terminal (exec rights on the namespace and a TERMINAL rule of the command"
                    + " policy allowing the shell; by default admins only) and answers 201 with a single-use ticket"
                    + " valid for cloudops.exec.terminal-ticket-ttl and the WebSocket path to attach to. Without"
                    + " shell, bash is tried first and sh when the image has no bash. cols/rows set the initial size"
                    + " (80×24). Problems: 403 forbidden / terminal-denied, 429 too-many-terminals, 400"
                    + " invalid-shell / invalid-size, 404 kube-not-found / container-not-found, 409"
                    + " container-not-running, 501 simulated-cluster.")
    @PostMapping("/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/terminal")
    @ResponseStatus(HttpStatus.CREATED)
    TerminalService.Ticket open(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody(required = false) TerminalService.OpenRequest request) {
        return terminals.open(
                clusterId,
                namespace,
                pod,
                container,
                request == null ? new TerminalService.OpenRequest(null, null, null) : request);
    }

    @Operation(
            summary = "List terminal sessions",
            description = "Newest first, paged. Platform admins see every session, others their own. status filters"
                    + " PENDING, OPEN, CLOSED or EXPIRED.")
    @GetMapping("/api/k8s/exec/sessions")
    Page<TerminalSession> sessions(
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return terminals.sessions(status, page, size);
    }

    @Operation(
            summary = "Kill a terminal session",
            description = "Closes an open session on whichever server holds it (within a second). Admins may kill"
                    + " any session, users their own. 404 session-not-found, 409 session-not-open.")
    @DeleteMapping("/api/k8s/exec/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void kill(@PathVariable String id) {
        terminals.kill(id);
    }

    @Operation(
            summary = "Download a session's recording",
            description = "The asciicast v2 file (replay with `asciinema play session.cast`), written as the session"
                    + " runs. Admins, or the session's user. 404 session-not-found / recording-not-found.")
    @GetMapping(value = "/api/k8s/exec/sessions/{id}/recording", produces = "application/x-asciicast")
    ResponseEntity<Resource> recording(@PathVariable String id) {
        Path file = terminals.recording(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-asciicast"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("terminal-" + id + ".cast")
                                .build()
                                .toString())
                .body(new FileSystemResource(file));
    }
}
