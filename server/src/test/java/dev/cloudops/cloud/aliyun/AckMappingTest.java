package dev.cloudops.cloud.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.cs20151215.models.DescribeClusterDetailResponseBody;
import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools;
import com.aliyun.cs20151215.models.MaintenanceWindow;
import com.aliyun.tea.TeaModel;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.platform.error.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ACK answers become provider-neutral clusters and node pools; settings checked before ModifyCluster")
class AckMappingTest {

    @ParameterizedTest(name = "cluster {0} → {1}")
    @CsvSource({
        "initial, CREATING",
        "running, ACTIVE",
        "upgrading, UPDATING",
        "updating, UPDATING",
        "scaling, UPDATING",
        "deleting, DELETING",
        "deleted, DELETED",
        "failed, FAILED",
        "delete_failed, FAILED",
        "unavailable, DEGRADED",
        "stopped, DEGRADED",
        "strange, UNKNOWN"
    })
    void clusterStates(String state, CloudStatus status) {
        assertThat(AckMapping.status(state)).isEqualTo(status);
    }

    @ParameterizedTest(name = "pool {0} → {1}")
    @CsvSource({
        "initial, CREATING",
        "active, ACTIVE",
        "scaling, UPDATING",
        "removing, UPDATING",
        "deleting, DELETING",
        "deleted, DELETED",
        "failed, FAILED",
        "strange, UNKNOWN"
    })
    void poolStates(String state, CloudStatus status) {
        assertThat(AckMapping.poolStatus(state)).isEqualTo(status);
    }

    @Test
    @DisplayName("a cluster's detail: endpoint from master_url, times with offsets, settings flattened")
    void cluster() throws Exception {
        var detail = TeaModel.toModel(
                Map.of(
                        "cluster_id", "c1",
                        "name", "prod",
                        "state", "running",
                        "current_version", "1.30.1-aliyun.1",
                        "created", "2026-01-01T08:00:00+08:00",
                        "master_url",
                                "{\"api_server_endpoint\":\"\",\"intranet_api_server_endpoint\":\"https://10.0.0.1:6443\"}",
                        "deletion_protection", false,
                        "vswitch_id", "vsw-a, vsw-b",
                        "maintenance_window", Map.of("enable", true, "weekly_period", "Monday"),
                        "tags", List.of(Map.of("key", "team", "value", "core"))),
                new DescribeClusterDetailResponseBody());
        var ack = AckMapping.AckCluster.of(detail);
        assertThat(ack.endpoint()).isEqualTo("https://10.0.0.1:6443");
        assertThat(ack.publicEndpoint()).isFalse();
        assertThat(ack.vswitches()).containsExactly("vsw-a", "vsw-b");
        var cluster = AckMapping.cluster(ack, "cn-shanghai", List.of(pool(true), pool(false)));
        assertThat(cluster.status()).isEqualTo(CloudStatus.ACTIVE);
        assertThat(cluster.region()).isEqualTo("cn-shanghai");
        assertThat(cluster.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(cluster.settings())
                .containsEntry("endpointPublicAccess", "false")
                .containsEntry("deletionProtection", "false")
                .containsEntry("maintenanceWindow.enable", "true")
                .containsEntry("maintenanceWindow.weeklyPeriod", "Monday")
                .containsEntry("tags.team", "core")
                .containsEntry("nodegroup.auto.autoScaling", "true")
                .containsEntry("nodegroup.auto.maxSize", "6")
                .doesNotContainKey("nodegroup.auto.desiredSize")
                .containsEntry("nodegroup.fixed.desiredSize", "3");
        assertThat(AckMapping.instant("not a time")).isNull();
        assertThat(AckMapping.AckCluster.of(new DescribeClusterDetailResponseBody().setMasterUrl("{broken"))
                        .endpoint())
                .isNull();
    }

    @Test
    @DisplayName("node pools: an autoscaled pool's bounds with its current size, a fixed pool desired thrice")
    void nodePools() throws Exception {
        var auto = AckMapping.nodeGroup(pool(true));
        assertThat(auto.name()).isEqualTo("auto");
        assertThat(auto.cloudId()).isEqualTo("np-auto");
        assertThat(auto.scaling().minSize()).isEqualTo(1);
        assertThat(auto.scaling().maxSize()).isEqualTo(6);
        assertThat(auto.scaling().desiredSize()).isEqualTo(2);
        assertThat(auto.health()).singleElement().asString().contains("FailedNodes");
        assertThat(auto.version()).isNull();
        var fixed = AckMapping.nodeGroup(pool(false));
        assertThat(fixed.scaling().minSize()).isEqualTo(3);
        assertThat(fixed.scaling().desiredSize()).isEqualTo(3);
        assertThat(fixed.labels()).containsEntry("pool", "fixed");
    }

    @Test
    @DisplayName("settings: only the changeable ones, with valid values; a window change keeps its other fields")
    void settings() {
        AliyunSettings.check(Map.of("deletionProtection", "true", "maintenanceWindow.duration", "3h"));
        for (var bad : List.of(
                Map.of("version", "1.31"),
                Map.of("deletionProtection", "yes"),
                Map.of("resourceGroupId", "group"),
                Map.of("maintenanceWindow.duration", "three hours"),
                Map.of("maintenanceWindow.maintenanceTime", "03:00"))) {
            assertThatThrownBy(() -> AliyunSettings.check(bad))
                    .isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).code())
                    .isEqualTo("invalid-setting");
        }
        var request = AliyunSettings.request(
                Map.of("maintenanceWindow.duration", "4h", "resourceGroupId", "rg-abcd1234"),
                new MaintenanceWindow()
                        .setEnable(true)
                        .setWeeklyPeriod("Monday")
                        .setMaintenanceTime("t"));
        assertThat(request.resourceGroupId).isEqualTo("rg-abcd1234");
        assertThat(request.deletionProtection).isNull();
        assertThat(request.maintenanceWindow.duration).isEqualTo("4h");
        assertThat(request.maintenanceWindow.weeklyPeriod).isEqualTo("Monday");
        assertThat(request.maintenanceWindow.enable).isTrue();
        assertThat(AliyunSettings.request(Map.of("deletionProtection", "false"), null).maintenanceWindow)
                .isNull();
    }

    @Test
    @DisplayName("operation references: ACK task ids and upgraded clusters round-trip, anything else is neither")
    void references() {
        assertThat(Reference.taskId(Reference.task("T-1"))).isEqualTo("T-1");
        assertThat(Reference.task(null)).isNull();
        assertThat(Reference.upgradedCluster(Reference.upgrade("c1"))).isEqualTo("c1");
        assertThat(Reference.taskId("np-1")).isNull();
        assertThat(Reference.upgradedCluster(null)).isNull();
    }

    @Test
    @DisplayName("regions: ACK's documented regions are known, other clouds' are not; endpoints per service")
    void regions() {
        assertThat(AliyunRegions.REGIONS).contains("cn-hangzhou", "ap-southeast-1", "eu-central-1", "us-west-1");
        assertThat(AliyunRegions.REGIONS).doesNotContain("us-east-2", "eu-west-3");
        assertThat(AliyunRegions.endpoint("cs", "cn-beijing")).isEqualTo("cs.cn-beijing.aliyuncs.com");
        assertThat(AliyunRegions.endpoint("cms", "cn-beijing")).isEqualTo("metrics.cn-beijing.aliyuncs.com");
        assertThat(AliyunRegions.endpoint("sts", "cn-beijing")).isEqualTo("sts.aliyuncs.com");
        assertThat(AliyunRegions.endpoint("ram", "cn-beijing")).isEqualTo("ram.aliyuncs.com");
        assertThatThrownBy(() -> AliyunRegions.endpoint("eks", "cn-beijing"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DescribeClusterNodePoolsResponseBodyNodepools pool(boolean autoscaled) throws Exception {
        String name = autoscaled ? "auto" : "fixed";
        return TeaModel.toModel(
                Map.of(
                        "nodepool_info", Map.of("name", name, "nodepool_id", "np-" + name),
                        "auto_scaling", Map.of("enable", autoscaled, "min_instances", 1, "max_instances", 6),
                        "scaling_group",
                                Map.of(
                                        "instance_types",
                                        List.of("ecs.g7.large"),
                                        "desired_size",
                                        3,
                                        "system_disk_size",
                                        40),
                        "kubernetes_config", Map.of("labels", List.of(Map.of("key", "pool", "value", name))),
                        "status", Map.of("state", "active", "total_nodes", 2, "failed_nodes", autoscaled ? 1 : 0)),
                new DescribeClusterNodePoolsResponseBodyNodepools());
    }
}
