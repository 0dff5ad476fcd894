package dev.cloudops.cloud.aliyun;

import com.aliyun.sts20150401.models.AssumeRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cloudops.cloud.CloudCredentials;
import dev.cloudops.cloud.CloudProperties;
import dev.cloudops.cloud.CloudSession;
import dev.cloudops.platform.error.ApiException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * SDK clients per account, revision and region: ACK (cs), STS, CloudMonitor and RAM, each a Tea OpenAPI client
 * that signs with ACS3-HMAC-SHA256. With a role ARN the account's keys only sign STS AssumeRole; the role's
 * temporary keys sign the rest, and the clients are rebuilt with a new role session before the old one expires.
 * Every call goes through {@link #call}: throttling, 5xx answers and network failures are retried with
 * exponential back-off and jitter ({@code cloudops.cloud.max-attempts}, {@code retry-base-delay}, {@code
 * retry-max-delay}); the Tea runtime's own retry stays off so the two never multiply.
 */
@Component
class AliyunClients {

    static final Duration ROLE_SESSION = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    static final String ROLE_SESSION_NAME = "cloudops-platform";
    /** The V3 signature; the Tea client takes the algorithm's name where the RPC clients put "v2". */
    static final String SIGNATURE_ALGORITHM = "ACS3-HMAC-SHA256";

    /** The clients of one account in one region; {@code expiresAt} is the role session's end, null for keys. */
    record Bundle(
            com.aliyun.cs20151215.Client cs,
            com.aliyun.sts20150401.Client sts,
            com.aliyun.cms20190101.Client cms,
            com.aliyun.ram20150501.Client ram,
            RuntimeOptions runtime,
            Instant expiresAt) {

        boolean stale(Instant now) {
            return expiresAt != null && now.isAfter(expiresAt.minus(RENEW_BEFORE));
        }
    }

    /** One unit of work on the clients; the SDK declares {@code throws Exception} on every call. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Bundle bundle) throws Exception;
    }

    private final CloudProperties properties;
    private final Clock clock;
    private final Cache<String, Bundle> bundles;
    private final Retry retry;

    AliyunClients(CloudProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.bundles = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(30))
                .maximumSize(500)
                .build();
        this.retry = Retry.of(
                "aliyun",
                RetryConfig.custom()
                        .maxAttempts(Math.max(1, properties.maxAttempts()))
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                properties.retryBaseDelay(), 2.0, 0.5, properties.retryMaxDelay()))
                        .retryOnException(AliyunErrors::retryable)
                        .build());
    }

    /**
     * Runs {@code work} on the session's clients, retried as the class says, its failure translated to a cloud
     * problem naming {@code service}. A session of an account not stored yet (id 0) is not cached.
     */
    <T> T call(CloudSession session, String service, Work<T> work) {
        return retried(service, () -> work.apply(session.accountId() == 0 ? build(session) : of(session)));
    }

    private Bundle of(CloudSession session) {
        String key = session.accountId() + ":" + session.revision() + ":" + session.region();
        Instant now = clock.instant();
        return bundles.asMap().compute(key, (k, old) -> old == null || old.stale(now) ? build(session) : old);
    }

    private Bundle build(CloudSession session) {
        CloudCredentials c = session.credentials();
        String accessKey = c.accessKeyId();
        String secret = c.secretAccessKey();
        String token = c.sessionToken();
        Instant expiresAt = null;
        if (c.roleArn() != null) {
            var role = assumeRole(session, c);
            accessKey = role.accessKeyId;
            secret = role.accessKeySecret;
            token = role.securityToken;
            expiresAt = role.expiration == null ? clock.instant().plus(ROLE_SESSION) : Instant.parse(role.expiration);
        }
        try {
            return new Bundle(
                    new com.aliyun.cs20151215.Client(config(session, "cs", accessKey, secret, token)),
                    v3(new com.aliyun.sts20150401.Client(config(session, "sts", accessKey, secret, token))),
                    v3(new com.aliyun.cms20190101.Client(config(session, "cms", accessKey, secret, token))),
                    v3(new com.aliyun.ram20150501.Client(config(session, "ram", accessKey, secret, token))),
                    runtime(),
                    expiresAt);
        } catch (Exception e) {
            throw AliyunErrors.translate("SDK set-up", e);
        }
    }

    private com.aliyun.sts20150401.models.AssumeRoleResponseBody.AssumeRoleResponseBodyCredentials assumeRole(
            CloudSession session, CloudCredentials c) {
        try {
            return retried("STS AssumeRole", () -> {
                var sts = v3(new com.aliyun.sts20150401.Client(
                        config(session, "sts", c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
                return sts.assumeRoleWithOptions(
                                new AssumeRoleRequest()
                                        .setRoleArn(c.roleArn())
                                        .setRoleSessionName(ROLE_SESSION_NAME)
                                        .setExternalId(c.externalId())
                                        .setDurationSeconds(ROLE_SESSION.toSeconds()),
                                runtime())
                        .getBody()
                        .getCredentials();
            });
        } catch (ApiException e) {
            throw AliyunErrors.roleRefused(e);
        }
    }

    /**
     * Signs the client's calls with ACS3-HMAC-SHA256 (the V3 signature every Alibaba Cloud API accepts): the RPC
     * clients of these SDK versions set the legacy HMAC-SHA1 query signature ({@code v2}) in their constructors.
     */
    static <C extends com.aliyun.teaopenapi.Client> C v3(C client) {
        client._signatureAlgorithm = SIGNATURE_ALGORITHM;
        return client;
    }

    private <T> T retried(String service, Callable<T> work) {
        try {
            return Retry.decorateCallable(retry, work).call();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw AliyunErrors.translate(service, e);
        }
    }

    private Config config(CloudSession session, String service, String accessKey, String secret, String token) {
        Config config = new Config()
                .setAccessKeyId(accessKey)
                .setAccessKeySecret(secret)
                .setSecurityToken(token)
                .setRegionId(session.region())
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.callTimeout().toMillis());
        URI override = session.endpoint(service);
        if (override != null) {
            // The Tea client takes a host[:port] and a protocol, no base path.
            config.setEndpoint(
                    override.getPort() < 0 ? override.getHost() : override.getHost() + ":" + override.getPort());
            config.setProtocol(override.getScheme());
        } else {
            config.setEndpoint(AliyunRegions.endpoint(service, session.region()));
            config.setProtocol("https");
        }
        return config;
    }

    private RuntimeOptions runtime() {
        return new RuntimeOptions()
                .setAutoretry(false)
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.callTimeout().toMillis());
    }
}
