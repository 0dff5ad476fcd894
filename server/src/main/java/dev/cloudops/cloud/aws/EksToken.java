package dev.cloudops.cloud.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * An EKS bearer token the way aws-iam-authenticator and {@code aws eks get-token} make it: an STS
 * GetCallerIdentity request presigned with SigV4 (by the SDK's signer) with the cluster's name in the signed
 * {@code x-k8s-aws-id} header, its URL base64url-encoded behind {@code k8s-aws-v1.}. The API server hands it to
 * STS, which answers who signed it. STS honours such a URL for 15 minutes after signing; the token is treated
 * as expiring a minute before that.
 */
final class EksToken {

    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_HEADER = "x-k8s-aws-id";
    /** The presigned URL's X-Amz-Expires, as aws-iam-authenticator sends it (STS allows 15 minutes regardless). */
    static final Duration PRESIGN_EXPIRES = Duration.ofSeconds(60);

    static final Duration LIFETIME = Duration.ofMinutes(14);

    private EksToken() {}

    /** A token and the instant the platform treats it as expired. */
    record Token(String value, Instant expiresAt) {}

    static Token create(AwsCredentialsIdentity credentials, String region, String clusterName, Clock clock) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsEndpoint(region))
                .encodedPath("/")
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_HEADER, clusterName)
                .build();
        var signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRES)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        String url = signed.request().getUri().toString();
        String token =
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new Token(token, clock.instant().plus(LIFETIME));
    }

    /** The regional STS endpoint of the region's partition ({@code sts.eu-west-1.amazonaws.com}, {@code .com.cn}). */
    static URI stsEndpoint(String region) {
        String suffix = PartitionMetadata.of(Region.of(region)).dnsSuffix();
        return URI.create("https://sts." + region + "." + suffix);
    }
}
