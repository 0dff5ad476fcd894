package dev.cloudops.cloud.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.cloudops.cloud.CloudCredentials;
import dev.cloudops.cloud.CloudProperties;
import dev.cloudops.cloud.CloudSession;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients per account, revision and region, built once and shared: one Apache HTTP client for all, the
 * standard retry strategy (throttling and 5xx retried with exponential back-off and jitter) tuned by {@code
 * cloudops.cloud.*}, endpoint overrides per service, and the account's keys — or the role they assume, through
 * {@link StsAssumeRoleCredentialsProvider}, which renews the role's session itself.
 */
@Component
class AwsClients {

    /** The clients of one account in one region, closed together. */
    record Bundle(
            AwsCredentialsProvider credentials,
            SdkAutoCloseable roleProvider,
            StsClient baseSts,
            EksClient eks,
            StsClient sts,
            CloudWatchClient cloudWatch)
            implements AutoCloseable {

        @Override
        public void close() {
            eks.close();
            sts.close();
            cloudWatch.close();
            if (roleProvider != null) {
                roleProvider.close();
            }
            if (baseSts != null) {
                baseSts.close();
            }
        }
    }

    private final SdkHttpClient http;
    private final CloudProperties properties;
    private final Cache<String, Bundle> bundles;

    AwsClients(CloudProperties properties) {
        this.properties = properties;
        this.http = Apache5HttpClient.builder()
                .connectionTimeout(properties.connectTimeout())
                .socketTimeout(properties.callTimeout())
                .maxConnections(64)
                .build();
        this.bundles = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(30))
                .maximumSize(500)
                .removalListener((String key, Bundle bundle, RemovalCause cause) -> {
                    if (bundle != null) {
                        bundle.close();
                    }
                })
                .build();
    }

    Bundle of(CloudSession session) {
        String key = session.accountId() + ":" + session.revision() + ":" + session.region();
        return bundles.get(key, k -> build(session));
    }

    /** A bundle for an account not stored yet (validated before it is): the caller closes it. */
    Bundle uncached(CloudSession session) {
        return build(session);
    }

    private Bundle build(CloudSession session) {
        Region region = Region.of(session.region());
        CloudCredentials c = session.credentials();
        AwsCredentialsProvider keys = StaticCredentialsProvider.create(
                c.sessionToken() == null
                        ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
                        : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        StsClient baseSts = null;
        StsAssumeRoleCredentialsProvider role = null;
        AwsCredentialsProvider effective = keys;
        if (c.roleArn() != null) {
            baseSts =
                    configure(StsClient.builder(), session, "sts", region, keys).build();
            role = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(baseSts)
                    .asyncCredentialUpdateEnabled(false)
                    .refreshRequest(r -> r.roleArn(c.roleArn())
                            .roleSessionName("cloudops-platform")
                            .externalId(c.externalId())
                            .durationSeconds(3600))
                    .build();
            effective = role;
        }
        return new Bundle(
                effective,
                role,
                baseSts,
                configure(EksClient.builder(), session, "eks", region, effective)
                        .build(),
                configure(StsClient.builder(), session, "sts", region, effective)
                        .build(),
                configure(CloudWatchClient.builder(), session, "cloudwatch", region, effective)
                        .build());
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, CloudSession session, String service, Region region, AwsCredentialsProvider creds) {
        builder.httpClient(http);
        builder.region(region);
        builder.credentialsProvider(creds);
        URI endpoint = session.endpoint(service);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallTimeout(properties.callTimeout())
                .build());
        return builder;
    }

    private RetryStrategy retryStrategy() {
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(properties.retryBaseDelay(), properties.retryMaxDelay());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(properties.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    @PreDestroy
    void close() {
        bundles.invalidateAll();
        bundles.cleanUp();
        http.close();
    }
}
