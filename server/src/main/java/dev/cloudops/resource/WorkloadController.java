package dev.cloudops.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workloads", description = "Scale and restart deployments, statefulsets and daemonsets")
@RestController
@RequestMapping("/api/k8s/workloads/{clusterId}/{kind}/{namespace}/{name}")
class WorkloadController {

    record ScaleRequest(Integer replicas) {}

    private final ResourceService resources;

    WorkloadController(ResourceService resources) {
        this.resources = resources;
    }

    @Operation(
            summary = "Scale a workload",
            description = "Sets spec.replicas of a Deployment, StatefulSet or ReplicaSet.")
    @PostMapping("/scale")
    Map<String, Object> scale(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestBody ScaleRequest body) {
        return resources.scale(clusterId, kind, namespace, name, body.replicas());
    }

    @Operation(summary = "Restart a workload", description = "Rolls its pods as kubectl rollout restart does.")
    @PostMapping("/restart")
    Map<String, Object> restart(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @PathVariable String namespace,
            @PathVariable String name) {
        return resources.restart(clusterId, kind, namespace, name);
    }
}
