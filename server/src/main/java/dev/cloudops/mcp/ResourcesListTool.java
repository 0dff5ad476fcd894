package dev.cloudops.mcp;

import dev.cloudops.kube.ObjectPage;
import dev.cloudops.resource.ResourceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code resources_list}: objects of any kind, compact by default, paged. */
@Component
class ResourcesListTool extends ReadOnlyTool {

    private final ResourceService resources;

    ResourcesListTool(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "resources_list";
    }

    @Override
    public String title() {
        return "List resources";
    }

    @Override
    public String description() {
        return "Lists objects of one kind (pods, deployments, services, nodes, a custom resource …) in a namespace or"
                + " across the namespaces you may read, filtered by label and field selectors. Answers a compact"
                + " summary of each object unless 'fields' picks paths or 'full' asks for whole objects; pass"
                + " 'continue' back for the next page.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "kind",
                        Schemas.string("Kind, plural or short name, as kubectl takes it: Pod, deployments, svc,"
                                + " deployments.apps"),
                        "namespace",
                        Schemas.namespace(
                                "Only this namespace; every namespace when left out (needs a cluster-wide" + " grant)"),
                        "labelSelector",
                        Schemas.string("Label selector, e.g. app=web,tier!=db"),
                        "fieldSelector",
                        Schemas.string("Field selector, e.g. status.phase=Running"),
                        "limit",
                        Schemas.integer("Most objects in this page (default 100)", 1, 500),
                        "continue",
                        Schemas.string("The 'continue' token of the previous page"),
                        "fields",
                        Schemas.strings(
                                "Dotted paths to answer for each object, e.g. metadata.name, spec.replicas", 50),
                        "full",
                        Schemas.bool("Answer whole objects (without managedFields) instead of summaries")),
                "kind");
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String kind = args.required("kind");
        Long limit = args.number("limit", 1, 500);
        ObjectPage page = resources.list(
                cluster,
                kind,
                args.string("namespace"),
                args.string("labelSelector"),
                args.string("fieldSelector"),
                limit == null ? 100 : limit.intValue(),
                args.string("continue"));
        boolean secrets = Kinds.isSecret(resources, cluster, kind);
        List<String> fields = args.strings("fields");
        List<Object> items = page.items().stream()
                .map(item -> secrets ? SecretMasker.maskAsSecret(item) : item)
                .map(item -> (Object) view(item, fields, args.flag("full")))
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("count", items.size());
        if (page.continueToken() != null) {
            out.put("continue", page.continueToken());
        }
        if (page.remainingItemCount() != null) {
            out.put("remainingItemCount", page.remainingItemCount());
        }
        out.put("items", items);
        return ToolAnswer.list(
                out,
                "items",
                "name a namespace, add a labelSelector or fieldSelector, lower 'limit', or pick 'fields'");
    }

    private static Map<String, Object> view(Map<String, Object> item, List<String> fields, boolean full) {
        if (!fields.isEmpty()) {
            return ObjectViews.pick(item, fields);
        }
        return full ? ObjectViews.withoutManagedFields(item) : ObjectViews.summary(item);
    }
}
