package dev.cloudops.resource;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.kube.ObjectPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Resources",
        description = "Any kind on any cluster. Kinds are named as kubectl accepts them (pods, deploy,"
                + " deployments.apps, a CRD's plural). Cluster-scoped objects use '_' as their namespace.")
@RestController
@RequestMapping("/api/k8s/resources/{clusterId}")
@Validated
class ResourceController {

    static final String YAML = "application/yaml";

    private final ResourceService resources;

    ResourceController(ResourceService resources) {
        this.resources = resources;
    }

    @Operation(
            summary = "Discover the cluster's kinds",
            description = "Every kind the API server serves, CRDs included.")
    @GetMapping("/discovery")
    List<ApiResourceInfo> discovery(@PathVariable long clusterId) {
        return resources.discover(clusterId);
    }

    @Operation(
            summary = "List objects of a kind",
            description = "Namespace, label and field selectors as kubectl; paged with limit and the continue token."
                    + " Without a namespace, a cluster-wide grant is needed.")
    @GetMapping("/{kind}")
    ObjectPage list(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @RequestParam(required = false) String namespace,
            @RequestParam(required = false) @Parameter(example = "app in (web,api),tier!=cache") String labelSelector,
            @RequestParam(required = false) @Parameter(example = "status.phase=Running") String fieldSelector,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(name = "continue", required = false) String cont) {
        return resources.list(clusterId, kind, namespace, labelSelector, fieldSelector, limit, cont);
    }

    @Operation(
            summary = "Get an object",
            description = "JSON by default; YAML with ?format=yaml or Accept: application/yaml.")
    @GetMapping(
            value = "/{kind}/{namespace}/{name}",
            produces = {MediaType.APPLICATION_JSON_VALUE, YAML})
    ResponseEntity<?> get(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @PathVariable @Parameter(description = "namespace, or '_' for cluster-scoped kinds") String namespace,
            @PathVariable String name,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Map<String, Object> object = resources.get(clusterId, kind, namespace, name);
        if ("yaml".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains(YAML))) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(YAML))
                    .body(dev.cloudops.platform.yaml.SafeYaml.dump(object));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(object);
    }

    @Operation(summary = "Events of an object", description = "Oldest first, as kubectl describe shows them.")
    @GetMapping("/{kind}/{namespace}/{name}/events")
    List<Map<String, Object>> events(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @PathVariable String namespace,
            @PathVariable String name) {
        return resources.events(clusterId, kind, namespace, name);
    }

    @Operation(
            summary = "Delete an object",
            description = "propagationPolicy: Background (default), Foreground or Orphan.")
    @DeleteMapping("/{kind}/{namespace}/{name}")
    @ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void delete(
            @PathVariable long clusterId,
            @PathVariable String kind,
            @PathVariable String namespace,
            @PathVariable String name,
            @RequestParam(required = false) String propagationPolicy) {
        resources.delete(clusterId, kind, namespace, name, propagationPolicy);
    }

    @Operation(
            summary = "Apply a manifest",
            description = "Multi-document YAML, or JSON (an object, an array or a List). Every document is checked"
                    + " and dry-run on the server first: one bad document means nothing is applied, and the problem"
                    + " names it (field documents[i]). dryRun=true stops after the check.")
    @PostMapping(
            value = "/apply",
            consumes = {
                YAML,
                "application/x-yaml",
                "text/yaml",
                MediaType.APPLICATION_JSON_VALUE,
                MediaType.TEXT_PLAIN_VALUE
            })
    List<ApplyOutcome> apply(
            @PathVariable long clusterId,
            @RequestBody(required = false) String manifest,
            @RequestParam(required = false) String namespace,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        return resources.apply(clusterId, manifest, namespace, dryRun);
    }
}
