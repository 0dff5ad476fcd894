package dev.cloudops.cloud.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.cce.v3.model.ClusterCert;
import com.huaweicloud.sdk.cce.v3.model.Clusters;
import com.huaweicloud.sdk.cce.v3.model.CreateKubernetesClusterCertResponse;
import com.huaweicloud.sdk.cce.v3.model.NodePoolStatus;
import com.huaweicloud.sdk.cce.v3.model.User;
import com.huaweicloud.sdk.cce.v3.model.Users;
import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.SdkException;
import com.huaweicloud.sdk.core.exception.ServerResponseException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NewCluster;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.yaml.SafeYaml;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Huawei Cloud adapter: pure mappings of CCE answers, errors, certificates and requests")
class HuaweiPureTest {

    @ParameterizedTest(name = "{0} {1} (HTTP {2}) → {3}")
    @CsvSource({
        "APIGW.0301, Incorrect IAM authentication information, 401, cloud-auth-failed, 422",
        "APIGW.0303, Incorrect app authentication information, 401, cloud-auth-failed, 422",
        "CCE.01403001, Forbidden, 403, cloud-access-denied, 403",
        "CCE.01404001, Cluster not found, 404, cloud-not-found, 404",
        "APIGW.0308, The throttling threshold has been reached, 429, cloud-throttled, 429",
        "CCE.01400013, Insufficient quota, 400, cloud-quota-exceeded, 422",
        "CCE.01409001, Conflict, 409, cloud-conflict, 409",
        "CCE.01400001, Invalid request, 400, cloud-invalid-request, 422",
        "CCE.01500000, Internal error, 500, cloud-unavailable, 503"
    })
    void mapsServiceErrors(String code, String message, int http, String problem, int status) {
        ServiceResponseException e = ServiceResponseException.mapException(http, code, message, "req-1");
        ApiException mapped = HuaweiErrors.translate("CCE", e);
        assertThat(mapped.code()).isEqualTo(problem);
        assertThat(mapped.status().value()).isEqualTo(status);
        assertThat(mapped.getMessage()).contains(code).contains("req-1");
    }

    @Test
    @DisplayName("authentication failures do not repeat the cloud's text; unreachable clouds are unavailable")
    void authAndConnection() {
        var auth = HuaweiErrors.translate(
                "IAM", ServiceResponseException.mapException(401, "APIGW.0301", "ak AKSECRETLOOKING is bad", "r"));
        assertThat(auth.getMessage()).doesNotContain("AKSECRETLOOKING");
        var wrapped = HuaweiErrors.translate(
                "CCE",
                new SdkException(new java.util.concurrent.ExecutionException(new ConnectionException("refused"))));
        assertThat(wrapped.code()).isEqualTo("cloud-unavailable");
        var project = HuaweiErrors.translate(
                "CCE", new SdkException("Failed to get project id of region 'cn-north-4' automatically"));
        assertThat(project.code()).isEqualTo("cloud-invalid-request");
        assertThat(HuaweiClients.retryable(new ConnectionException("x"))).isTrue();
        assertThat(HuaweiClients.retryable(ServiceResponseException.mapException(429, "APIGW.0308", "t", "r")))
                .isTrue();
        assertThat(HuaweiClients.retryable(new ServerResponseException(502, "APIGW.0201", "bad gateway", "r")))
                .isTrue();
        assertThat(HuaweiClients.retryable(ServiceResponseException.mapException(400, "CCE.01400001", "b", "r")))
                .isFalse();
    }

    @Test
    @DisplayName("CCE phases map to the platform's states")
    void phases() {
        assertThat(CceMapping.clusterStatus("Available")).isEqualTo(CloudStatus.ACTIVE);
        assertThat(CceMapping.clusterStatus("Creating")).isEqualTo(CloudStatus.CREATING);
        assertThat(CceMapping.clusterStatus("Upgrading")).isEqualTo(CloudStatus.UPDATING);
        assertThat(CceMapping.clusterStatus("Deleting")).isEqualTo(CloudStatus.DELETING);
        assertThat(CceMapping.clusterStatus("Error")).isEqualTo(CloudStatus.FAILED);
        assertThat(CceMapping.clusterStatus("Hibernation")).isEqualTo(CloudStatus.DEGRADED);
        assertThat(CceMapping.clusterStatus("Unheard")).isEqualTo(CloudStatus.UNKNOWN);
        assertThat(CceMapping.clusterStatus(null)).isEqualTo(CloudStatus.UNKNOWN);
        assertThat(CceMapping.poolStatus(null)).isEqualTo(CloudStatus.ACTIVE);
        assertThat(CceMapping.poolStatus(new NodePoolStatus().withCreatingNode(2)))
                .isEqualTo(CloudStatus.UPDATING);
        assertThat(CceMapping.poolStatus(new NodePoolStatus().withPhase(NodePoolStatus.PhaseEnum.SOLDOUT)))
                .isEqualTo(CloudStatus.DEGRADED);
        assertThat(CceMapping.poolStatus(new NodePoolStatus().withPhase(NodePoolStatus.PhaseEnum.ERROR)))
                .isEqualTo(CloudStatus.FAILED);
        assertThat(CceMapping.poolStatus(new NodePoolStatus().withPhase(NodePoolStatus.PhaseEnum.DELETING)))
                .isEqualTo(CloudStatus.DELETING);
        assertThat(CceMapping.poolStatus(new NodePoolStatus().withPhase(NodePoolStatus.PhaseEnum.SYNCHRONIZED)))
                .isEqualTo(CloudStatus.ACTIVE);
    }

    @Test
    @DisplayName("CCE's time format and RFC 3339 are read; anything else is no time")
    void times() {
        assertThat(CceMapping.time("2026-01-01 08:00:00.123456 +0000 UTC"))
                .isEqualTo(Instant.parse("2026-01-01T08:00:00.123456Z"));
        assertThat(CceMapping.time("2026-01-01T08:00:00Z")).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(CceMapping.time("yesterday")).isNull();
        assertThat(CceMapping.time(null)).isNull();
    }

    @Test
    @DisplayName("the kubeconfig names the verified public server when there is one, never the unverified one")
    void kubeconfig() {
        var cert = new CreateKubernetesClusterCertResponse()
                .withClusters(List.of(
                        cluster("internalCluster", "https://192.168.0.10:5443", "Q0E=", null),
                        cluster("externalCluster", "https://203.0.113.10:5443", null, true),
                        cluster("externalClusterTLSVerify", "https://203.0.113.10:5443", "Q0E=", null)))
                .withUsers(List.of(new Users()
                        .withName("user")
                        .withUser(
                                new User().withClientCertificateData("Q0VSVA==").withClientKeyData("S0VZ"))));
        String yaml = CceCertificates.kubeconfig("prod", cert);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>)
                SafeYaml.documents(yaml, 100_000).iterator().next();
        assertThat(root.get("current-context")).isEqualTo("prod");
        assertThat(yaml).contains("https://203.0.113.10:5443").doesNotContain("insecure");
        assertThat(yaml).contains("client-key-data: S0VZ");

        var internalOnly = new CreateKubernetesClusterCertResponse()
                .withClusters(List.of(
                        cluster("internalCluster", "https://192.168.0.10:5443", "Q0E=", null),
                        cluster("externalCluster", "https://203.0.113.10:5443", null, true)))
                .withUsers(cert.getUsers());
        assertThat(CceCertificates.kubeconfig("prod", internalOnly)).contains("https://192.168.0.10:5443");

        var insecureOnly = new CreateKubernetesClusterCertResponse()
                .withClusters(List.of(cluster("externalCluster", "https://203.0.113.10:5443", null, true)))
                .withUsers(cert.getUsers());
        assertThatThrownBy(() -> CceCertificates.kubeconfig("prod", insecureOnly))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("verifiable");
        var keyless = new CreateKubernetesClusterCertResponse().withClusters(cert.getClusters());
        assertThatThrownBy(() -> CceCertificates.kubeconfig("prod", keyless)).isInstanceOf(ApiException.class);
    }

    @Test
    @DisplayName("versions are sent as CCE writes them; cluster requests carry the documented defaults")
    void clusterRequests() {
        assertThat(CceClusterSpecs.version("1.30")).isEqualTo("v1.30");
        assertThat(CceClusterSpecs.version("v1.31.2")).isEqualTo("v1.31");
        var spec = new NewCluster(
                "prod-a",
                "1.30",
                "3305eb40-2707-4940-921c-9f335f84a2ca",
                List.of("5f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f"),
                List.of("6f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f"),
                Map.of(),
                Map.of("flavor", "cce.s2.medium", "kubeProxyMode", "ipvs", "category", "Turbo"));
        CceClusterSpecs.check(spec);
        var body = CceClusterSpecs.request(spec).getBody();
        assertThat(body.getSpec().getContainerNetwork().getMode().getValue()).isEqualTo("overlay_l2");
        assertThat(body.getSpec().getHostNetwork().getSecurityGroup())
                .isEqualTo("6f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f");
        assertThat(body.getSpec().getKubeProxyMode().getValue()).isEqualTo("ipvs");
        assertThat(body.getSpec().getCategory().getValue()).isEqualTo("Turbo");
        assertThatThrownBy(() -> CceClusterSpecs.check(
                        new NewCluster("Bad_Name", null, null, null, null, null, Map.of("flavor", "cce.s1.small"))))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("names");
        assertThatThrownBy(() -> CceClusterSpecs.checkSettings(Map.of("deletionProtection", "maybe")))
                .isInstanceOf(ApiException.class);
        CceClusterSpecs.checkSettings(Map.of("alias", "Payments", "deletionProtection", "false"));
    }

    private static Clusters cluster(String name, String server, String ca, Boolean insecure) {
        return new Clusters()
                .withName(name)
                .withCluster(new ClusterCert()
                        .withServer(server)
                        .withCertificateAuthorityData(ca)
                        .withInsecureSkipTlsVerify(insecure));
    }
}
