package dev.cloudops.cloud;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Cloud tools", description = "Provider detection and copying objects between clusters")
@RestController
@RequestMapping("/api/k8s/cloud")
class CloudToolsController {

    private final CloudDetectionService detection;
    private final ClusterSyncService sync;

    CloudToolsController(CloudDetectionService detection, ClusterSyncService sync) {
        this.detection = detection;
        this.sync = sync;
    }

    @Operation(
            summary = "Which cloud runs a registered cluster",
            description = "From the API server's host name and up to 50 nodes' provider IDs and labels (node reading"
                    + " needs a cluster-wide grant; without it the host alone is used). Lists the caller's accounts"
                    + " of that provider that cover the detected region.")
    @ApiResponse(responseCode = "404", description = "cluster-not-found")
    @GetMapping("/detect/{clusterId}")
    CloudDetectionService.DetectionView detect(@PathVariable long clusterId) {
        return detection.detect(clusterId);
    }

    @Operation(
            summary = "Copy objects from one cluster to others",
            description = "Reads each object from the source (viewer there), strips what belongs to the source"
                    + " (server fields, status, owner references, a Service's cluster IPs) and applies it on every"
                    + " target through the apply path (operator there, dry run first). At most 100 objects and 20"
                    + " targets. The report lists every object on every target: CREATED, CONFIGURED, UNCHANGED or"
                    + " FAILED with the problem code; one failure does not stop the others.")
    @ApiResponse(responseCode = "400", description = "invalid-field")
    @ApiResponse(responseCode = "404", description = "cluster-not-found, kube-not-found (a source object)")
    @PostMapping("/sync")
    ClusterSyncService.SyncReport sync(@RequestBody ClusterSyncService.SyncRequest request) {
        return sync.sync(request);
    }
}
