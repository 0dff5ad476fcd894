package dev.cloudops.cloud.huawei;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Huawei Cloud accounts: AK/SK checked with IAM through the SDK's SDK-HMAC-SHA256 signing")
class HuaweiAccountsIT extends HuaweiTestSupport {

    @Test
    @DisplayName("an account resolves its region's project, names its domain and user, and keeps the SK sealed")
    void createValidates() {
        String ak = ak();
        stubIam(ak);
        var r = api.post("/api/k8s/cloud/accounts", huaweiBody(unique("hw"), ak), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("provider").asString()).isEqualTo("huawei");
        assertThat(r.json().path("identity").path("principal").asString())
                .isEqualTo("iam::" + DOMAIN + ":user:" + USER);
        assertThat(r.json().path("identity").path("account").asString()).isEqualTo(DOMAIN + " (acme-cloud)");
        assertThat(r.text()).doesNotContain(SECRET).doesNotContain(ak);

        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3/projects")), ak).withQueryParam("name", equalTo(REGION)));
        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3/auth/domains")), ak)
                .withHeader("X-Project-Id", equalTo(PROJECT)));
        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3/projects/" + PROJECT)), ak));
        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3.0/OS-CREDENTIAL/credentials/" + ak)), ak));

        long id = r.json().path("id").asLong();
        String stored = jdbc.sql("SELECT credentials_sealed FROM cloud_accounts WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(SECRET).doesNotContain(ak);

        var validate = api.post("/api/k8s/cloud/accounts/" + id + "/validate", "", admin);
        assertThat(validate.status()).as(validate.text()).isEqualTo(200);
        assertThat(validate.json().path("userId").asString()).isEqualTo(USER);
    }

    @Test
    @DisplayName("keys IAM refuses give 422 cloud-auth-failed without the cloud's text, and store nothing")
    void wrongKeys() {
        String ak = ak();
        AWS.stubFor(get(urlPathEqualTo("/v3/projects"))
                .willReturn(error(401, "APIGW.0301", "Incorrect IAM authentication information: ak " + ak)));
        long before = count("cloud_accounts");
        var r = api.post("/api/k8s/cloud/accounts", huaweiBody(unique("bad"), ak), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("cloud-auth-failed");
        assertThat(r.json().path("detail").asString()).contains("APIGW.0301").doesNotContain(ak);
        assertThat(count("cloud_accounts")).isEqualTo(before);
    }

    @Test
    @DisplayName("temporary keys send their security token and name no IAM user")
    void temporaryKeys() {
        String ak = ak();
        stubIam(ak);
        Map<String, Object> body = new HashMap<>(huaweiBody(unique("tmp"), ak));
        body.put(
                "credentials",
                Map.of("accessKeyId", ak, "secretAccessKey", SECRET, "sessionToken", "gQpzZWN1cml0eS10b2tlbg"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("identity").path("principal").asString())
                .isEqualTo("iam::" + DOMAIN + ":temporary-credentials");
        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3/auth/domains")), ak)
                .withHeader("X-Security-Token", equalTo("gQpzZWN1cml0eS10b2tlbg")));
        AWS.verify(0, getRequestedFor(urlPathEqualTo("/v3.0/OS-CREDENTIAL/credentials/" + ak)));
        assertThat(r.text()).doesNotContain("gQpzZWN1cml0eS10b2tlbg");
    }

    @Test
    @DisplayName("a project id given is used as is, and must be the project of the account's region")
    void projectId() {
        String ak = ak();
        stubIam(ak);
        Map<String, Object> body = new HashMap<>(huaweiBody(unique("proj"), ak));
        body.put("credentials", Map.of("accessKeyId", ak, "secretAccessKey", SECRET, "projectId", PROJECT));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        AWS.verify(0, getRequestedFor(urlPathEqualTo("/v3/projects")));
        AWS.verify(signed(getRequestedFor(urlPathEqualTo("/v3/projects/" + PROJECT)), ak)
                .withHeader("X-Project-Id", equalTo(PROJECT)));

        String other = "ffffffffffffffffffffffffffffffff";
        AWS.stubFor(get(urlPathEqualTo("/v3/projects/" + other))
                .willReturn(ok("{\"project\":{\"id\":\"" + other + "\",\"name\":\"ap-southeast-1\",\"domain_id\":\""
                        + DOMAIN + "\",\"enabled\":true}}")));
        long before = count("cloud_accounts");
        body.put("name", unique("proj"));
        body.put("credentials", Map.of("accessKeyId", ak, "secretAccessKey", SECRET, "projectId", other));
        var wrong = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(wrong.status()).as(wrong.text()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("invalid-credentials");
        assertThat(wrong.json().path("detail").asString())
                .contains("ap-southeast-1")
                .contains(REGION);
        assertThat(count("cloud_accounts")).isEqualTo(before);
    }

    @Test
    @DisplayName("unknown region, an agency to assume, a project id over two regions: 400 before any cloud call")
    void badInput() {
        long before = count("cloud_accounts");
        String ak = ak();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("unknown-region", with(ak, "regions", List.of(REGION, "cn-mars-1")));
        cases.put("unknown-region ", with(ak, "regions", List.of("eu-west-1")));
        cases.put(
                "invalid-credentials",
                with(
                        ak,
                        "credentials",
                        Map.of("accessKeyId", ak, "secretAccessKey", SECRET, "roleArn", "iam::agency:ops")));
        Map<String, Object> twoRegions =
                with(ak, "credentials", Map.of("accessKeyId", ak, "secretAccessKey", SECRET, "projectId", PROJECT));
        twoRegions.put("regions", List.of(REGION, "ap-southeast-1"));
        cases.put("invalid-credentials ", twoRegions);
        cases.put("invalid-endpoint", with(ak, "endpoints", Map.of("eks", awsUrl())));
        cases.put("invalid-credentials  ", with(ak, "credentials", Map.of("accessKeyId", ak)));
        for (var c : cases.entrySet()) {
            var r = api.post("/api/k8s/cloud/accounts", c.getValue(), admin);
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.code()).as(r.text()).isEqualTo(c.getKey().trim());
        }
        assertThat(count("cloud_accounts")).isEqualTo(before);
        AWS.verify(0, anyRequestedFor(anyUrl()));
    }

    private static Map<String, Object> with(String ak, String key, Object value) {
        Map<String, Object> body = new HashMap<>(huaweiBody(unique("hw"), ak));
        body.put(key, value);
        return body;
    }
}
