package dev.cloudops.cloud;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Cloud insight", description = "Metrics, monitoring, cloud identities' access, and the cloud jobs")
@RestController
@RequestMapping("/api/k8s/cloud")
@Validated
class CloudInsightController {

    private final CloudInsightService insight;
    private final CloudJobService jobs;

    CloudInsightController(CloudInsightService insight, CloudJobService jobs) {
        this.insight = insight;
        this.jobs = jobs;
    }

    @Operation(
            summary = "A cloud cluster's metrics",
            description = "Status, versions, node groups and desired nodes from the cloud; node and pod counts from"
                    + " the registered cluster when the caller may see it.")
    @GetMapping("/clusters/{id}/metrics")
    CloudInsightService.ClusterMetrics metrics(@PathVariable long id) {
        return insight.metrics(id);
    }

    @Operation(
            summary = "Monitoring series from the cloud",
            description = "AWS: CloudWatch Container Insights (namespace ContainerInsights, dimension ClusterName);"
                    + " Alibaba Cloud: CloudMonitor (namespace acs_k8s, dimension cluster);"
                    + " Huawei: Cloud Eye SYS.ECS metrics of the cluster's nodes, one series per metric and node"
                    + " (another namespace in front: AGT.ECS.mem_usedPercent); metrics is a comma-separated list of"
                    + " metric names, empty for the default set.")
    @ApiResponse(responseCode = "400", description = "invalid-field (minutes, period, metrics)")
    @GetMapping("/clusters/{id}/monitoring")
    List<MetricSeries> monitoring(
            @PathVariable long id,
            @RequestParam(required = false) String metrics,
            @RequestParam(defaultValue = "60") int minutes,
            @RequestParam(defaultValue = "300") int period) {
        return insight.monitoring(id, metrics, minutes, period);
    }

    @Operation(
            summary = "Cloud identities with access to the cluster",
            description = "AWS: EKS access entries with their associated access policies. Alibaba Cloud: RAM users"
                    + " and roles (by id) with their ACK RBAC roles on the cluster or its namespaces. Huawei: IAM user groups"
                    + " holding CCE roles or policies on the cluster's project.")
    @GetMapping("/clusters/{id}/access")
    List<AccessEntry> access(@PathVariable long id) {
        return insight.access(id);
    }

    @Operation(
            summary = "Grant a cloud identity access to the cluster",
            description = "AWS: creates the access entry if needed and associates the access policy, on the cluster or"
                    + " on the given namespaces. Alibaba Cloud: adds an ACK RBAC role (admin, ops, dev, restricted,"
                    + " custom:<ClusterRole>) for a RAM user or role id, keeping its grants on other clusters. Huawei:"
                    + " principal is an IAM user group id, policy a CCE role or policy (CCE ReadOnlyAccess …) granted"
                    + " on the project; no namespaces. ADMIN on the account.")
    @ApiResponse(responseCode = "201", description = "Granted")
    @ApiResponse(responseCode = "400", description = "invalid-field, invalid-namespace")
    @ApiResponse(responseCode = "422", description = "cloud-invalid-request (unknown policy or principal)")
    @PostMapping("/clusters/{id}/access")
    @ResponseStatus(HttpStatus.CREATED)
    AccessEntry grant(@PathVariable long id, @RequestBody CloudRequests.Grant request) {
        return insight.grant(id, request);
    }

    @Operation(
            summary = "Revoke a cloud identity's access",
            description = "AWS: deletes the access entry. Alibaba Cloud: removes the principal's RBAC roles on this"
                    + " cluster only. Huawei: removes the group's CCE roles on the project. ADMIN.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @DeleteMapping("/clusters/{id}/access")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id, @RequestParam(required = false) String principal) {
        insight.revoke(id, principal);
    }

    @Operation(summary = "The cloud jobs of the accounts the caller may see", description = "Newest first.")
    @GetMapping("/jobs")
    Page<CloudJobView> jobs(
            @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) CloudJobView.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return jobs.list(accountId, status, page, size);
    }

    @Operation(summary = "A cloud job", description = "Status, the cloud's phase, polls, and the closing message.")
    @ApiResponse(responseCode = "404", description = "cloud-job-not-found")
    @GetMapping("/jobs/{id}")
    CloudJobView job(@PathVariable long id) {
        return jobs.get(id);
    }
}
