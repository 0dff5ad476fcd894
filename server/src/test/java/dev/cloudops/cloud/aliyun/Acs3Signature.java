package dev.cloudops.cloud.aliyun;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes an ACS3-HMAC-SHA256 signature from a request WireMock received, the way Alibaba Cloud's gateway
 * checks it (canonical request, string to sign, HMAC with the secret), independently of the SDK.
 */
final class Acs3Signature {

    static final Pattern AUTHORIZATION =
            Pattern.compile("ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})");

    private Acs3Signature() {}

    /** The parts of the request's Authorization header; fails when it is not an ACS3 one. */
    static Matcher parse(LoggedRequest request) {
        Matcher m = AUTHORIZATION.matcher(request.getHeader("Authorization"));
        if (!m.matches()) {
            throw new AssertionError("not an ACS3-HMAC-SHA256 Authorization: " + request.getHeader("Authorization"));
        }
        return m;
    }

    /** The signature the request should carry if it was signed with {@code secret}. */
    static String expected(LoggedRequest request, String secret) throws Exception {
        Matcher m = parse(request);
        String signedHeaders = m.group(2);
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            headers.append(name)
                    .append(':')
                    .append(request.getHeader(name).trim())
                    .append('\n');
        }
        String canonical = request.getMethod().getName() + "\n" + path + "\n" + canonicalQuery(query) + "\n" + headers
                + "\n" + signedHeaders + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(request.getBody()));
        String toSign = "ACS3-HMAC-SHA256\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(new String[] {encode(key), encode(value)});
        }
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p[0] + "=" + p[1]));
        return String.join("&", out);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
