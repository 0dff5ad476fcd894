package dev.cloudops.cloud.aliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ACK accounts: validated by an ACS3-signed STS GetCallerIdentity, roles assumed, bad input refused")
class AliyunAccountsIT extends AliyunTestSupport {

    @Test
    @DisplayName("an account is validated by STS GetCallerIdentity signed with ACS3-HMAC-SHA256 and the account's key")
    void validateSigned() throws Exception {
        String key = accessKey();
        stubAliIdentity(key, "acs:ram::" + ALI_ACCOUNT + ":user/cloudops");
        var r = api.post("/api/k8s/cloud/accounts", aliyunAccountBody(unique("ack"), key), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("provider").asString()).isEqualTo("aliyun");
        assertThat(r.json().path("identity").path("principal").asString())
                .isEqualTo("acs:ram::" + ALI_ACCOUNT + ":user/cloudops");
        assertThat(r.json().path("identity").path("account").asString()).isEqualTo(ALI_ACCOUNT);
        assertThat(r.text()).doesNotContain(SECRET).doesNotContain(key);

        var sent = AWS.findAll(rpc("GetCallerIdentity"));
        assertThat(sent).hasSize(1);
        var request = sent.get(0);
        assertThat(request.getHeader("Authorization")).matches(acs3Pattern(key));
        var auth = Acs3Signature.parse(request);
        assertThat(List.of(auth.group(2).split(";")))
                .contains(
                        "host",
                        "x-acs-action",
                        "x-acs-content-sha256",
                        "x-acs-date",
                        "x-acs-signature-nonce",
                        "x-acs-version");
        assertThat(request.getHeader("x-acs-version")).isEqualTo("2015-04-01");
        assertThat(request.getHeader("x-acs-date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(request.getHeader("x-acs-signature-nonce")).isNotBlank();
        assertThat(auth.group(3))
                .as("the signature Alibaba Cloud would compute with the account's secret")
                .isEqualTo(Acs3Signature.expected(request, SECRET));
        assertThat(auth.group(3)).isNotEqualTo(Acs3Signature.expected(request, SECRET + "x"));

        long id = r.json().path("id").asLong();
        var again = api.post("/api/k8s/cloud/accounts/" + id + "/validate", "", admin);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("userId").asString()).isEqualTo("216959339000000000");
        assertThat(AWS.findAll(rpc("GetCallerIdentity"))).hasSize(2);
    }

    @Test
    @DisplayName("keys Alibaba Cloud does not know, or a bad signature, give 422 cloud-auth-failed and store nothing")
    void wrongCredentials() {
        long before = count("cloud_accounts");
        stubRpc(
                "GetCallerIdentity",
                rpcError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."));
        var r = api.post("/api/k8s/cloud/accounts", aliyunAccountBody(unique("bad"), accessKey()), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("cloud-auth-failed");
        assertThat(r.json().path("detail").asString()).contains("InvalidAccessKeyId.NotFound");

        AWS.resetAll();
        stubRpc(
                "GetCallerIdentity",
                rpcError(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."));
        var signature = api.post("/api/k8s/cloud/accounts", aliyunAccountBody(unique("bad"), accessKey()), admin);
        assertThat(signature.code()).isEqualTo("cloud-auth-failed");
        assertThat(signature.json().path("detail").asString()).doesNotContain("calculation");
        assertThat(count("cloud_accounts")).isEqualTo(before);
    }

    @Test
    @DisplayName("unknown region, missing secret, an endpoint of another cloud's service: 400 before any call")
    void badInput() {
        long before = count("cloud_accounts");
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("unknown-region", with("regions", List.of(REGION, "us-east-2")));
        cases.put("unknown-region ", with("regions", List.of("cn-mars-1")));
        cases.put("invalid-credentials", with("credentials", Map.of("accessKeyId", accessKey())));
        cases.put("invalid-endpoint", with("endpoints", Map.of("eks", "https://eks.example.com")));
        for (var c : cases.entrySet()) {
            var r = api.post("/api/k8s/cloud/accounts", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.code()).as(r.text()).isEqualTo(c.getKey().trim());
        }
        assertThat(api.post("/api/k8s/cloud/accounts", with("regions", List.of("cn-mars-1")), admin)
                        .json()
                        .path("detail")
                        .asString())
                .contains("Alibaba Cloud ACK has no region 'cn-mars-1'");
        assertThat(count("cloud_accounts")).isEqualTo(before);
        AWS.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("a RAM role to assume: the keys sign STS AssumeRole, the role's session signs the rest")
    void assumeRole() {
        String key = accessKey();
        String role = "acs:ram::" + ALI_ACCOUNT + ":role/cloudops";
        AWS.stubFor(post(urlPathEqualTo("/"))
                .withHeader("x-acs-action", equalTo("AssumeRole"))
                .withHeader("Authorization", matching(acs3Pattern(key)))
                .withQueryParam("RoleArn", equalTo(role))
                .withQueryParam("RoleSessionName", equalTo("cloudops-platform"))
                .withQueryParam("ExternalId", equalTo("ext-42"))
                .willReturn(ok("{\"RequestId\":\"r1\",\"AssumedRoleUser\":{\"Arn\":\"acs:ram::" + ALI_ACCOUNT
                        + ":role/cloudops/cloudops-platform\",\"AssumedRoleId\":\"3xxx:cloudops-platform\"},"
                        + "\"Credentials\":{\"AccessKeyId\":\"STS.NUgYrLnoC37mZZCNnAbez2\","
                        + "\"AccessKeySecret\":\"roleSecret\",\"SecurityToken\":\"role-session-token\","
                        + "\"Expiration\":\"2099-01-01T00:00:00Z\"}}")));
        stubAliIdentity("STS.NUgYrLnoC37mZZCNnAbez2", "acs:ram::" + ALI_ACCOUNT + ":assumed-role/cloudops/x");
        Map<String, Object> body = new HashMap<>(aliyunAccountBody(unique("role"), key));
        body.put(
                "credentials",
                Map.of("accessKeyId", key, "secretAccessKey", SECRET, "roleArn", role, "externalId", "ext-42"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("identity").path("principal").asString()).contains("assumed-role/cloudops");
        assertThat(r.text()).doesNotContain("ext-42").doesNotContain("role-session-token");
        AWS.verify(rpc("GetCallerIdentity").withHeader("x-acs-security-token", equalTo("role-session-token")));
    }

    @Test
    @DisplayName("a role the keys may not assume is an auth failure, and nothing is stored")
    void roleRefused() {
        stubRpc(
                "AssumeRole",
                rpcError(
                        403,
                        "NoPermission",
                        "You are not authorized to do this action. You should be authorized by RAM."));
        long before = count("cloud_accounts");
        Map<String, Object> body = new HashMap<>(aliyunAccountBody(unique("role"), accessKey()));
        body.put(
                "credentials",
                Map.of("accessKeyId", accessKey(), "secretAccessKey", "s", "roleArn", "acs:ram::1:role/x"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("cloud-auth-failed");
        assertThat(r.json().path("detail").asString()).contains("may not assume its role");
        assertThat(count("cloud_accounts")).isEqualTo(before);
        AWS.verify(0, rpc("GetCallerIdentity"));
    }

    @Test
    @DisplayName("the provider list says ACK is available, with its endpoint services")
    void providerAvailable() {
        var providers = api.get("/api/k8s/cloud/providers", admin).json();
        var ack = providers.get(2);
        assertThat(ack.path("id").asString()).isEqualTo("aliyun");
        assertThat(ack.path("name").asString()).isEqualTo("Alibaba Cloud ACK");
        assertThat(ack.path("available").asBoolean()).isTrue();
        assertThat(ack.path("endpointServices").toString())
                .contains("cs")
                .contains("sts")
                .contains("cms")
                .contains("ram");
    }

    private static String acs3Pattern(String key) {
        return "ACS3-HMAC-SHA256 Credential=" + key + ",SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}";
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(aliyunAccountBody("bad-input", accessKey()));
        body.put(field, value);
        return body;
    }
}
