package dev.cloudops.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.cloudops.testing.PlatformIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;

/**
 * Cloud tests against the real AWS SDK pointed at WireMock (an account's endpoint override): fast job polls and
 * retries, stubs shaped as AWS documents its answers (STS query XML, EKS REST JSON).
 */
@TestPropertySource(
        properties = {
            "cloudops.cloud.poll-interval=200ms",
            "cloudops.cloud.retry-base-delay=5ms",
            "cloudops.cloud.retry-max-delay=20ms",
            "cloudops.cloud.max-attempts=3",
            "cloudops.cloud.sync-interval=1h",
            "cloudops.cloud.credential-check-interval=1h"
        })
public abstract class CloudTestSupport extends PlatformIT {

    protected static final String ACCOUNT_ID = "123456789012";
    protected static final WireMockServer AWS = start();

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    @BeforeEach
    void resetAws() {
        AWS.resetAll();
    }

    protected static String awsUrl() {
        return "http://localhost:" + AWS.port();
    }

    /** STS GetCallerIdentity answering for requests signed with {@code accessKey}. */
    protected static void stubIdentity(String accessKey, String arn) {
        AWS.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .withHeader("Authorization", containing("Credential=" + accessKey + "/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                + "<GetCallerIdentityResult><Arn>" + arn + "</Arn><UserId>AIDAEXAMPLEUSERID</UserId>"
                                + "<Account>" + ACCOUNT_ID + "</Account></GetCallerIdentityResult>"
                                + "<ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>"
                                + "</ResponseMetadata></GetCallerIdentityResponse>")));
    }

    /** An STS error answer in the query protocol's XML. */
    protected static String stsError(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>fedcba98-7654-3210-fedc-ba9876543210</RequestId></ErrorResponse>";
    }

    /** An EKS error: HTTP status, the error type header and a JSON message, as EKS answers them. */
    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder eksError(
            int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type)
                .withHeader("x-amzn-RequestId", "req-" + type)
                .withBody("{\"message\":\"" + message + "\"}");
    }

    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "req-ok")
                .withBody(body);
    }

    /** An EKS cluster document (DescribeCluster's {@code cluster}). */
    protected static String cluster(String name, String status, String version, String endpoint, boolean publicAccess) {
        return "{\"name\":\"" + name + "\",\"arn\":\"arn:aws:eks:eu-west-1:" + ACCOUNT_ID + ":cluster/" + name
                + "\",\"createdAt\":1767225600.0,\"version\":\"" + version + "\""
                + (endpoint == null ? "" : ",\"endpoint\":\"" + endpoint + "\"")
                + ",\"roleArn\":\"arn:aws:iam::" + ACCOUNT_ID + ":role/eks-cluster\","
                + "\"resourcesVpcConfig\":{\"subnetIds\":[\"subnet-0a\",\"subnet-0b\"],\"securityGroupIds\":[],"
                + "\"vpcId\":\"vpc-01\",\"endpointPublicAccess\":" + publicAccess
                + ",\"endpointPrivateAccess\":true,\"publicAccessCidrs\":[\"0.0.0.0/0\"]},"
                + "\"logging\":{\"clusterLogging\":[{\"types\":[\"api\",\"audit\"],\"enabled\":true},"
                + "{\"types\":[\"authenticator\",\"controllerManager\",\"scheduler\"],\"enabled\":false}]},"
                + "\"status\":\"" + status
                + "\",\"certificateAuthority\":{\"data\":\"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\"},"
                + "\"platformVersion\":\"eks.7\",\"tags\":{\"team\":\"platform\"},"
                + "\"accessConfig\":{\"authenticationMode\":\"API_AND_CONFIG_MAP\"},\"health\":{\"issues\":[]}}";
    }

    protected static String nodeGroup(
            String cluster, String name, String status, String version, int min, int max, int desired) {
        return "{\"nodegroupName\":\"" + name + "\",\"nodegroupArn\":\"arn:aws:eks:eu-west-1:" + ACCOUNT_ID
                + ":nodegroup/" + cluster + "/" + name + "/0a\",\"clusterName\":\"" + cluster + "\",\"version\":\""
                + version + "\",\"releaseVersion\":\"" + version + ".0-20260101\",\"status\":\"" + status
                + "\",\"capacityType\":\"ON_DEMAND\",\"scalingConfig\":{\"minSize\":" + min + ",\"maxSize\":" + max
                + ",\"desiredSize\":" + desired + "},\"instanceTypes\":[\"m6i.large\"],\"subnets\":[\"subnet-0a\"],"
                + "\"diskSize\":50,\"labels\":{\"pool\":\"" + name + "\"},\"health\":{\"issues\":[]}}";
    }

    /** DescribeCluster plus the node groups it lists (each described). */
    protected static void stubCluster(
            String name, String status, String version, String endpoint, boolean publicAccess, String... nodeGroups) {
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name))
                .willReturn(json("{\"cluster\":" + cluster(name, status, version, endpoint, publicAccess) + "}")));
        StringBuilder list = new StringBuilder();
        for (String ng : nodeGroups) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(ng).append('"');
            AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups/" + ng))
                    .willReturn(json("{\"nodegroup\":" + nodeGroup(name, ng, "ACTIVE", version, 1, 5, 2) + "}")));
        }
        AWS.stubFor(get(urlPathEqualTo("/clusters/" + name + "/node-groups"))
                .willReturn(json("{\"nodegroups\":[" + list + "]}")));
    }

    /** Creates a cloud account through the API (its STS answer stubbed) and answers its id. */
    protected long account(String accessKey) {
        stubIdentity(accessKey, "arn:aws:iam::" + ACCOUNT_ID + ":user/cloudops");
        var r = api.post("/api/k8s/cloud/accounts", accountBody(unique("aws"), accessKey), admin);
        if (r.status() != 201) {
            throw new AssertionError("account creation failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    protected static Map<String, Object> accountBody(String name, String accessKey) {
        return Map.of(
                "name",
                name,
                "provider",
                "aws",
                "regions",
                List.of("eu-west-1"),
                "credentials",
                Map.of("accessKeyId", accessKey, "secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                "endpoints",
                Map.of("default", awsUrl()));
    }

    protected static String key() {
        return "AKIA"
                + java.util
                        .UUID
                        .randomUUID()
                        .toString()
                        .replace("-", "")
                        .substring(0, 16)
                        .toUpperCase(java.util.Locale.ROOT);
    }

    /** Waits for a job to end and answers its final state. */
    protected tools.jackson.databind.JsonNode awaitJob(long jobId) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            var job = api.get("/api/k8s/cloud/jobs/" + jobId, admin).json();
            if (!"RUNNING".equals(job.path("status").asString())) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + jobId + " still running after 20 s");
    }
}
