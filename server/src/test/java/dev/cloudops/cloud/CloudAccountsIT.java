package dev.cloudops.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.platform.crypto.SecretSealer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Cloud accounts: validated with the cloud, sealed at rest, never shown, used only by those granted")
class CloudAccountsIT extends CloudTestSupport {

    @Autowired
    SecretSealer sealer;

    @Test
    @DisplayName(
            "an account is validated by a SigV4-signed STS GetCallerIdentity, stored sealed and shown without secrets")
    void createValidatesAndSeals() {
        String key = key();
        stubIdentity(key, "arn:aws:iam::" + ACCOUNT_ID + ":user/cloudops");
        var r = api.post("/api/k8s/cloud/accounts", accountBody(unique("aws"), key), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("identity").path("principal").asString())
                .isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":user/cloudops");
        assertThat(r.json().path("identity").path("account").asString()).isEqualTo(ACCOUNT_ID);
        assertThat(r.json().path("keyHint").asString()).isEqualTo("…" + key.substring(16));
        assertThat(r.text()).doesNotContain(key).doesNotContain("wJalrXUtnFEMI").doesNotContain("secretAccessKey");

        AWS.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .withRequestBody(containing("Version=2011-06-15"))
                .withHeader(
                        "Authorization",
                        matching(
                                "AWS4-HMAC-SHA256 Credential=" + key
                                        + "/\\d{8}/eu-west-1/sts/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z")));

        long id = r.json().path("id").asLong();
        String stored = jdbc.sql("SELECT credentials_sealed FROM cloud_accounts WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(key).doesNotContain("wJalrXUtnFEMI");
        assertThat(sealer.unseal(stored)).contains(key);

        var got = api.get("/api/k8s/cloud/accounts/" + id, admin);
        assertThat(got.text()).doesNotContain(key).doesNotContain("wJalrXUtnFEMI");
        var audit = api.get("/api/audit?action=cloud&size=5", admin);
        assertThat(audit.text()).doesNotContain("wJalrXUtnFEMI").doesNotContain(key);

        var validate = api.post("/api/k8s/cloud/accounts/" + id + "/validate", "", admin);
        assertThat(validate.json().path("userId").asString()).isEqualTo("AIDAEXAMPLEUSERID");
    }

    @Test
    @DisplayName("credentials the cloud refuses give 422 cloud-auth-failed and store nothing")
    void wrongCredentials() {
        AWS.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(stsError(
                                "InvalidClientTokenId", "The security token included in the request is invalid."))));
        long before = count("cloud_accounts");
        var r = api.post("/api/k8s/cloud/accounts", accountBody(unique("bad"), key()), admin);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("cloud-auth-failed");
        assertThat(r.json().path("detail").asString()).contains("InvalidClientTokenId");
        assertThat(count("cloud_accounts")).isEqualTo(before);
    }

    @Test
    @DisplayName("unknown provider, unknown region, missing keys, bad endpoint: 400 before any cloud call")
    void badInput() {
        long before = count("cloud_accounts");
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("unknown-provider", with("provider", "gcp"));
        cases.put("unknown-region", with("regions", List.of("eu-west-1", "mars-north-1")));
        cases.put("invalid-credentials", with("credentials", Map.of("secretAccessKey", "x")));
        cases.put("invalid-credentials ", with("credentials", Map.of("accessKeyId", "AKIAEXAMPLE000000000")));
        cases.put("invalid-endpoint", with("endpoints", Map.of("default", "http://10.0.0.1:8080")));
        cases.put("invalid-endpoint ", with("endpoints", Map.of("s3", "https://s3.example.com")));
        cases.put("invalid-name", with("name", "Not A Name"));
        for (var c : cases.entrySet()) {
            var r = api.post("/api/k8s/cloud/accounts", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.code()).as(r.text()).isEqualTo(c.getKey().trim());
        }
        var unknown = api.post("/api/k8s/cloud/accounts", with("provider", "gcp"), admin);
        assertThat(unknown.json().path("detail").asString()).contains("available: aliyun, aws, huawei, tencent");
        assertThat(count("cloud_accounts")).isEqualTo(before);
        AWS.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("a role to assume: the keys sign STS AssumeRole, the role's session signs the rest")
    void assumeRole() {
        String key = key();
        AWS.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT_ID + "%3Arole%2Fcloudops"))
                .withRequestBody(containing("ExternalId=ext-42"))
                .withHeader("Authorization", containing("Credential=" + key + "/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                + "<AssumeRoleResult><Credentials><AccessKeyId>ASIAROLESESSION00001</AccessKeyId>"
                                + "<SecretAccessKey>roleSecret</SecretAccessKey><SessionToken>role-session-token</SessionToken>"
                                + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                                + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:cloudops-platform</AssumedRoleId>"
                                + "<Arn>arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/cloudops/cloudops-platform</Arn>"
                                + "</AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId>"
                                + "</ResponseMetadata></AssumeRoleResponse>")));
        stubIdentity("ASIAROLESESSION00001", "arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/cloudops/cloudops-platform");
        Map<String, Object> body = new HashMap<>(accountBody(unique("role"), key));
        body.put(
                "credentials",
                Map.of(
                        "accessKeyId",
                        key,
                        "secretAccessKey",
                        "base-secret",
                        "roleArn",
                        "arn:aws:iam::" + ACCOUNT_ID + ":role/cloudops",
                        "externalId",
                        "ext-42"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("identity").path("principal").asString()).contains("assumed-role/cloudops");
        assertThat(r.json().path("roleArn").asString()).isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":role/cloudops");
        assertThat(r.text()).doesNotContain("ext-42");
        AWS.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .withHeader("X-Amz-Security-Token", matching("role-session-token")));
    }

    @Test
    @DisplayName("a role the keys may not assume is an auth failure, and nothing is stored")
    void roleRefused() {
        AWS.stubFor(
                post(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole"))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                stsError(
                                                        "AccessDenied",
                                                        "User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole on resource"))));
        long before = count("cloud_accounts");
        Map<String, Object> body = new HashMap<>(accountBody(unique("role"), key()));
        body.put(
                "credentials",
                Map.of("accessKeyId", key(), "secretAccessKey", "s", "roleArn", "arn:aws:iam::1:role/x"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.code()).as(r.text()).isEqualTo("cloud-auth-failed");
        assertThat(count("cloud_accounts")).isEqualTo(before);
    }

    @Test
    @DisplayName("accounts are for those granted: none → 404, viewer reads, only platform admins change them")
    void rights() {
        long id = account(key());
        String stranger = userWith(List.of(grant("ADMIN", 1L, null)));
        assertThat(api.get("/api/k8s/cloud/accounts/" + id, stranger).code()).isEqualTo("cloud-account-not-found");
        assertThat(api.get("/api/k8s/cloud/accounts", stranger)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        var regions = api.get("/api/k8s/cloud/accounts/" + id + "/regions/eu-west-1/clusters", stranger);
        assertThat(regions.code()).isEqualTo("cloud-account-not-found");
        assertThat(api.put("/api/k8s/cloud/accounts/" + id, Map.of("name", "stolen"), stranger)
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.delete("/api/k8s/cloud/accounts/" + id, stranger).status())
                .isEqualTo(403);

        long strangerId = api.get("/api/auth/me", stranger).json().path("id").asLong();
        var grants = api.put(
                "/api/k8s/cloud/accounts/" + id + "/grants",
                List.of(Map.of("userId", strangerId, "role", "VIEWER")),
                admin);
        assertThat(grants.status()).as(grants.text()).isEqualTo(200);
        assertThat(api.get("/api/k8s/cloud/accounts/" + id, stranger).status()).isEqualTo(200);
        assertThat(api.get("/api/k8s/cloud/accounts", stranger)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.post("/api/k8s/cloud/accounts/" + id + "/validate", "", stranger)
                        .code())
                .isEqualTo("forbidden");
        assertThat(api.get("/api/k8s/cloud/accounts/" + id + "/grants", admin).json())
                .hasSize(1);

        var unknownUser = api.put(
                "/api/k8s/cloud/accounts/" + id + "/grants",
                List.of(Map.of("userId", 999_999, "role", "ADMIN")),
                admin);
        assertThat(unknownUser.code()).isEqualTo("user-not-found");
        assertThat(api.get("/api/k8s/cloud/accounts/" + id + "/grants", admin).json())
                .hasSize(1);
    }

    @Test
    @DisplayName("update renames and re-validates new credentials; delete removes an unused account")
    void updateAndDelete() {
        String first = key();
        long id = account(first);
        String name = unique("renamed");
        var renamed = api.put("/api/k8s/cloud/accounts/" + id, Map.of("name", name), admin);
        assertThat(renamed.json().path("name").asString()).isEqualTo(name);

        String second = key();
        stubIdentity(second, "arn:aws:iam::" + ACCOUNT_ID + ":user/other");
        var rekeyed = api.put(
                "/api/k8s/cloud/accounts/" + id,
                Map.of("credentials", Map.of("accessKeyId", second, "secretAccessKey", "new-secret")),
                admin);
        assertThat(rekeyed.json().path("identity").path("principal").asString()).endsWith("user/other");
        assertThat(rekeyed.json().path("keyHint").asString()).isEqualTo("…" + second.substring(16));
        assertThat(api.put("/api/k8s/cloud/accounts/" + id, Map.of("provider", "tencent"), admin)
                        .code())
                .isEqualTo("invalid-field");

        assertThat(api.put("/api/k8s/cloud/accounts/" + id, Map.of("name", name), admin)
                        .status())
                .isEqualTo(200);
        stubIdentity(first, "arn:aws:iam::" + ACCOUNT_ID + ":user/cloudops");
        var dup = api.post("/api/k8s/cloud/accounts", accountBody(name, first), admin);
        assertThat(dup.code()).isEqualTo("duplicate-account-name");

        assertThat(api.delete("/api/k8s/cloud/accounts/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/k8s/cloud/accounts/" + id, admin).code()).isEqualTo("cloud-account-not-found");
    }

    @Test
    @DisplayName("the provider list names the four providers of the plan, each with an adapter here")
    void providers() {
        var r = api.get("/api/k8s/cloud/providers", admin);
        assertThat(r.json()).hasSize(4);
        assertThat(r.json().get(0).path("id").asString()).isEqualTo("aws");
        assertThat(r.json().get(0).path("available").asBoolean()).isTrue();
        assertThat(r.json().get(1).path("id").asString()).isEqualTo("huawei");
        assertThat(r.json().get(1).path("available").asBoolean()).isTrue();
        assertThat(r.json().get(1).path("endpointServices").toString())
                .contains("cce")
                .contains("iam")
                .contains("ces");
        assertThat(r.json().get(2).path("id").asString()).isEqualTo("aliyun");
        assertThat(r.json().get(3).path("id").asString()).isEqualTo("tencent");
        for (var provider : r.json()) {
            assertThat(provider.path("available").asBoolean())
                    .as(provider.toString())
                    .isTrue();
        }
    }

    @Test
    @DisplayName("every cloud endpoint is in the OpenAPI document with its problem answers")
    void openApi() {
        var paths = api.get("/v3/api-docs", null).json().path("paths");
        List<String> cloud = List.of(
                "/api/k8s/cloud/providers",
                "/api/k8s/cloud/accounts",
                "/api/k8s/cloud/accounts/{id}",
                "/api/k8s/cloud/accounts/{id}/validate",
                "/api/k8s/cloud/accounts/{id}/grants",
                "/api/k8s/cloud/accounts/{id}/regions/{region}/clusters",
                "/api/k8s/cloud/accounts/{id}/regions/{region}/clusters/{name}/import",
                "/api/k8s/cloud/accounts/{id}/clusters",
                "/api/k8s/cloud/clusters",
                "/api/k8s/cloud/clusters/{id}",
                "/api/k8s/cloud/clusters/{id}/sync",
                "/api/k8s/cloud/clusters/{id}/drift",
                "/api/k8s/cloud/clusters/{id}/drift/accept",
                "/api/k8s/cloud/clusters/{id}/forget",
                "/api/k8s/cloud/clusters/{id}/credentials/refresh",
                "/api/k8s/cloud/clusters/{id}/metrics",
                "/api/k8s/cloud/clusters/{id}/monitoring",
                "/api/k8s/cloud/clusters/{id}/access",
                "/api/k8s/cloud/clusters/{id}/nodegroups",
                "/api/k8s/cloud/clusters/{id}/nodegroups/{name}",
                "/api/k8s/cloud/clusters/{id}/nodegroups/{name}/scaling",
                "/api/k8s/cloud/clusters/{id}/nodegroups/{name}/upgrade",
                "/api/k8s/cloud/jobs",
                "/api/k8s/cloud/jobs/{id}",
                "/api/k8s/cloud/detect/{clusterId}",
                "/api/k8s/cloud/sync");
        assertThat(paths.propertyNames()).containsAll(cloud);
        var create = paths.path("/api/k8s/cloud/accounts").path("post").path("responses");
        assertThat(create.has("201")).isTrue();
        assertThat(create.path("422").path("description").asString()).contains("cloud-auth-failed");
        assertThat(paths.path("/api/k8s/cloud/clusters/{id}")
                        .path("put")
                        .path("responses")
                        .path("409")
                        .path("description")
                        .asString())
                .contains("cloud-drift");
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(accountBody("bad-input", key()));
        body.put(field, value);
        return body;
    }
}
