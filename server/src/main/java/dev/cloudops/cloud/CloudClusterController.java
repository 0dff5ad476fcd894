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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Cloud clusters", description = "Managed Kubernetes clusters of cloud accounts (EKS …)")
@RestController
@RequestMapping("/api/k8s/cloud")
@Validated
class CloudClusterController {

    private final CloudClusterService clusters;

    CloudClusterController(CloudClusterService clusters) {
        this.clusters = clusters;
    }

    @Operation(
            summary = "Discover the clusters of an account in a region",
            description = "Straight from the cloud; importedAs names the platform's record of those already known.")
    @ApiResponse(responseCode = "400", description = "unknown-region")
    @ApiResponse(responseCode = "404", description = "cloud-account-not-found")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed")
    @GetMapping("/accounts/{id}/regions/{region}/clusters")
    List<CloudClusterService.Discovered> discover(@PathVariable long id, @PathVariable String region) {
        return clusters.discover(id, region);
    }

    @Operation(
            summary = "Import a cloud cluster",
            description = "Records it with its current settings as the baseline for drift, and (unless"
                    + " register=false) registers it in the cluster registry with credentials from the cloud (EKS: a"
                    + " token from a presigned STS request; CCE: a one-day client certificate), renewed before they expire. ADMIN on"
                    + " the account.")
    @ApiResponse(responseCode = "201", description = "Imported")
    @ApiResponse(responseCode = "404", description = "cloud-account-not-found, cloud-not-found")
    @ApiResponse(
            responseCode = "409",
            description = "already-imported, duplicate-cluster-name, cloud-cluster-not-active")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed, cluster-unreachable, cluster-unauthorized")
    @PostMapping("/accounts/{id}/regions/{region}/clusters/{name}/import")
    @ResponseStatus(HttpStatus.CREATED)
    CloudClusterView importCluster(
            @PathVariable long id,
            @PathVariable String region,
            @PathVariable String name,
            @RequestBody(required = false) CloudRequests.Import request) {
        return clusters.importCluster(id, region, name, request);
    }

    @Operation(
            summary = "Create a cluster in the cloud",
            description = "Answers a job that polls the cloud until the cluster is ACTIVE (then registers it unless"
                    + " register=false) or FAILED. ADMIN on the account.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(
            responseCode = "400",
            description = "unknown-region, invalid-name, invalid-version, invalid-field (provider options)")
    @ApiResponse(responseCode = "409", description = "already-imported")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed, cloud-quota-exceeded, cloud-invalid-request")
    @PostMapping("/accounts/{id}/clusters")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView create(@PathVariable long id, @RequestBody CloudRequests.CreateCluster request) {
        return clusters.create(id, request);
    }

    @Operation(summary = "List the cloud clusters the caller may see", description = "By name.")
    @GetMapping("/clusters")
    Page<CloudClusterView> list(
            @RequestParam(required = false) Long accountId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return clusters.list(accountId, page, size);
    }

    @Operation(summary = "Get a cloud cluster as last synced")
    @ApiResponse(responseCode = "404", description = "cloud-cluster-not-found")
    @GetMapping("/clusters/{id}")
    CloudClusterView get(@PathVariable long id) {
        return clusters.get(id);
    }

    @Operation(
            summary = "Sync a cloud cluster's status now",
            description = "Reads the cloud and records status, version and drift; never writes to the cloud.")
    @PostMapping("/clusters/{id}/sync")
    CloudClusterView sync(@PathVariable long id) {
        return clusters.sync(id);
    }

    @Operation(
            summary = "Settings changed in the cloud since the platform last saw them",
            description = "Each difference with the known and the live value, and the fingerprint that accepts them.")
    @GetMapping("/clusters/{id}/drift")
    Drift drift(@PathVariable long id) {
        return clusters.drift(id);
    }

    @Operation(
            summary = "Adopt the cloud's settings as the known ones",
            description = "Nothing is written to the cloud. The fingerprint must name the drift as it is now.")
    @ApiResponse(responseCode = "409", description = "drift-changed")
    @PostMapping("/clusters/{id}/drift/accept")
    CloudClusterView acceptDrift(@PathVariable long id, @RequestBody CloudRequests.AcceptDrift request) {
        return clusters.acceptDrift(id, request == null ? null : request.fingerprint());
    }

    @Operation(
            summary = "Upgrade a cluster or change its basic settings",
            description = "A job. Refused before anything is sent when the version is older (version-downgrade) or"
                    + " the same, skips a minor version (EKS), or when settings this change would overwrite were"
                    + " changed in the cloud (cloud-drift) and driftFingerprint does not accept them. ADMIN.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(
            responseCode = "400",
            description = "version-downgrade, version-unchanged, invalid-version, invalid-setting, invalid-field")
    @ApiResponse(responseCode = "409", description = "cloud-drift, job-running, cloud-conflict")
    @PutMapping("/clusters/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView update(@PathVariable long id, @RequestBody CloudRequests.UpdateCluster request) {
        return clusters.update(id, request);
    }

    @Operation(
            summary = "Delete a cluster in the cloud",
            description = "confirm must repeat the cluster's name. A job; when it ends the record and the registry"
                    + " cluster are removed. ADMIN on the account.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(responseCode = "400", description = "confirmation-required, confirmation-mismatch")
    @DeleteMapping("/clusters/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView delete(@PathVariable long id, @RequestParam(required = false) String confirm) {
        return clusters.delete(id, confirm);
    }

    @Operation(
            summary = "Forget a cloud cluster",
            description = "Removes the platform's record and its registry cluster; the cloud is not touched. confirm"
                    + " must repeat the name.")
    @ApiResponse(responseCode = "204", description = "Forgotten")
    @PostMapping("/clusters/{id}/forget")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forget(@PathVariable long id, @RequestParam(required = false) String confirm) {
        clusters.forget(id, confirm);
    }

    @Operation(
            summary = "Renew the registered credentials now",
            description = "Or register the cluster if it is not registered yet (ADMIN; the body may name it).")
    @PostMapping("/clusters/{id}/credentials/refresh")
    CloudClusterView refreshCredentials(
            @PathVariable long id, @RequestBody(required = false) CloudRequests.Import request) {
        return clusters.refreshCredentials(id, request);
    }
}
