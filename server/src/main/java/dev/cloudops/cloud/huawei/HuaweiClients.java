package dev.cloudops.cloud.huawei;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.huaweicloud.sdk.cce.v3.CceClient;
import com.huaweicloud.sdk.cce.v3.region.CceRegion;
import com.huaweicloud.sdk.ces.v1.CesClient;
import com.huaweicloud.sdk.ces.v1.region.CesRegion;
import com.huaweicloud.sdk.core.ClientBuilder;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.SdkException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.invoker.SyncInvoker;
import com.huaweicloud.sdk.core.region.Region;
import com.huaweicloud.sdk.core.retry.RetryContext;
import com.huaweicloud.sdk.core.retry.backoff.BackoffStrategy;
import com.huaweicloud.sdk.iam.v3.IamClient;
import com.huaweicloud.sdk.iam.v3.region.IamRegion;
import dev.cloudops.cloud.CloudCredentials;
import dev.cloudops.cloud.CloudProperties;
import dev.cloudops.cloud.CloudSession;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import org.springframework.stereotype.Component;

/**
 * The Huawei Cloud SDK clients of one account in one region, cached by account revision. Building them resolves
 * the region's project id through IAM (KeystoneListProjects) unless the account names it. Every call goes through
 * {@link #invoke}, which retries throttling (429), server errors and connection failures with exponential back-off
 * and jitter as {@code cloudops.cloud.*} says — the SDK itself retries nothing unless asked.
 */
@Component
class HuaweiClients {

    /** The public IAM endpoint the SDK resolves project ids with when the account has no override. */
    static final String DEFAULT_IAM = "https://iam.myhuaweicloud.com";

    /** The clients of one account in one region; {@code projectId} as the SDK resolved or was given it. */
    record Bundle(CceClient cce, IamClient iam, CesClient ces, String projectId) {}

    private final CloudProperties properties;
    private final Cache<String, Bundle> bundles;
    // The SDK's HttpConfig makes a thread pool and an OkHttp connection pool per client unless given these: every
    // client of every account shares one of each instead.
    private final ForkJoinPool executor = new ForkJoinPool(4);
    private final ConnectionPool connections = new ConnectionPool();
    private final Dispatcher dispatcher = new Dispatcher();

    HuaweiClients(CloudProperties properties) {
        this.properties = properties;
        this.dispatcher.setMaxRequestsPerHost(32);
        this.bundles = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(30))
                .maximumSize(500)
                .build();
    }

    Bundle of(CloudSession session) {
        if (session.accountId() == 0) {
            return build(session);
        }
        String key = session.accountId() + ":" + session.revision() + ":" + session.region();
        return bundles.get(key, k -> build(session));
    }

    /** The SDK's region, or null when it knows none of that name. */
    static Region cceRegion(String region) {
        try {
            return CceRegion.valueOf(region);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Runs one SDK call with the platform's retry policy. */
    <R, S> S invoke(SyncInvoker<R, S> invoker) {
        BiFunction<S, SdkException, Boolean> retryable = (response, e) -> retryable(e);
        return invoker.retryTimes(Math.max(0, properties.maxAttempts() - 1))
                .retryCondition(retryable)
                .backoffStrategy(backoff())
                .invoke();
    }

    static boolean retryable(SdkException e) {
        if (e instanceof ConnectionException) {
            return true;
        }
        if (e instanceof ServiceResponseException sre) {
            return sre.getHttpStatusCode() == 429 || sre.getHttpStatusCode() >= 500;
        }
        return false;
    }

    private BackoffStrategy backoff() {
        long base = properties.retryBaseDelay().toMillis();
        long max = properties.retryMaxDelay().toMillis();
        return new BackoffStrategy() {
            @Override
            public <S> long computeDelayBeforeNextRetry(RetryContext<S> context) {
                int attempt = Math.max(1, context.getRetriesAttempted());
                long ceiling = Math.min(max, base << Math.min(20, attempt - 1));
                // Half fixed, half random ("equal jitter"): retries of many callers spread out, none waits zero.
                return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
            }
        };
    }

    private Bundle build(CloudSession session) {
        String region = session.region();
        HttpConfig http = HttpConfig.getDefaultHttpConfig()
                .withConnectionTimeout(seconds(properties.connectTimeout()))
                .withReadTimeout(seconds(properties.callTimeout()))
                .withExecutorService(executor)
                .withConnectionPool(connections)
                .withDispatcher(dispatcher);
        BasicCredentials cceKeys = keys(session);
        CceClient cce = configure(
                        CceClient.newBuilder(),
                        cceKeys,
                        http,
                        region(
                                region,
                                session,
                                "cce",
                                cceRegion(region),
                                "https://cce." + region + ".myhuaweicloud.com"))
                .build();
        String projectId = cceKeys.getProjectId();
        BasicCredentials iamKeys = keys(session).withProjectId(projectId);
        IamClient iam = configure(
                        IamClient.newBuilder(),
                        iamKeys,
                        http,
                        region(
                                region,
                                session,
                                "iam",
                                iamRegion(region),
                                "https://iam." + region + ".myhuaweicloud.com"))
                .build();
        BasicCredentials cesKeys = keys(session).withProjectId(projectId);
        CesClient ces = configure(
                        CesClient.newBuilder(),
                        cesKeys,
                        http,
                        region(
                                region,
                                session,
                                "ces",
                                cesRegion(region),
                                "https://ces." + region + ".myhuaweicloud.com"))
                .build();
        return new Bundle(cce, iam, ces, projectId);
    }

    @PreDestroy
    void close() {
        bundles.invalidateAll();
        connections.evictAll();
        dispatcher.executorService().shutdown();
        executor.shutdown();
    }

    private static BasicCredentials keys(CloudSession session) {
        CloudCredentials c = session.credentials();
        BasicCredentials keys = new BasicCredentials()
                .withAk(c.accessKeyId())
                .withSk(c.secretAccessKey())
                .withIamEndpoint(endpoint(session, "iam", DEFAULT_IAM));
        if (c.sessionToken() != null) {
            keys.withSecurityToken(c.sessionToken());
        }
        if (c.projectId() != null) {
            keys.withProjectId(c.projectId());
        }
        return keys;
    }

    private static <T> ClientBuilder<T> configure(
            ClientBuilder<T> builder, BasicCredentials credentials, HttpConfig http, Region region) {
        return builder.withCredential(credentials).withHttpConfig(http).withRegion(region);
    }

    /** The SDK's region with the account's endpoint override, or a region of the documented endpoint pattern. */
    private static Region region(String id, CloudSession session, String service, Region known, String fallback) {
        URI override = session.endpoint(service);
        if (override != null) {
            return new Region(id, override.toString());
        }
        return known != null ? known : new Region(id, fallback);
    }

    private static String endpoint(CloudSession session, String service, String fallback) {
        URI override = session.endpoint(service);
        return override != null ? override.toString() : fallback;
    }

    private static Region iamRegion(String region) {
        try {
            return IamRegion.valueOf(region);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Region cesRegion(String region) {
        try {
            return CesRegion.valueOf(region);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, d.toSeconds());
    }
}
