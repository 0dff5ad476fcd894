package dev.cloudops.cloud;

import java.util.List;
import java.util.Map;

/**
 * A node group (EKS managed node group, CCE/ACK/TKE node pool).
 *
 * @param health problems the cloud reports for the group, empty when none
 */
public record NodeGroup(
        String name,
        String cloudId,
        CloudStatus status,
        String version,
        List<String> instanceTypes,
        NodeGroupScaling scaling,
        Integer diskSizeGb,
        Map<String, String> labels,
        List<String> health) {

    public NodeGroup {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        health = health == null ? List.of() : List.copyOf(health);
    }
}
