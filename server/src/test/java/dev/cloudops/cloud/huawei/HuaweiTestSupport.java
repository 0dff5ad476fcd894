package dev.cloudops.cloud.huawei;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.cloudops.cloud.CloudTestSupport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Huawei Cloud tests: the real Huawei Cloud SDK pointed at WireMock through the account's endpoint override, stubs
 * shaped as the CCE, IAM and Cloud Eye API references document them.
 */
abstract class HuaweiTestSupport extends CloudTestSupport {

    static final String REGION = "cn-north-4";
    static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String DOMAIN = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f";
    static final String USER = "u0e1f2a3b4c5d6e7f8091a2b3c4d5e6f";
    static final String SECRET = "hwSecretKeyForTestsOnly0123456789abcdefgh";
    static final String CLUSTERS = "/api/v3/projects/" + PROJECT + "/clusters";

    /** A Huawei-style access key: 20 upper-case letters and digits, different per test. */
    static String ak() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("X-Request-Id", "req-ok")
                .withBody(body);
    }

    /** An error as Huawei Cloud answers it: error_code and error_msg, the request id in a header. */
    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("X-Request-Id", "req-" + code)
                .withBody("{\"error_code\":\"" + code + "\",\"error_msg\":\"" + message + "\"}");
    }

    /** Requests signed by the SDK with {@code ak}: SDK-HMAC-SHA256 over host and X-Sdk-Date at least. */
    static RequestPatternBuilder signed(RequestPatternBuilder request, String ak) {
        return request.withHeader(
                        "Authorization",
                        matching("SDK-HMAC-SHA256 Access=" + ak
                                + ", SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-sdk-date[a-z0-9;-]*,"
                                + " Signature=[0-9a-f]{64}"))
                .withHeader("X-Sdk-Date", matching("\\d{8}T\\d{6}Z"));
    }

    /** CCE requests: signed and naming the project. */
    static RequestPatternBuilder cce(RequestPatternBuilder request, String ak) {
        return signed(request, ak).withHeader("X-Project-Id", equalTo(PROJECT));
    }

    /** IAM as the SDK and the validation ask it: the region's project, the account, the key's owner. */
    static void stubIam(String ak) {
        AWS.stubFor(get(urlPathEqualTo("/v3/projects"))
                .withQueryParam("name", equalTo(REGION))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=" + ak + ",.*"))
                .willReturn(ok("{\"projects\":[" + project() + "],\"links\":{\"self\":\"https://iam/v3/projects\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/v3/auth/domains"))
                .willReturn(ok("{\"domains\":[{\"enabled\":true,\"id\":\"" + DOMAIN + "\",\"name\":\"acme-cloud\","
                        + "\"links\":{\"self\":\"https://iam/v3/domains/" + DOMAIN + "\"}}],"
                        + "\"links\":{\"self\":\"https://iam/v3/auth/domains\"}}")));
        AWS.stubFor(get(urlPathEqualTo("/v3/projects/" + PROJECT)).willReturn(ok("{\"project\":" + project() + "}")));
        AWS.stubFor(get(urlPathEqualTo("/v3.0/OS-CREDENTIAL/credentials/" + ak))
                .willReturn(ok("{\"credential\":{\"user_id\":\"" + USER + "\",\"access\":\"" + ak
                        + "\",\"status\":\"active\",\"create_time\":\"2026-01-01T00:00:00.000000Z\","
                        + "\"description\":\"cloudops\"}}")));
    }

    static String project() {
        return "{\"is_domain\":false,\"description\":\"\",\"links\":{\"self\":\"https://iam/v3/projects/" + PROJECT
                + "\"},\"enabled\":true,\"id\":\"" + PROJECT + "\",\"parent_id\":\"" + DOMAIN + "\",\"domain_id\":\""
                + DOMAIN + "\",\"name\":\"" + REGION + "\"}";
    }

    /** A Huawei Cloud account created through the API, its IAM answers stubbed; answers its id. */
    long huaweiAccount(String ak) {
        stubIam(ak);
        var r = api.post("/api/k8s/cloud/accounts", huaweiBody(unique("hw"), ak), admin);
        if (r.status() != 201) {
            throw new AssertionError("account creation failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    static Map<String, Object> huaweiBody(String name, String ak) {
        return Map.of(
                "name",
                name,
                "provider",
                "huawei",
                "regions",
                List.of(REGION),
                "credentials",
                Map.of("accessKeyId", ak, "secretAccessKey", SECRET),
                "endpoints",
                Map.of("default", awsUrl()));
    }

    /** A CCE cluster document (ShowCluster, and an item of ListClusters). */
    static String cluster(String name, String id, String phase, String version) {
        return "{\"kind\":\"Cluster\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"" + id
                + "\",\"alias\":\"" + name + "\",\"creationTimestamp\":\"2026-01-01 08:00:00.123456 +0000 UTC\","
                + "\"updateTimestamp\":\"2026-01-02 08:00:00.123456 +0000 UTC\"},\"spec\":{\"category\":\"CCE\","
                + "\"type\":\"VirtualMachine\",\"flavor\":\"cce.s1.small\",\"version\":\"" + version + "\","
                + "\"platformVersion\":\"cce.10.0\",\"description\":\"team cluster\",\"hostNetwork\":{\"vpc\":"
                + "\"3305eb40-2707-4940-921c-9f335f84a2ca\",\"subnet\":\"5f8b8b0c-9d3e-4d3e-9e3f-0a1b2c3d4e5f\"},"
                + "\"containerNetwork\":{\"mode\":\"overlay_l2\",\"cidr\":\"172.16.0.0/16\"},\"authentication\":"
                + "{\"mode\":\"rbac\"},\"billingMode\":0,\"kubeProxyMode\":\"iptables\",\"deletionProtection\":false},"
                + "\"status\":{\"phase\":\"" + phase + "\",\"endpoints\":[{\"url\":\"https://192.168.0.10:5443\","
                + "\"type\":\"Internal\"}]}}";
    }

    /** ListClusters answering these cluster documents. */
    static void stubClusters(String... clusters) {
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS))
                .willReturn(ok("{\"kind\":\"Cluster\",\"apiVersion\":\"v3\",\"items\":[" + String.join(",", clusters)
                        + "]}")));
    }

    /** A node pool document (an item of ListNodePools). */
    static String nodePool(String name, String id, String phase, int initial, int min, int max) {
        return "{\"kind\":\"NodePool\",\"apiVersion\":\"v3\",\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"" + id
                + "\",\"creationTimestamp\":\"2026-01-01 08:00:00.123456 +0000 UTC\"},\"spec\":{\"type\":\"vm\","
                + "\"nodeTemplate\":{\"flavor\":\"c7.large.2\",\"az\":\"random\",\"os\":\"EulerOS 2.9\",\"login\":"
                + "{\"sshKey\":\"ops-key\"},\"rootVolume\":{\"volumetype\":\"GPSSD\",\"size\":50},\"dataVolumes\":"
                + "[{\"volumetype\":\"GPSSD\",\"size\":100}],\"taints\":[{\"key\":\"dedicated\",\"value\":\"gpu\","
                + "\"effect\":\"NoSchedule\"}],\"k8sTags\":{\"pool\":\"" + name + "\"},\"billingMode\":0},"
                + "\"initialNodeCount\":" + initial + ",\"autoscaling\":{\"enable\":true,\"minNodeCount\":" + min
                + ",\"maxNodeCount\":" + max + "}},\"status\":{\"currentNode\":" + initial
                + ",\"creatingNode\":0,\"deletingNode\":0" + (phase == null ? "" : ",\"phase\":\"" + phase + "\"")
                + "}}";
    }

    static void stubNodePools(String clusterId, String... pools) {
        AWS.stubFor(get(urlPathEqualTo(CLUSTERS + "/" + clusterId + "/nodepools"))
                .willReturn(
                        ok("{\"kind\":\"List\",\"apiVersion\":\"v3\",\"items\":[" + String.join(",", pools) + "]}")));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
