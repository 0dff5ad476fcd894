package dev.cloudops.cloud.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.tke.v20180525.models.Cluster;
import com.tencentcloudapi.tke.v20180525.models.Label;
import com.tencentcloudapi.tke.v20180525.models.NodePool;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.ClusterChange;
import dev.cloudops.cloud.MonitoringQuery;
import dev.cloudops.cloud.NewCluster;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Tencent Cloud TKE: error mapping, TKE records, kubeconfig expiry and the checks made before any call")
class TencentPureTest {

    /** A self-signed certificate valid until 2036-11-22T00:12:47Z, as base64 PEM (kubeconfig client-certificate-data). */
    static final String CERT =
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUREekNDQWZlZ0F3SUJBZ0lVSVVxNGdobC9NS3ZlQ2F3dWF6VDc0WXFUVUx3d0RRWUpLb1pJaHZjTkFRRUwKQlFBd0Z6RVZNQk1HQTFVRUF3d01NVEF3TURFeU16UTFOamM0TUI0WERUSTJNVEV5TlRBd01USTBOMW9YRFRNMgpNVEV5TWpBd01USTBOMW93RnpFVk1CTUdBMVVFQXd3TU1UQXdNREV5TXpRMU5qYzRNSUlCSWpBTkJna3Foa2lHCjl3MEJBUUVGQUFPQ0FROEFNSUlCQ2dLQ0FRRUF6S0Z1L3hSSkIrdWVBTkp3RlJyVkIwOGZQTldqQ0Y4MHIyVHIKMjNudFlybnpYMjFESEljbnJkOStyZTFsaEx3R0F1QWEzRjBmYkRMVDdMMmdhbHA1UzBRT25mMHhnelE2TFZUOQpyb3hxYWhreWVEckZ4anVHRjdIZmVxZjBMa3p4TFltT3dRWWQ3TU5nZVhJUEZaS29lQ3hjbnMycnZZZGhDbGQzCjA4aVAxcGZhbUhHeXMzL3EwK1FhMmxsRmNtSVk4Z3YvYTNlbHRFRjI3aG9FYzZENlBZRzJTVHBVR2w3SjZhVXAKMDU5WmZJbjdKSW9HZTAwaEdwTFFzQVd3SFo5bzlURmVtU1hrUGxDTUJacVphT1VsMlBTV0JzYzM4eGJIWnRObgpRSWRpczkwMDhQSWJ3cHF5ZVhpd2pZSUM0ZjlRd0hqQTdjUFdNck5BT01URTJGT2Jxd0lEQVFBQm8xTXdVVEFkCkJnTlZIUTRFRmdRVTQxbmF6UVloZnB5VzdRRTFURW13NG9IWEpFMHdId1lEVlIwakJCZ3dGb0FVNDFuYXpRWWgKZnB5VzdRRTFURW13NG9IWEpFMHdEd1lEVlIwVEFRSC9CQVV3QXdFQi96QU5CZ2txaGtpRzl3MEJBUXNGQUFPQwpBUUVBQVc4Y05ESU5rMWV4NWtWeWZCTHVldk85eS9RTmQzT1hoSHY1cUZUbWNta2pBRlE5QzZKc3hoMDBESk5ZClBMSmZ2Y2NRSUthMmRsKzdidEFDNHhhL0o4S25MOVhQTmlRS1dnS1ZGL1V2L2xyMFprNll6QXJrRWlzZ045enMKQUZtM2txUWJTeElXQ0MrVURHTEpUa2tTbDFoV3c3VUFsU2REYlczWFVhZ3oxd3ZHWk5rNmNHcTdRTm5LN1VTWAplazNvcXU1OWVxY3dwbEFzenRTRkJSRGVsMVBnbi9oZ0FtbGoxVjNIVHp1eEVHMjdXL0ZQZmJhU21MdFNoMm1qCjE0b1hlNHNwZGZTWTgzZUdUVXpQL09XY2lNZWc4YVFWNXVVcEYyYVlHMGFDdEN5NVY2VDQvMGhRNTBFRFc1ai8KU2Fvd3kzWjY0bklWQk1kY25mRlZnK1k1eWc9PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";

    private final TencentProvider provider = new TencentProvider(null);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "AuthFailure.SignatureFailure, cloud-auth-failed, 422",
        "AuthFailure.SecretIdNotFound, cloud-auth-failed, 422",
        "UnauthorizedOperation.CamNoAuth, cloud-access-denied, 403",
        "OperationDenied, cloud-access-denied, 403",
        "ResourceNotFound.ClusterNotFound, cloud-not-found, 404",
        "LimitExceeded, cloud-quota-exceeded, 422",
        "LimitExceeded.QuotaMaxNodLimit, cloud-quota-exceeded, 422",
        "RequestLimitExceeded, cloud-throttled, 429",
        "RequestLimitExceeded.UinLimitExceeded, cloud-throttled, 429",
        "ResourceInUse.ResourceExistAlready, cloud-conflict, 409",
        "InvalidParameter.Param, cloud-invalid-request, 422",
        "InternalError, cloud-unavailable, 503",
        "ServerSideError, cloud-unavailable, 503",
        "FailedOperation.Something, cloud-invalid-request, 422"
    })
    void mapsErrors(String code, String problem, int status) {
        ApiException e = TencentErrors.translate("TKE", new TencentCloudSDKException("message", "req-1", code));
        assertThat(e.code()).isEqualTo(problem);
        assertThat(e.status().value()).isEqualTo(status);
        assertThat(e.getMessage()).contains(code).contains("req-1");
    }

    @Test
    @DisplayName("credential problems do not echo Tencent's message; role refusals say so; network failures are 503")
    void credentialAndNetworkErrors() {
        var auth =
                TencentErrors.translate("STS", new TencentCloudSDKException("SecretId AKIDsecret", "r", "AuthFailure"));
        assertThat(auth.getMessage()).doesNotContain("AKIDsecret");
        var role = TencentErrors.translate(
                "STS AssumeRole", new TencentCloudSDKException("denied", "r", "UnauthorizedOperation"));
        assertThat(role.code()).isEqualTo("cloud-auth-failed");
        var io = new TencentCloudSDKException("", new IOException("connection refused"));
        assertThat(TencentErrors.retryable(io)).isTrue();
        assertThat(TencentErrors.translate("TKE", io).code()).isEqualTo("cloud-unavailable");
        assertThat(TencentErrors.translate("TKE", io).getMessage()).contains("connection refused");
        assertThat(TencentErrors.retryable(new TencentCloudSDKException("m", "r", "RequestLimitExceeded")))
                .isTrue();
        assertThat(TencentErrors.retryable(new TencentCloudSDKException("m", "r", "ResourceNotFound")))
                .isFalse();
        assertThat(TencentErrors.sdkCause(new RuntimeException(io))).isSameAs(io);
        assertThat(TencentErrors.sdkCause(new IllegalStateException("x"))).isNull();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "tke, https://tke.internal.tencentcloudapi.com, tke.internal.tencentcloudapi.com",
        "sts, https://tke.ap-guangzhou.tencentcloudapi.com, sts.ap-guangzhou.tencentcloudapi.com",
        "monitor, https://internal.tencentcloudapi.com, monitor.internal.tencentcloudapi.com",
        "cam, https://tencentcloudapi.com, cam.tencentcloudapi.com",
        "tke, https://tke.corp.example:8443, tke.corp.example:8443",
        "sts, http://localhost:8089, ''",
        "tke, https://gateway.corp.example, ''"
    })
    void endpointOverrides(String service, String override, String authority) {
        assertThat(TencentClients.serviceAuthority(service, java.net.URI.create(override)))
                .isEqualTo(authority.isEmpty() ? null : authority);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "Running, ACTIVE",
        "Creating, CREATING",
        "Trading, CREATING",
        "Upgrading, UPDATING",
        "NodeUpgrading, UPDATING",
        "Deleting, DELETING",
        "ResourceDestroyed, DELETED",
        "Abnormal, DEGRADED",
        "Isolated, DEGRADED",
        "WaittingForConnect, PENDING",
        "normal, ACTIVE",
        "creating, CREATING",
        "updating, UPDATING",
        "deleting, DELETING",
        "Whatever, UNKNOWN"
    })
    void states(String state, CloudStatus status) {
        assertThat(TkeMapping.status(state)).isEqualTo(status);
    }

    @Test
    @DisplayName("a TKE cluster and node pool map to the platform's records and drift settings")
    void mapping() {
        Cluster c = new Cluster();
        c.setClusterId("cls-abcd1234");
        c.setClusterName("prod");
        c.setClusterVersion("1.30.0");
        c.setClusterStatus("Running");
        c.setClusterLevel("L5");
        c.setCreatedTime("2026-01-01 08:00:00");
        NodePool p = new NodePool();
        p.setNodePoolId("np-wk000001");
        p.setName("workers");
        p.setLifeState("normal");
        p.setMinNodesNum(1L);
        p.setMaxNodesNum(5L);
        p.setDesiredNodesNum(2L);
        Label label = new Label();
        label.setName("pool");
        label.setValue("workers");
        p.setLabels(new Label[] {label});
        p.setAutoscalingGroupStatus("disabled");
        CloudCluster cluster = TkeMapping.cluster(c, "ap-guangzhou", "https://1.2.3.4", "Q0E=", List.of(p));
        assertThat(cluster.cloudId()).isEqualTo("cls-abcd1234");
        assertThat(cluster.status()).isEqualTo(CloudStatus.ACTIVE);
        assertThat(cluster.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(cluster.settings())
                .containsEntry("clusterLevel", "L5")
                .containsEntry("nodegroup.workers.desiredSize", "2")
                .containsEntry("nodegroup.workers.maxSize", "5");
        var group = TkeMapping.nodeGroup(p);
        assertThat(group.scaling()).isEqualTo(new NodeGroupScaling(1, 5, 2));
        assertThat(group.labels()).containsEntry("pool", "workers");
        assertThat(group.health()).containsExactly("AutoscalingGroup: disabled");
        assertThat(TkeMapping.time("2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(TkeMapping.time("yesterday")).isNull();
        assertThat(TkeMapping.time(null)).isNull();
    }

    @Test
    @DisplayName("the kubeconfig's expiry is its client certificate's notAfter; a token kubeconfig has none")
    void kubeconfigExpiry() {
        String withCert = "apiVersion: v1\nusers:\n- name: u\n  user:\n    client-certificate-data: " + CERT
                + "\n    client-key-data: a2V5\n";
        assertThat(TkeKubeconfig.expiry(withCert)).isEqualTo(Instant.parse("2036-11-22T00:12:47Z"));
        assertThat(TkeKubeconfig.expiry("apiVersion: v1\nusers:\n- name: u\n  user:\n    token: t\n"))
                .isNull();
        assertThatThrownBy(() -> TkeKubeconfig.expiry(
                        "users:\n- name: u\n  user:\n    client-certificate-data: bm90IGEgY2VydA==\n"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    @DisplayName("cluster creation and changes are checked before anything is sent")
    void checks() {
        var ok = new NewCluster(
                "prod",
                "1.30.0",
                "vpc-abcd1234",
                List.of(),
                List.of(),
                Map.of(),
                Map.of("clusterCidr", "172.16.0.0/16"));
        provider.checkNewCluster(ok);
        Map<String, NewCluster> bad = Map.of(
                "name",
                        new NewCluster(
                                "cls-abcd1234", "1.30.0", "vpc-abcd1234", List.of(), List.of(), Map.of(), ok.options()),
                "vpcId", new NewCluster("prod", "1.30.0", "vpc-1", List.of(), List.of(), Map.of(), ok.options()),
                "securityGroupIds",
                        new NewCluster(
                                "prod", "1.30.0", "vpc-abcd1234", List.of(), List.of("sg-1"), Map.of(), ok.options()),
                "options.clusterCidr",
                        new NewCluster("prod", "1.30.0", "vpc-abcd1234", List.of(), List.of(), Map.of(), Map.of()),
                "subnetIds",
                        new NewCluster(
                                "prod",
                                "1.30.0",
                                "vpc-abcd1234",
                                List.of(),
                                List.of(),
                                Map.of(),
                                Map.of("networkType", "VPC-CNI")),
                "options.networkType",
                        new NewCluster(
                                "prod",
                                "1.30.0",
                                "vpc-abcd1234",
                                List.of(),
                                List.of(),
                                Map.of(),
                                Map.of("networkType", "X")),
                "options.color",
                        new NewCluster(
                                "prod", "1.30.0", "vpc-abcd1234", List.of(), List.of(), Map.of(), Map.of("color", "x")),
                "options.deletionProtection",
                        new NewCluster(
                                "prod",
                                "1.30.0",
                                "vpc-abcd1234",
                                List.of(),
                                List.of(),
                                Map.of(),
                                Map.of("clusterCidr", "172.16.0.0/16", "deletionProtection", "maybe")));
        bad.forEach((field, spec) -> assertThatThrownBy(() -> provider.checkNewCluster(spec))
                .as(field)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo(field)));

        CloudCluster current = new CloudCluster(
                "prod", "cls-abcd1234", "ap-guangzhou", CloudStatus.ACTIVE, "1.30.0", null, null, null, null, Map.of());
        provider.checkChange(current, new ClusterChange("1.31.0", Map.of()));
        provider.checkChange(current, new ClusterChange(null, Map.of("clusterLevel", "L20", "description", "x")));
        for (ClusterChange change : List.of(
                new ClusterChange("1.32.0", Map.of()),
                new ClusterChange("1.31.0", Map.of("description", "x")),
                new ClusterChange(null, Map.of("vpcId", "vpc-x")),
                new ClusterChange(null, Map.of("clusterLevel", "huge")),
                new ClusterChange(null, Map.of("deletionProtection", "yes")))) {
            assertThatThrownBy(() -> provider.checkChange(current, change))
                    .as(change.toString())
                    .isInstanceOf(ApiException.class);
        }
        assertThat(provider.knowsRegion("ap-singapore")).isTrue();
        assertThat(provider.knowsRegion("eu-west-1")).isFalse();
        assertThat(provider.knowsRegion(null)).isFalse();
        assertThat(provider.endpointServices()).contains("tke", "sts", "monitor", "cam");
    }

    @Test
    @DisplayName("node pools, grants and monitoring queries are checked before anything is sent")
    void otherChecks() {
        var scaling = new NodeGroupScaling(1, 3, 2);
        var ok = new NewNodeGroup(
                "workers", null, List.of("S5.MEDIUM4"), List.of("subnet-abcd1234"), scaling, 50, Map.of(), Map.of());
        TencentNodePools.check(ok);
        for (NewNodeGroup spec : List.of(
                new NewNodeGroup(
                        "np-abcd1234", null, ok.instanceTypes(), ok.subnetIds(), scaling, 50, Map.of(), Map.of()),
                new NewNodeGroup("w", null, List.of(), ok.subnetIds(), scaling, 50, Map.of(), Map.of()),
                new NewNodeGroup("w", null, ok.instanceTypes(), List.of("subnet-1"), scaling, 50, Map.of(), Map.of()),
                new NewNodeGroup(
                        "w", null, ok.instanceTypes(), ok.subnetIds(), scaling, 50, Map.of(), Map.of("x", "y")),
                new NewNodeGroup(
                        "w",
                        null,
                        ok.instanceTypes(),
                        ok.subnetIds(),
                        scaling,
                        50,
                        Map.of(),
                        Map.of("enableAutoscale", "1")))) {
            assertThatThrownBy(() -> TencentNodePools.check(spec)).isInstanceOf(ApiException.class);
        }

        TencentAccess.check(new AccessGrant("100012345678", "tke:admin", List.of(), List.of()));
        for (AccessGrant grant : List.of(
                new AccessGrant("arn:aws:iam::1:user/x", "tke:admin", List.of(), List.of()),
                new AccessGrant("100012345678", "tke admin", List.of(), List.of()),
                new AccessGrant("100012345678", "tke:admin", List.of(), List.of("system:masters")),
                new AccessGrant("100012345678", "tke:ns:ro", List.of(), List.of()))) {
            assertThatThrownBy(() -> TencentAccess.check(grant)).isInstanceOf(ApiException.class);
        }

        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        TencentMonitoring.check(new MonitoringQuery(List.of(), to.minusSeconds(3600), to, Duration.ofMinutes(5)));
        assertThatThrownBy(() -> TencentMonitoring.check(
                        new MonitoringQuery(List.of(), to.minusSeconds(3600), to, Duration.ofMinutes(2))))
                .isInstanceOf(ApiException.class);
        assertThat(TencentMonitoring.format(to)).isEqualTo("2026-01-01T00:00:00+00:00");
    }
}
