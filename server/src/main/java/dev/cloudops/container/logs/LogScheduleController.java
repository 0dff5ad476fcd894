package dev.cloudops.container.logs;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Log schedules",
        description = "Save log snapshots of a workload's or a label selector's containers on an interval or a cron"
                + " schedule, every time or only after a restart (to keep a crashing container's previous log)."
                + " Runs once per fleet as the schedule's owner. See docs/logs.md.")
@RestController
@Validated
class LogScheduleController {

    private static final String SCHEDULE = "/api/k8s/logs/schedules/{id}";

    private final LogSchedules schedules;

    LogScheduleController(LogSchedules schedules) {
        this.schedules = schedules;
    }

    @Operation(
            summary = "Create a log schedule in a namespace",
            description = "Needs write access to the namespace (OPERATOR); the creator becomes the owner, whose"
                    + " grants each run uses. Nothing is stored unless every check passes. An interval schedule first"
                    + " runs within cloudops.logs.schedule-tick, a cron schedule at its next time.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-schedule, invalid-interval, invalid-cron, invalid-time-zone, invalid-selector,"
                    + " invalid-workload, invalid-name, invalid-namespace, invalid-parameter (name, containers, trigger,"
                    + " tailLines, sinceSeconds, limitBytes, labelSelector)")
    @ApiResponse(responseCode = "404", description = "cluster-not-found; kube-not-found (workload or namespace)")
    @PostMapping("/api/k8s/logs/{clusterId}/{namespace}/schedules")
    ResponseEntity<LogSchedule> create(
            @PathVariable long clusterId,
            @PathVariable @Parameter(example = "shop") String namespace,
            @RequestBody LogSchedules.Spec spec) {
        return ResponseEntity.status(HttpStatus.CREATED).body(schedules.create(clusterId, namespace, spec));
    }

    @Operation(
            summary = "List log schedules",
            description = "The schedules in namespaces the caller may read, oldest first, optionally of one cluster"
                    + " and namespace: {items,page,size,total}.")
    @GetMapping("/api/k8s/logs/schedules")
    Page<LogSchedule> list(
            @RequestParam(required = false) @Parameter(example = "1") Long clusterId,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return schedules.list(clusterId, namespace, page, size);
    }

    @Operation(
            summary = "Get a log schedule",
            description = "With its last run (lastRunAt, lastResult ok|partial|failed|nothing, lastMessage,"
                    + " lastSnapshots) and next run.")
    @ApiResponse(
            responseCode = "404",
            description = "schedule-not-found (also for a namespace the caller may not read)")
    @GetMapping(SCHEDULE)
    LogSchedule get(@PathVariable long id) {
        return schedules.get(id);
    }

    @Operation(
            summary = "Replace a log schedule's settings",
            description = "Takes the body of the create call; cluster and namespace stay. The caller becomes the"
                    + " owner. Needs write access (403 forbidden).")
    @ApiResponse(responseCode = "404", description = "schedule-not-found")
    @PutMapping(SCHEDULE)
    LogSchedule update(@PathVariable long id, @RequestBody LogSchedules.Spec spec) {
        return schedules.update(id, spec);
    }

    @Operation(
            summary = "Delete a log schedule",
            description = "The snapshots it saved stay until retention removes them. Needs write access.")
    @ApiResponse(responseCode = "404", description = "schedule-not-found")
    @DeleteMapping(SCHEDULE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Run a log schedule now",
            description = "Runs it once, as the caller, whether due or not, and answers the schedule with the"
                    + " outcome recorded; the next scheduled run stays as it was. Needs write access.")
    @ApiResponse(responseCode = "404", description = "schedule-not-found")
    @PostMapping(SCHEDULE + "/run")
    LogSchedule run(@PathVariable long id) {
        return schedules.runNow(id);
    }

    @Operation(
            summary = "List the snapshots a log schedule saved",
            description = "Newest first, paged; each is searchable and downloadable under /api/k8s/logs/snapshots.")
    @ApiResponse(responseCode = "404", description = "schedule-not-found")
    @GetMapping(SCHEDULE + "/snapshots")
    Page<LogSnapshot> snapshots(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return schedules.snapshots(id, page, size);
    }
}
