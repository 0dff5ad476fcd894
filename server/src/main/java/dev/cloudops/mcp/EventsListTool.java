package dev.cloudops.mcp;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.resource.ResourceService;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code events_list}: recent events of a namespace, or of one object, newest first, compact. */
@Component
class EventsListTool extends ReadOnlyTool {

    /** Events read per call before sorting; a namespace with more answers the newest page of them. */
    private static final int READ_LIMIT = 500;

    private final ResourceService resources;

    EventsListTool(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "events_list";
    }

    @Override
    public String title() {
        return "List events";
    }

    @Override
    public String description() {
        return "Lists Kubernetes events, newest first: of one object (give kind and name), of a namespace, or of"
                + " every namespace you may read; 'type' keeps only Warning or Normal events.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(Schemas.props(
                "cluster",
                Schemas.cluster(),
                "namespace",
                Schemas.namespace("Only this namespace; every namespace when left out (needs a cluster-wide grant)"),
                "kind",
                Schemas.string("With 'name': only events about this object, e.g. Pod"),
                "name",
                Schemas.string("With 'kind': the object's name"),
                "type",
                Schemas.oneOf("Only events of this type", "Warning", "Normal"),
                "limit",
                Schemas.integer("Most events answered (default 50)", 1, 500)));
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        long cluster = args.clusterId();
        String namespace = args.string("namespace");
        String kind = args.string("kind");
        String name = args.string("name");
        if ((kind == null) != (name == null)) {
            throw ApiException.badRequest("invalid-argument", "give both 'kind' and 'name', or neither", "name");
        }
        List<Map<String, Object>> events = name != null
                ? resources.events(cluster, kind, namespace == null ? ResourceService.CLUSTER_SCOPE : namespace, name)
                : resources
                        .list(cluster, "Event", namespace, null, null, READ_LIMIT, null)
                        .items();
        String type = args.string("type");
        Long limit = args.number("limit", 1, 500);
        List<Map<String, Object>> rows = events.stream()
                .filter(e -> type == null || type.equals(e.get("type")))
                .map(EventsListTool::row)
                .sorted(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("last")))
                        .reversed())
                .limit(limit == null ? 50 : limit)
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", rows.size());
        out.put("events", rows);
        return ToolAnswer.list(
                out,
                "events",
                "name a namespace or an object (kind and name), set type=Warning, or" + " lower 'limit'");
    }

    private static Map<String, Object> row(Map<String, Object> event) {
        Map<?, ?> metadata = ObjectViews.map(event.get("metadata"));
        Map<?, ?> involved = ObjectViews.map(event.get("involvedObject"));
        Object last = event.get("lastTimestamp") != null
                ? event.get("lastTimestamp")
                : event.get("eventTime") != null ? event.get("eventTime") : metadata.get("creationTimestamp");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("last", last);
        out.put("type", event.get("type"));
        out.put("reason", event.get("reason"));
        out.put(
                "object",
                involved.get("kind") + " "
                        + (involved.get("namespace") == null ? "" : involved.get("namespace") + "/")
                        + involved.get("name"));
        out.put("message", event.get("message"));
        if (event.get("count") instanceof Number count && count.intValue() > 1) {
            out.put("count", count);
        }
        return out;
    }
}
