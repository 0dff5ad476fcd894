package dev.cloudops.mcp;

import dev.cloudops.resource.ResourceService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code resources_get}: one object, whole (Secrets masked). */
@Component
class ResourcesGetTool extends ReadOnlyTool {

    private final ResourceService resources;

    ResourcesGetTool(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "resources_get";
    }

    @Override
    public String title() {
        return "Get a resource";
    }

    @Override
    public String description() {
        return "Gets one object of any kind by name, whole (without managedFields), or only the dotted paths in"
                + " 'fields'. Secret values are masked.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "kind",
                        Schemas.string("Kind, plural or short name: Pod, deployments, cm, nodes"),
                        "namespace",
                        Schemas.namespace("Namespace of a namespaced object; leave out for cluster-scoped kinds"),
                        "name",
                        Schemas.string("Object name"),
                        "fields",
                        Schemas.strings(
                                "Dotted paths to answer instead of the whole object, e.g. status.conditions", 50)),
                "kind",
                "name");
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String kind = args.required("kind");
        String namespace = args.string("namespace");
        Map<String, Object> object = resources.get(
                cluster, kind, namespace == null ? ResourceService.CLUSTER_SCOPE : namespace, args.required("name"));
        if (Kinds.isSecret(resources, cluster, kind)) {
            object = SecretMasker.maskAsSecret(object);
        }
        Object view = args.strings("fields").isEmpty()
                ? ObjectViews.withoutManagedFields(object)
                : ObjectViews.pick(object, args.strings("fields"));
        return ToolAnswer.of(view, "ask for less with 'fields' (e.g. status, spec.template.spec.containers)");
    }
}
