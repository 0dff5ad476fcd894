package dev.cloudops.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Fleet", description = "Cross-cluster lists served from the informer caches")
@RestController
@RequestMapping("/api/k8s/fleet")
class FleetController {

    private final FleetService fleet;

    FleetController(FleetService fleet) {
        this.fleet = fleet;
    }

    @Operation(
            summary = "List a hot kind across every cluster you may see",
            description = "kind: nodes, namespaces, pods, deployments, statefulsets, daemonsets, services or events."
                    + " Selectors follow the full Kubernetes grammar. Rows are kubectl-style summaries; full=true"
                    + " returns whole objects. Clusters that cannot answer are listed with their error.")
    @GetMapping("/{kind}")
    FleetService.FleetList list(
            @PathVariable String kind,
            @RequestParam(required = false) @Parameter(example = "app.kubernetes.io/name in (web,api)")
                    String labelSelector,
            @RequestParam(required = false) @Parameter(example = "status.phase=Running") String fieldSelector,
            @RequestParam(required = false) String namespace,
            @RequestParam(required = false) String env,
            @RequestParam(defaultValue = "false") boolean full,
            @RequestParam(defaultValue = "1000") int limit) {
        return fleet.list(kind, labelSelector, fieldSelector, namespace, env, full, limit);
    }
}
