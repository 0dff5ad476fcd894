package dev.cloudops.container.exec;

import dev.cloudops.container.ContainerOperation;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
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
        name = "Exec",
        description = "One-shot commands in containers, their history, and the command policy. Terminals: see"
                + " docs/exec.md.")
@RestController
@Validated
class ExecController {

    private static final String CONTAINER = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}";

    private final ExecService exec;
    private final ExecPolicy policy;

    ExecController(ExecService exec, ExecPolicy policy) {
        this.exec = exec;
        this.policy = policy;
    }

    @Operation(
            summary = "Run a command in a container",
            description = "command is an argv array, sent as is (no shell); shell=true runs command[0] with sh -c."
                    + " Waits up to timeoutSeconds (cloudops.exec.default-timeout by default), then stops the"
                    + " command (timedOut=true, exitCode null). stdout and stderr are returned separately, each"
                    + " capped at cloudops.exec.max-output-bytes (truncated=true beyond). Needs operator rights on"
                    + " the namespace and a command-policy rule allowing the command; refusals are 403"
                    + " command-denied naming the rule, recorded in the history and the audit trail. Other"
                    + " problems: 400 invalid-command / invalid-timeout, 404 kube-not-found / container-not-found,"
                    + " 409 container-not-running, 422 command-not-started (no such program in the image),"
                    + " 501 simulated-cluster.")
    @PostMapping(CONTAINER + "/exec")
    ExecResult run(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestBody ExecRequest request) {
        return exec.run(clusterId, namespace, pod, container, request);
    }

    @Operation(
            summary = "A container's exec history",
            description = "Commands and terminal sessions in this container, newest first, paged"
                    + " {items,page,size,total}: user, command line, outcome (SUCCEEDED, FAILED, DENIED, TIMED_OUT,"
                    + " RUNNING, CLOSED), exit code, start, duration and the first cloudops.exec.history-output-bytes"
                    + " of output. Needs read rights on the namespace.")
    @GetMapping(CONTAINER + "/exec/history")
    Page<ContainerOperation> history(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @PathVariable @Parameter(example = "web-7d9c6b5f4-x2x8q") String pod,
            @PathVariable @Parameter(example = "web") String container,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return exec.history(clusterId, namespace, pod, container, page, size);
    }

    @Operation(
            summary = "List the command policy's rules",
            description = "Platform administrators only. A command runs when an allow rule of scope COMMAND"
                    + " matches it and no deny rule does; a terminal opens when a TERMINAL rule allows its shell.")
    @GetMapping("/api/k8s/exec/rules")
    List<ExecRule> rules() {
        return policy.rules();
    }

    @Operation(
            summary = "Add a command-policy rule",
            description = "effect ALLOW or DENY; scope COMMAND or TERMINAL; role (VIEWER, OPERATOR, ADMIN) or null"
                    + " for any; clusterId and namespace or null for any; argv0 a glob on the program (path or file"
                    + " name) and/or pattern a regular expression searched in the command line. 400 invalid-rule or"
                    + " invalid-regex; 404 cluster-not-found.")
    @PostMapping("/api/k8s/exec/rules")
    @ResponseStatus(HttpStatus.CREATED)
    ExecRule add(@RequestBody ExecPolicy.RuleRequest request) {
        return policy.add(request);
    }

    @Operation(summary = "Remove a command-policy rule", description = "404 rule-not-found for an unknown id.")
    @DeleteMapping("/api/k8s/exec/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable long id) {
        policy.remove(id);
    }
}
