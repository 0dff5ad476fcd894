package dev.cloudops.mcp;

import dev.cloudops.resource.ResourceService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code resources_delete}: deletes one object through the resource service. Destructive. */
@Component
class ResourcesDeleteTool implements McpTool {

    private final ResourceService resources;

    ResourcesDeleteTool(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "resources_delete";
    }

    @Override
    public String title() {
        return "Delete a resource";
    }

    @Override
    public String description() {
        return "Deletes one object of any kind by name. Dependents are deleted in the background unless"
                + " 'propagation' says otherwise.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "kind",
                        Schemas.string("Kind, plural or short name"),
                        "namespace",
                        Schemas.namespace("Namespace of a namespaced object; leave out for cluster-scoped kinds"),
                        "name",
                        Schemas.string("Object name"),
                        "propagation",
                        Schemas.oneOf("How dependents are deleted", "Background", "Foreground", "Orphan")),
                "kind",
                "name");
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
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String namespace = args.string("namespace");
        String kind = args.required("kind");
        String name = args.required("name");
        resources.delete(
                cluster,
                kind,
                namespace == null ? ResourceService.CLUSTER_SCOPE : namespace,
                name,
                args.string("propagation"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", kind + " " + (namespace == null ? "" : namespace + "/") + name);
        return ToolAnswer.of(out, "");
    }
}
