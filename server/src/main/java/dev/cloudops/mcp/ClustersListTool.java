package dev.cloudops.mcp;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code clusters_list}: the registered clusters the caller can see. */
@Component
class ClustersListTool extends ReadOnlyTool {

    private final ClusterService clusters;

    ClustersListTool(ClusterService clusters) {
        this.clusters = clusters;
    }

    @Override
    public String name() {
        return "clusters_list";
    }

    @Override
    public String title() {
        return "List clusters";
    }

    @Override
    public String description() {
        return "Lists the Kubernetes clusters you can see: id, name, environment, status, version, node count,"
                + " whether it is simulated. Other tools take the id or name as 'cluster'.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Schemas.object(Schemas.props());
    }

    @Override
    public boolean openWorld() {
        return false;
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        var rows =
                clusters.visibleClusters().stream().map(ClustersListTool::row).toList();
        return ToolAnswer.list(Map.of("clusters", rows), "clusters", "ask for one cluster by name in other tools");
    }

    private static Map<String, Object> row(ClusterView c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.name());
        out.put("env", c.env());
        out.put("status", c.status());
        if (c.statusMessage() != null) {
            out.put("statusMessage", c.statusMessage());
        }
        out.put("version", c.version());
        out.put("nodeCount", c.nodeCount());
        out.put("simulated", c.simulated());
        out.put("tags", c.tags());
        out.put("namespaces", c.namespaces().isEmpty() ? "all" : c.namespaces());
        return out;
    }
}
