package dev.cloudops.cloud;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
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

@Tag(name = "Cloud node groups", description = "Node groups (node pools) of cloud clusters")
@RestController
@RequestMapping("/api/k8s/cloud/clusters/{id}/nodegroups")
class NodeGroupController {

    private final NodeGroupService nodeGroups;

    NodeGroupController(NodeGroupService nodeGroups) {
        this.nodeGroups = nodeGroups;
    }

    @Operation(summary = "List a cluster's node groups", description = "From the cloud.")
    @ApiResponse(responseCode = "404", description = "cloud-cluster-not-found, cloud-not-found")
    @GetMapping
    List<NodeGroup> list(@PathVariable long id) {
        return nodeGroups.list(id);
    }

    @Operation(
            summary = "Create a node group",
            description = "A job. Sizes must satisfy 0 <= minSize <= desiredSize <= maxSize, maxSize >= 1; the"
                    + " version must not be newer than the control plane. AWS options: nodeRoleArn (required),"
                    + " amiType, capacityType. Alibaba Cloud: instanceTypes required; options systemDiskCategory,"
                    + " imageType, runtime, runtimeVersion, keyPair, instanceChargeType. Huawei options: sshKey (required), os, az,"
                    + " volumeType, dataDiskSizeGb, autoscaling; exactly one instance type, no version. ADMIN on the"
                    + " account.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(responseCode = "400", description = "invalid-scaling, invalid-name, invalid-version, invalid-field")
    @ApiResponse(responseCode = "422", description = "cloud-quota-exceeded, cloud-invalid-request")
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView create(@PathVariable long id, @RequestBody CloudRequests.CreateNodeGroup request) {
        return nodeGroups.create(id, request);
    }

    @Operation(summary = "Get a node group", description = "From the cloud.")
    @ApiResponse(responseCode = "404", description = "cloud-not-found")
    @GetMapping("/{name}")
    NodeGroup get(@PathVariable long id, @PathVariable String name) {
        return nodeGroups.get(id, name);
    }

    @Operation(
            summary = "Scale a node group",
            description = "New minSize, maxSize and desiredSize (all three). A job; refused with cloud-drift when the"
                    + " group's sizes were changed in the cloud and driftFingerprint does not accept it. OPERATOR.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(responseCode = "400", description = "invalid-scaling (min > max, desired outside, negative)")
    @ApiResponse(responseCode = "409", description = "cloud-drift, job-running")
    @PutMapping("/{name}/scaling")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView scale(@PathVariable long id, @PathVariable String name, @RequestBody CloudRequests.Scale request) {
        return nodeGroups.scale(id, name, request);
    }

    @Operation(
            summary = "Upgrade a node group",
            description = "To the given version or, without one, to the control plane's. A job. ADMIN.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(responseCode = "400", description = "version-downgrade, version-unchanged, invalid-version")
    @PostMapping("/{name}/upgrade")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView upgrade(
            @PathVariable long id,
            @PathVariable String name,
            @RequestBody(required = false) CloudRequests.Upgrade request) {
        return nodeGroups.upgrade(id, name, request);
    }

    @Operation(summary = "Delete a node group", description = "confirm must repeat its name. A job. ADMIN.")
    @ApiResponse(responseCode = "202", description = "Job started")
    @ApiResponse(responseCode = "400", description = "confirmation-required, confirmation-mismatch")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CloudJobView delete(
            @PathVariable long id, @PathVariable String name, @RequestParam(required = false) String confirm) {
        return nodeGroups.delete(id, name, confirm);
    }
}
