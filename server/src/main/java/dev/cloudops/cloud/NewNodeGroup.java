package dev.cloudops.cloud;

import java.util.List;
import java.util.Map;

/**
 * A node group to create; {@code options} carries provider-only fields (the EKS node role ARN, AMI type,
 * capacity type …).
 */
public record NewNodeGroup(
        String name,
        String version,
        List<String> instanceTypes,
        List<String> subnetIds,
        NodeGroupScaling scaling,
        Integer diskSizeGb,
        Map<String, String> labels,
        Map<String, String> options) {

    public NewNodeGroup {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
