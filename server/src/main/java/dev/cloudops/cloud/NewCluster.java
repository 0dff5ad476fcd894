package dev.cloudops.cloud;

import java.util.List;
import java.util.Map;

/**
 * A cluster to create. The common fields fit EKS, CCE, ACK and TKE alike; {@code options} carries what only one
 * provider needs (the EKS cluster role ARN, the CCE flavor …), checked by that provider.
 *
 * @param vpcId the network; some providers derive it from the subnets (EKS)
 * @param subnetIds subnets (vSwitches on Alibaba Cloud) for the control plane's network interfaces
 */
public record NewCluster(
        String name,
        String version,
        String vpcId,
        List<String> subnetIds,
        List<String> securityGroupIds,
        Map<String, String> tags,
        Map<String, String> options) {

    public NewCluster {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
