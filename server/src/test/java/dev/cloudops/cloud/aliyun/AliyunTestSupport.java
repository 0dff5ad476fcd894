package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.cloudops.cloud.CloudTestSupport;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * ACK tests: the real Alibaba Cloud SDKs (ACK, STS, CloudMonitor, RAM) pointed at WireMock through an account's
 * {@code default} endpoint override, with answers shaped as Alibaba Cloud documents them: ROA JSON for ACK
 * (snake_case), RPC JSON for STS, CloudMonitor and RAM (PascalCase), errors as {@code code}/{@code Code} bodies.
 */
abstract class AliyunTestSupport extends CloudTestSupport {

    static final String REGION = "cn-hangzhou";
    static final String ALI_ACCOUNT = "1234567890123456";
    static final String SECRET = "aliyunSecretForTestsOnly0123456789";
    static final WireMock ALI = new WireMock(AWS);

    /** An Alibaba Cloud AccessKey ID: LTAI and 20 characters. */
    static String accessKey() {
        return "LTAI" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** An ACK cluster id: c and 32 hex digits. */
    static String clusterId() {
        return "c" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
    }

    /** An RPC API call of one action (STS, CloudMonitor, RAM): POST / with the action in x-acs-action. */
    static RequestPatternBuilder rpc(String action) {
        return WireMock.postRequestedFor(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo(action));
    }

    static void stubRpc(String action, ResponseDefinitionBuilder answer) {
        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo(action))
                .willReturn(answer));
    }

    /** STS GetCallerIdentity for requests signed with {@code accessKey}. */
    static void stubAliIdentity(String accessKey, String arn) {
        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo("GetCallerIdentity"))
                .withHeader("Authorization", containing("Credential=" + accessKey + ","))
                .willReturn(ok("{\"RequestId\":\"6894B13B-6D71-4EF5-88FA-F32781734A7F\",\"AccountId\":\""
                        + ALI_ACCOUNT + "\",\"Arn\":\"" + arn + "\",\"UserId\":\"216959339000000000\","
                        + "\"IdentityType\":\"RAMUser\",\"PrincipalId\":\"216959339000000000\"}")));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withHeader("x-acs-request-id", "req-ok")
                .withBody(body);
    }

    /** An ACK (ROA) error: lower-case keys. */
    static ResponseDefinitionBuilder ackError(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"requestId\":\"req-" + code
                        + "\",\"status\":" + status + "}");
    }

    /** An RPC API error: PascalCase keys. */
    static ResponseDefinitionBuilder rpcError(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody("{\"RequestId\":\"req-" + code + "\",\"HostId\":\"sts.aliyuncs.com\",\"Code\":\"" + code
                        + "\",\"Message\":\"" + message + "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot\"}");
    }

    /** An ACK cluster as DescribeClustersV1 and DescribeClusterDetail answer it. */
    static String ackCluster(String id, String name, String state, String version, boolean publicEndpoint) {
        String masterUrl = publicEndpoint
                ? "{\\\"api_server_endpoint\\\":\\\"https://47.96.1.2:6443\\\","
                        + "\\\"intranet_api_server_endpoint\\\":\\\"https://192.168.0.10:6443\\\"}"
                : "{\\\"api_server_endpoint\\\":\\\"\\\",\\\"intranet_api_server_endpoint\\\":\\\"https://192.168.0.10:6443\\\"}";
        return "{\"cluster_id\":\"" + id + "\",\"name\":\"" + name + "\",\"region_id\":\"" + REGION
                + "\",\"state\":\"" + state + "\",\"current_version\":\"" + version
                + "\",\"cluster_type\":\"ManagedKubernetes\",\"cluster_spec\":\"ack.pro.small\","
                + "\"profile\":\"Default\",\"created\":\"2026-01-01T08:00:00+08:00\","
                + "\"updated\":\"2026-01-02T08:00:00+08:00\",\"master_url\":\"" + masterUrl + "\","
                + "\"vpc_id\":\"vpc-bp1abcdefgh\",\"vswitch_id\":\"vsw-bp1aaaaaaa,vsw-bp1bbbbbbb\","
                + "\"security_group_id\":\"sg-bp1ccccccc\",\"resource_group_id\":\"rg-acfmxyz1234\","
                + "\"deletion_protection\":true,\"size\":3,\"network_mode\":\"vpc\","
                + "\"maintenance_window\":{\"enable\":false,\"maintenance_time\":\"\",\"duration\":\"\","
                + "\"weekly_period\":\"\"},"
                + "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"},{\"key\":\"ack.aliyun.com\",\"value\":\"" + id
                + "\"}]}";
    }

    /** A node pool of DescribeClusterNodePools; {@code min == max} makes it a fixed-size pool. */
    static String ackPool(String poolId, String name, String state, int min, int max, int nodes) {
        boolean autoscaled = min != max;
        return "{\"nodepool_info\":{\"nodepool_id\":\"" + poolId + "\",\"name\":\"" + name + "\",\"type\":\"ess\","
                + "\"is_default\":false,\"region_id\":\"" + REGION + "\",\"created\":\"2026-01-01T08:00:00+08:00\"},"
                + "\"auto_scaling\":{\"enable\":" + autoscaled + ",\"min_instances\":" + (autoscaled ? min : 0)
                + ",\"max_instances\":" + (autoscaled ? max : 0) + ",\"type\":\"cpu\"},"
                + "\"scaling_group\":{\"instance_types\":[\"ecs.g7.xlarge\"],\"vswitch_ids\":[\"vsw-bp1aaaaaaa\"],"
                + "\"system_disk_size\":120,\"system_disk_category\":\"cloud_essd\","
                + (autoscaled ? "" : "\"desired_size\":" + nodes + ",")
                + "\"scaling_group_id\":\"asg-bp1ddddd\"},"
                + "\"kubernetes_config\":{\"runtime\":\"containerd\",\"runtime_version\":\"1.6.28\","
                + "\"labels\":[{\"key\":\"pool\",\"value\":\"" + name + "\"}]},"
                + "\"status\":{\"state\":\"" + state + "\",\"total_nodes\":" + nodes + ",\"healthy_nodes\":" + nodes
                + ",\"failed_nodes\":0,\"offline_nodes\":0,\"serving_nodes\":" + nodes + "}}";
    }

    /** DescribeClustersV1 finding {@code cluster} by name, and its node pools. */
    static void stubAckCluster(String id, String name, String state, String version, String... pools) {
        AWS.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .withQueryParam("name", equalTo(name))
                .willReturn(ok("{\"clusters\":[" + ackCluster(id, name, state, version, true) + "],"
                        + "\"page_info\":{\"page_number\":1,\"page_size\":100,\"total_count\":1}}")));
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + id + "/nodepools"))
                .willReturn(ok("{\"nodepools\":[" + String.join(",", pools) + "]}")));
    }

    /** Creates an ACK account through the API (its STS answer stubbed) and answers its id. */
    long aliyunAccount(String accessKey) {
        stubAliIdentity(accessKey, "acs:ram::" + ALI_ACCOUNT + ":user/cloudops");
        var r = api.post("/api/k8s/cloud/accounts", aliyunAccountBody(unique("ack"), accessKey), admin);
        if (r.status() != 201) {
            throw new AssertionError("account creation failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    static Map<String, Object> aliyunAccountBody(String name, String accessKey) {
        return Map.of(
                "name",
                name,
                "provider",
                "aliyun",
                "regions",
                List.of(REGION, "ap-southeast-1"),
                "credentials",
                Map.of("accessKeyId", accessKey, "secretAccessKey", SECRET),
                "endpoints",
                Map.of("default", awsUrl()));
    }

    /** Imports a cluster without registering it; answers the record id. */
    long importAck(long account, String name) {
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        if (r.status() != 201) {
            throw new AssertionError("import failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    /** The Authorization header of an ACS3-HMAC-SHA256 request signed with {@code accessKey}. */
    static String acs3(String accessKey) {
        return "ACS3-HMAC-SHA256 Credential=" + accessKey
                + ",SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-acs-action;[a-z0-9;-]*x-acs-date;"
                + "x-acs-signature-nonce;x-acs-version[a-z0-9;-]*,Signature=[0-9a-f]{64}";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
