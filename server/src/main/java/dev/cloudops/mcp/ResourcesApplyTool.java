package dev.cloudops.mcp;

import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.resource.ManifestParser;
import dev.cloudops.resource.ResourceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code resources_apply}: creates or updates the objects of a manifest through the resource service (every document
 * checked, authorised and dry-run before anything is written). Destructive: advertised only when configured.
 */
@Component
class ResourcesApplyTool implements McpTool {

    private final ResourceService resources;

    ResourcesApplyTool(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "resources_apply";
    }

    @Override
    public String title() {
        return "Apply a manifest";
    }

    @Override
    public String description() {
        return "Creates or updates the objects of a YAML or JSON manifest (several documents allowed). Every document"
                + " is checked and dry-run first; one bad document means nothing is applied. Use dryRun to see what"
                + " would change. Answers created / configured / unchanged per object.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "manifest",
                        Schemas.string("YAML or JSON manifest, one or more documents"),
                        "namespace",
                        Schemas.namespace("Namespace for namespaced documents that name none"),
                        "dryRun",
                        Schemas.bool("Only check and report what would change; write nothing")),
                "manifest");
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public boolean absentNamespaceMeansAll(ToolArgs args) {
        return false;
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String manifest = args.required("manifest");
        String namespace = args.string("namespace");
        for (Map<String, Object> document : ManifestParser.parse(manifest)) {
            args.guard().checkDocument(cluster, document, namespace);
        }
        boolean dryRun = args.flag("dryRun");
        List<ApplyOutcome> outcomes = resources.apply(cluster, manifest, namespace, dryRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("objects", outcomes);
        return ToolAnswer.list(out, "objects", "apply fewer documents at a time");
    }
}
