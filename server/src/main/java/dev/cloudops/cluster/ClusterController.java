package dev.cloudops.cluster;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Clusters", description = "The cluster registry")
@RestController
@RequestMapping("/api/k8s/cluster")
@Validated
class ClusterController {

    private final ClusterService clusters;

    ClusterController(ClusterService clusters) {
        this.clusters = clusters;
    }

    @Operation(
            summary = "Register a cluster from a kubeconfig",
            description = "Validates the kubeconfig, connects within the probe timeout, records version and node"
                    + " count, then stores the kubeconfig sealed. Platform administrators only.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid-kubeconfig, incomplete-kubeconfig, unknown-context, unsupported-credentials, invalid-name")
    @ApiResponse(responseCode = "409", description = "duplicate-cluster-name")
    @ApiResponse(responseCode = "413", description = "body-too-large")
    @ApiResponse(responseCode = "422", description = "cluster-unreachable, cluster-unauthorized")
    @PostMapping("/create")
    @ResponseStatus(HttpStatus.CREATED)
    ClusterView create(@RequestBody ClusterRequest request) {
        return clusters.create(request);
    }

    @Operation(
            summary = "List the clusters the caller may see",
            description = "Sorted by name; filter by env, status or a name fragment.")
    @GetMapping("/list")
    Page<ClusterView> list(
            @RequestParam(required = false) String env,
            @RequestParam(required = false) ClusterStatus status,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return clusters.list(env, status, q, page, size);
    }

    @Operation(summary = "Get a cluster", description = "Never includes the kubeconfig.")
    @ApiResponse(responseCode = "404", description = "cluster-not-found")
    @GetMapping("/{id}")
    ClusterView get(@PathVariable long id) {
        return clusters.get(id);
    }

    @Operation(summary = "A cluster's status history", description = "Newest first, at most 100 changes.")
    @GetMapping("/{id}/status-history")
    List<ClusterEvents.StatusChange> history(@PathVariable long id) {
        return clusters.statusHistory(id);
    }

    @Operation(
            summary = "Change a cluster",
            description = "Null fields stay as they are. A new kubeconfig or context is validated and probed first.")
    @PutMapping("/{id}")
    ClusterView update(@PathVariable long id, @RequestBody ClusterRequest request) {
        return clusters.update(id, request);
    }

    @Operation(
            summary = "Remove a cluster",
            description = "Closes its client and caches; the cluster itself is untouched.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        clusters.delete(id);
    }

    @Operation(
            summary = "Check a cluster's health now",
            description = "Updates status, version, node count and last-seen.")
    @PostMapping("/{id}/refresh")
    ClusterView refresh(@PathVariable long id) {
        return clusters.refresh(id);
    }
}
