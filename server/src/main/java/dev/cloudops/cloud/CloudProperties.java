package dev.cloudops.cloud;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the cloud feature ({@code cloudops.cloud.*}).
 *
 * @param pollInterval pause between two polls of the running cloud jobs (also read by the job's schedule)
 * @param jobTimeout a job still running after this long is marked failed
 * @param syncInterval pause between two status syncs of every cloud cluster (reads only)
 * @param credentialCheckInterval pause between two checks for registered clusters whose credentials expire soon
 * @param credentialRefreshBefore credentials are renewed this long before they expire
 * @param connectTimeout connect timeout towards cloud APIs
 * @param callTimeout time one cloud call may take, retries included
 * @param maxAttempts attempts per cloud call (throttling and 5xx are retried with exponential back-off)
 * @param retryBaseDelay first back-off delay; it doubles per attempt (with jitter) up to {@code retryMaxDelay}
 * @param retryMaxDelay longest back-off delay
 * @param allowInsecureEndpoints accept {@code http://} endpoint overrides on hosts other than the loopback
 */
@ConfigurationProperties("cloudops.cloud")
public record CloudProperties(
        @DefaultValue("15s") Duration pollInterval,
        @DefaultValue("60m") Duration jobTimeout,
        @DefaultValue("5m") Duration syncInterval,
        @DefaultValue("1m") Duration credentialCheckInterval,
        @DefaultValue("5m") Duration credentialRefreshBefore,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration callTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("200ms") Duration retryBaseDelay,
        @DefaultValue("20s") Duration retryMaxDelay,
        @DefaultValue("false") boolean allowInsecureEndpoints) {}
