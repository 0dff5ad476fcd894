package dev.cloudops.cloud.tencent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tencentcloudapi.cam.v20190116.CamClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.monitor.v20180724.MonitorClient;
import com.tencentcloudapi.sts.v20180813.StsClient;
import com.tencentcloudapi.sts.v20180813.models.AssumeRoleRequest;
import com.tencentcloudapi.sts.v20180813.models.AssumeRoleResponse;
import com.tencentcloudapi.tke.v20180525.TkeClient;
import dev.cloudops.cloud.CloudCredentials;
import dev.cloudops.cloud.CloudProperties;
import dev.cloudops.cloud.CloudSession;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/**
 * SDK clients per account, revision and region, built once and shared over one OkHttp client (connection pool,
 * timeouts from {@code cloudops.cloud.*}). Endpoint overrides per service, the account's keys or the CAM role they
 * assume (through STS AssumeRole, renewed five minutes before the role's session ends), and the retries with
 * exponential back-off the SDK does not do itself.
 */
@Component
class TencentClients {

    static final String ROLE_SESSION = "cloudops-platform";
    static final String PUBLIC_DOMAIN = "tencentcloudapi.com";
    /** The services the platform calls, by the first label of their API hosts. */
    static final java.util.Set<String> SERVICES = java.util.Set.of("tke", "sts", "monitor", "cam");

    static final long ROLE_SECONDS = 3600;
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /** The clients of one account in one region. */
    record Bundle(Credential credential, TkeClient tke, StsClient sts, MonitorClient monitor, CamClient cam) {}

    /** One SDK call, which may fail with the SDK's checked exception. */
    @FunctionalInterface
    interface Call<T> {
        T run(Bundle bundle) throws TencentCloudSDKException;
    }

    private final CloudProperties properties;
    private final Clock clock;
    private final OkHttpClient http;
    private final Cache<String, Bundle> bundles;

    TencentClients(CloudProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.bundles = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(30))
                .maximumSize(500)
                .build();
    }

    /**
     * Runs {@code call} with the account's clients, retrying throttling, server errors and network failures with
     * exponential back-off and jitter; every other failure, and the last one, becomes a cloud problem.
     */
    <T> T call(CloudSession session, String service, Call<T> call) {
        Bundle bundle = session.accountId() == 0 ? build(session) : bundles.get(key(session), k -> build(session));
        int attempt = 1;
        while (true) {
            try {
                return call.run(bundle);
            } catch (TencentCloudSDKException | RuntimeException e) {
                TencentCloudSDKException sdk = TencentErrors.sdkCause(e);
                if (sdk == null) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                if (attempt >= properties.maxAttempts() || !TencentErrors.retryable(sdk)) {
                    // The SDK wraps what a credential updater throws: only the role session's renewal does that.
                    throw TencentErrors.translate(e instanceof RuntimeException ? "STS AssumeRole" : service, sdk);
                }
                pause(attempt++);
            }
        }
    }

    private void pause(int attempt) {
        long base = properties.retryBaseDelay().toMillis();
        long max = properties.retryMaxDelay().toMillis();
        long delay = Math.min(max, base << Math.min(attempt - 1, 20));
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TencentErrors.translate("API", new TencentCloudSDKException("interrupted while backing off", e));
        }
    }

    private static String key(CloudSession session) {
        return session.accountId() + ":" + session.revision() + ":" + session.region();
    }

    private Bundle build(CloudSession session) {
        CloudCredentials c = session.credentials();
        Credential keys = new Credential(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        Credential effective = keys;
        if (c.roleArn() != null) {
            StsClient baseSts = new StsClient(keys, session.region(), profile(session, "sts"));
            effective = new Credential();
            effective.setUpdater(new RoleSession(baseSts, c.roleArn(), c.externalId(), clock));
        }
        String region = session.region();
        return new Bundle(
                effective,
                new TkeClient(effective, region, profile(session, "tke")),
                new StsClient(effective, region, profile(session, "sts")),
                new MonitorClient(effective, region, profile(session, "monitor")),
                new CamClient(effective, region, profile(session, "cam")));
    }

    /**
     * The SDK's settings for one service: the shared HTTP client, TC3-HMAC-SHA256 over POST, and the endpoint
     * override (see {@link #serviceAuthority}): a Tencent Cloud API host replaces the endpoint and the SDK signs
     * for it; any other host is treated as a gateway in front of the API (the SDK's API gateway mode): requests
     * go there, signed for the service's public host.
     */
    private ClientProfile profile(CloudSession session, String service) {
        HttpProfile http = new HttpProfile();
        http.setHttpClient(this.http);
        http.setReqMethod(HttpProfile.REQ_POST);
        URI endpoint = session.endpoint(service);
        if (endpoint != null) {
            http.setProtocol("http".equals(endpoint.getScheme()) ? HttpProfile.REQ_HTTP : HttpProfile.REQ_HTTPS);
            String authority = serviceAuthority(service, endpoint);
            if (authority != null) {
                http.setEndpoint(authority);
            } else {
                http.setEndpoint(service + "." + PUBLIC_DOMAIN);
                http.setApigwEndpoint(endpoint.getRawAuthority());
            }
        }
        return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
    }

    /**
     * The host (and port) a service is called at and signed for under an override, or null when the override is
     * no API host of the service. A host starting with the service's name is taken as it is ({@code
     * tke.internal.tencentcloudapi.com}); another {@code tencentcloudapi.com} host is made the service's by its
     * first label ({@code default: https://tke.ap-guangzhou.tencentcloudapi.com} gives STS {@code
     * sts.ap-guangzhou.tencentcloudapi.com}, {@code internal.tencentcloudapi.com} gives {@code
     * tke.internal.tencentcloudapi.com}), since the SDK signs for the service its host names first.
     */
    static String serviceAuthority(String service, URI endpoint) {
        String host = endpoint.getHost();
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        if (host.startsWith(service + ".")) {
            return host + port;
        }
        if (!host.equals(PUBLIC_DOMAIN) && !host.endsWith("." + PUBLIC_DOMAIN)) {
            return null;
        }
        int dot = host.indexOf('.');
        String rest = SERVICES.contains(host.substring(0, dot)) ? host.substring(dot + 1) : host;
        return service + "." + rest + port;
    }

    @PreDestroy
    void close() {
        bundles.invalidateAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * A CAM role's temporary keys, asked of STS AssumeRole with the account's own keys and renewed shortly before
     * they expire. The SDK consults it before every signature.
     */
    static final class RoleSession implements Credential.Updater {

        private final StsClient sts;
        private final String roleArn;
        private final String externalId;
        private final Clock clock;
        private Instant expiresAt = Instant.EPOCH;

        RoleSession(StsClient sts, String roleArn, String externalId, Clock clock) {
            this.sts = sts;
            this.roleArn = roleArn;
            this.externalId = externalId;
            this.clock = clock;
        }

        @Override
        public synchronized void update(Credential credential) throws TencentCloudSDKException {
            if (clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE))) {
                return;
            }
            AssumeRoleRequest request = new AssumeRoleRequest();
            request.setRoleArn(roleArn);
            request.setRoleSessionName(ROLE_SESSION);
            request.setDurationSeconds(ROLE_SECONDS);
            request.setExternalId(externalId);
            AssumeRoleResponse response = sts.AssumeRole(request);
            credential.setSecretId(response.getCredentials().getTmpSecretId());
            credential.setSecretKey(response.getCredentials().getTmpSecretKey());
            credential.setToken(response.getCredentials().getToken());
            expiresAt = response.getExpiredTime() == null
                    ? clock.instant().plusSeconds(ROLE_SECONDS)
                    : Instant.ofEpochSecond(response.getExpiredTime());
        }
    }
}
