package dev.cloudops.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

@DisplayName("EKS tokens are presigned STS GetCallerIdentity URLs, as aws-iam-authenticator makes them")
class EksTokenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    @DisplayName("the URL carries a SigV4 query signature over host and x-k8s-aws-id that STS would accept")
    void signatureVerifies() throws Exception {
        var token = EksToken.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET), "eu-west-1", "prod", CLOCK);
        assertThat(token.value())
                .startsWith("k8s-aws-v1.")
                .doesNotContain("=")
                .doesNotContain("+")
                .doesNotContain("/");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-01-02T03:18:05Z"));

        URI url = URI.create(new String(
                Base64.getUrlDecoder().decode(token.value().substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.getPath()).isEqualTo("/");
        Map<String, String> query = rawQuery(url.getRawQuery());
        assertThat(query)
                .containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", "AKIDEXAMPLE%2F20260102%2Feu-west-1%2Fsts%2Faws4_request")
                .containsEntry("X-Amz-Date", "20260102T030405Z")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-SignedHeaders", "host%3Bx-k8s-aws-id");

        // Verify the signature independently, the way STS does (the payload of a GET is the empty string).
        TreeMap<String, String> signedQuery = new TreeMap<>(query);
        String signature = signedQuery.remove("X-Amz-Signature");
        StringBuilder canonicalQuery = new StringBuilder();
        signedQuery.forEach((k, v) -> canonicalQuery
                .append(canonicalQuery.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(v));
        String canonicalRequest = "GET\n/\n" + canonicalQuery
                + "\nhost:sts.eu-west-1.amazonaws.com\nx-k8s-aws-id:prod\n\n" + "host;x-k8s-aws-id\n" + hex(sha256(""));
        String stringToSign = "AWS4-HMAC-SHA256\n20260102T030405Z\n20260102/eu-west-1/sts/aws4_request\n"
                + hex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20260102");
        key = hmac(key, "eu-west-1");
        key = hmac(key, "sts");
        key = hmac(key, "aws4_request");
        assertThat(signature).isEqualTo(hex(hmac(key, stringToSign)));
    }

    @Test
    @DisplayName("temporary credentials add their session token; China regions sign for the .com.cn STS")
    void sessionTokenAndPartition() {
        var token = EksToken.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", SECRET, "session/token"), "cn-north-1", "prod", CLOCK);
        String url = new String(
                Base64.getUrlDecoder().decode(token.value().substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        assertThat(url)
                .startsWith("https://sts.cn-north-1.amazonaws.com.cn/?")
                .contains("X-Amz-Security-Token=session%2Ftoken");
    }

    private static Map<String, String> rawQuery(String raw) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
