package dev.cloudops.analysis.usage;

import dev.cloudops.analysis.AnalysisService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Analysis: cost", description = "What a cluster's requests cost, per namespace and per workload")
@RestController
@RequestMapping("/api/k8s/analysis")
class CostController {

    private final AnalysisService analysis;
    private final CostModel model;

    CostController(AnalysisService analysis, CostModel model) {
        this.analysis = analysis;
        this.model = model;
    }

    @Operation(
            summary = "Cost breakdown of a cluster",
            description = "Every scheduled pod's CPU and memory requests times its node's price (by provider and"
                    + " region, cloudops.analysis.cost), per namespace and per workload, monthly = hoursPerMonth"
                    + " hours. With metrics.k8s.io, idle and over-provisioned workloads and suggested requests."
                    + " READ on the namespace, or on the cluster without one; without a cluster-wide grant only the"
                    + " granted namespaces are counted.")
    @ApiResponse(responseCode = "400", description = "invalid-namespace")
    @ApiResponse(responseCode = "403", description = "forbidden")
    @ApiResponse(responseCode = "404", description = "cluster-not-found")
    @GetMapping("/cost")
    CostReport cost(
            @RequestParam long clusterId,
            @Parameter(description = "Only this namespace") @RequestParam(required = false) String namespace) {
        return model.report(analysis.state(clusterId, namespace));
    }
}
