package dev.cloudops.cloud;

import dev.cloudops.platform.jobs.JobRun;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Cloud tools", description = "Provider detection and copying objects between clusters")
@RestController
@RequestMapping("/api/k8s/cloud/sync/schedules")
@Validated
class SyncScheduleController {

    private final SyncSchedules schedules;

    SyncScheduleController(SyncSchedules schedules) {
        this.schedules = schedules;
    }

    @Operation(
            summary = "Create a cross-cluster sync schedule",
            description = "Copies the named objects from the source to every target on an interval (15m … 30d) or"
                    + " a cron schedule in a time zone, as the creator with their grants at run time. The creator"
                    + " must be allowed to read every object on the source and write it on every target. Errors:"
                    + " 400 invalid-field, invalid-name, invalid-namespace, invalid-schedule, invalid-interval,"
                    + " invalid-cron, invalid-time-zone; 403 forbidden; 404 cluster-not-found; 409"
                    + " duplicate-schedule-name.")
    @ApiResponse(responseCode = "201", description = "the schedule")
    @PostMapping
    ResponseEntity<SyncSchedule> create(@RequestBody SyncScheduleRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(schedules.create(request));
    }

    @Operation(summary = "List sync schedules", description = "Those whose source cluster the caller can see, by name.")
    @GetMapping
    Page<SyncSchedule> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return schedules.list(page, size);
    }

    @Operation(summary = "Get a sync schedule", description = "404 sync-schedule-not-found.")
    @GetMapping("/{id}")
    SyncSchedule get(@PathVariable long id) {
        return schedules.get(id);
    }

    @Operation(
            summary = "Replace a sync schedule",
            description = "Same rules as create; the caller becomes its owner. The run history stays.")
    @PutMapping("/{id}")
    SyncSchedule update(@PathVariable long id, @RequestBody SyncScheduleRequest request) {
        return schedules.update(id, request);
    }

    @Operation(summary = "Delete a sync schedule and its run history")
    @ApiResponse(responseCode = "204", description = "deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Run a sync schedule now",
            description = "As the caller, whatever the timing; answers the job, whose report lists every object on"
                    + " every target.")
    @ApiResponse(responseCode = "202", description = "the job")
    @PostMapping("/{id}/run")
    ResponseEntity<JobRun> run(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(schedules.runNow(id));
    }

    @Operation(summary = "The runs of a sync schedule", description = "Newest first.")
    @GetMapping("/{id}/runs")
    Page<JobRun> runs(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return schedules.runs(id, page, size);
    }

    @Operation(
            summary = "The per-object report of one run",
            description = "One item per object and target: CREATED, CONFIGURED, UNCHANGED or FAILED with the"
                    + " problem. 404 job-not-found.")
    @GetMapping("/{id}/runs/{jobId}/items")
    Page<JobRun.Item> report(
            @PathVariable long id,
            @PathVariable long jobId,
            @RequestParam(required = false) @Parameter(example = "FAILED") String outcome,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return schedules.report(id, jobId, outcome, page, size);
    }
}
