package dev.cloudops.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Provider detection from API server hosts, node provider IDs and node labels")
class ProviderDetectionTest {

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource({
        "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com, aws, eu-west-1",
        "https://ABCDEF.yl4.cn-north-1.eks.amazonaws.com.cn, aws, cn-north-1",
        "https://abc.us-gov-west-1.eks.amazonaws.com, aws, us-gov-west-1",
        "https://cls-abcd1234.ccs.tencent-cloud.com, tencent, ",
        "https://api.cce.cn-north-4.myhuaweicloud.com, huawei, ",
        "https://prod-dns-1234.hcp.westeurope.azmk8s.io:443, aks, ",
        "https://10.0.0.1:6443, , ",
        "not a url, , "
    })
    void hosts(String url, String provider, String region) {
        var d = ProviderDetection.detect(url, List.of());
        assertThat(d.provider()).isEqualTo(provider);
        assertThat(d.region()).isEqualTo(region);
    }

    @ParameterizedTest(name = "node {1} / {2} → {3}")
    @CsvSource({
        "n, aws:///eu-west-1a/i-0abc, eks.amazonaws.com/nodegroup, aws",
        "n, qcloud:///800002/ins-abc, tke.cloud.tencent.com/nodepool-id, tencent",
        "n, cn-hangzhou.i-bp1abc, alibabacloud.com/nodepool-id, aliyun",
        "n, '', cce.cloud.com/cce-nodepool, huawei",
        "n, gce://project/zone/vm, cloud.google.com/gke-nodepool, gke",
        "n, azure:///subscriptions/x, kubernetes.azure.com/agentpool, aks"
    })
    void nodes(String name, String providerId, String label, String provider) {
        var node = new ProviderDetection.NodeFacts(
                name, providerId, Map.of(label, "x", "topology.kubernetes.io/region", "r-1"));
        var d = ProviderDetection.detect("https://10.0.0.1", List.of(node));
        assertThat(d.provider()).isEqualTo(provider);
        assertThat(d.region()).isEqualTo("r-1");
        assertThat(d.evidence()).isNotEmpty().allMatch(e -> e.provider().equals(provider));
    }
}
