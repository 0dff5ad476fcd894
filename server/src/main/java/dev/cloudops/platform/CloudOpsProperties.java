package dev.cloudops.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's own settings ({@code cloudops.*}); every one has a safe default so the demo needs none.
 *
 * @param dataDir where the H2 database, the generated master key and the initial admin password live
 */
@ConfigurationProperties("cloudops")
public record CloudOpsProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Demo demo,
        @DefaultValue Security security,
        @DefaultValue Clusters clusters,
        @DefaultValue Web web,
        @DefaultValue Logs logs,
        @DefaultValue Exec exec,
        @DefaultValue Files files,
        @DefaultValue Analysis analysis) {

    /** @param enabled start the simulated cluster {@code demo} (the {@code --demo} switch) */
    public record Demo(@DefaultValue("false") boolean enabled) {}

    /**
     * @param sessionTtl lifetime of a login token
     * @param apiTokenMaxTtl longest lifetime an API token may ask for
     * @param maxLoginFailures consecutive failures before the account is locked
     * @param lockout how long a locked account stays locked
     */
    public record Security(
            @DefaultValue("12h") Duration sessionTtl,
            @DefaultValue("365d") Duration apiTokenMaxTtl,
            @DefaultValue("5") int maxLoginFailures,
            @DefaultValue("15m") Duration lockout) {}

    /**
     * @param healthInterval how often the fleet's health sync runs
     * @param connectTimeout connect timeout towards an API server
     * @param requestTimeout request timeout towards an API server
     * @param probeTimeout how long registration waits for an API server to answer
     * @param requestsPerSecond client-side rate limit per cluster
     */
    public record Clusters(
            @DefaultValue("30s") Duration healthInterval,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("10s") Duration probeTimeout,
            @DefaultValue("50") int requestsPerSecond) {}

    /** @param maxBodyBytes largest request body accepted (413 beyond it) */
    public record Web(@DefaultValue("2097152") long maxBodyBytes) {}

    /**
     * @param maxStreamsPerUser live log streams (SSE) one user may hold open at once (429 beyond)
     * @param maxStreams live log streams the whole server holds open at once (429 beyond)
     * @param heartbeat interval of the SSE keep-alive comments
     * @param streamTimeout how long one SSE connection lasts before the client reconnects with Last-Event-ID
     * @param searchBudget time one log search may spend matching before it stops with a partial answer
     * @param maxSources pods × containers one merged log request may read
     * @param retention how long saved log snapshots are kept
     * @param maxArchiveBytes compressed bytes all saved log snapshots may take; the oldest go first beyond it
     * @param scheduleTick how often the fleet looks for due log schedules
     */
    public record Logs(
            @DefaultValue("5") int maxStreamsPerUser,
            @DefaultValue("200") int maxStreams,
            @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("30m") Duration streamTimeout,
            @DefaultValue("10s") Duration searchBudget,
            @DefaultValue("50") int maxSources,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1073741824") long maxArchiveBytes,
            @DefaultValue("30s") Duration scheduleTick) {}

    /**
     * @param defaultTimeout how long a one-shot command may run when the caller names no timeout
     * @param maxTimeout the longest timeout a caller may ask for
     * @param maxOutputBytes bytes of standard output and of standard error returned per command; the rest is
     *     drained and dropped, and the result says {@code truncated}
     * @param historyOutputBytes bytes of each command's output kept in the history (0: keep none)
     * @param terminalTicketTtl how long a terminal ticket may wait before its WebSocket attaches
     * @param terminalIdleTimeout a terminal with neither input nor output for this long is closed
     * @param terminalMaxDuration a terminal is closed after this long, busy or not
     * @param terminalsPerUser terminal sessions one user may hold open at once (429 beyond)
     * @param allowedOrigins origins (scheme://host[:port]) whose pages may open terminal WebSockets besides the
     *     platform's own
     */
    public record Exec(
            @DefaultValue("30s") Duration defaultTimeout,
            @DefaultValue("10m") Duration maxTimeout,
            @DefaultValue("1048576") int maxOutputBytes,
            @DefaultValue("65536") int historyOutputBytes,
            @DefaultValue("30s") Duration terminalTicketTtl,
            @DefaultValue("15m") Duration terminalIdleTimeout,
            @DefaultValue("8h") Duration terminalMaxDuration,
            @DefaultValue("5") int terminalsPerUser,
            @DefaultValue java.util.List<String> allowedOrigins) {}

    /**
     * @param maxEditBytes largest file opened for editing as text
     * @param maxUploadBytes largest upload (all files of one request together)
     * @param maxDownloadBytes largest download of one file or archive (0: no limit)
     * @param maxListEntries directory entries one listing returns; the answer says when there were more
     * @param maxSearchResults matches one find or grep returns
     * @param operationTimeout how long one file operation may run in the container
     */
    public record Files(
            @DefaultValue("1048576") int maxEditBytes,
            @DefaultValue("2147483648") long maxUploadBytes,
            @DefaultValue("0") long maxDownloadBytes,
            @DefaultValue("5000") int maxListEntries,
            @DefaultValue("1000") int maxSearchResults,
            @DefaultValue("60s") Duration operationTimeout) {}

    /** Settings of the analysis engine's features that need any. */
    public record Analysis(
            @DefaultValue Cost cost, @DefaultValue Alerts alerts) {}

    /**
     * The cost model: every pod costs its CPU and memory requests times the price of the node it runs on, by the
     * node's provider (from its providerID) and region (label {@code topology.kubernetes.io/region}). The default
     * prices are OpenCost's defaults for on-demand capacity.
     *
     * @param currency the unit of every price, for people
     * @param hoursPerMonth hours a month is billed for
     * @param cpuHour price of one vCPU for an hour where no {@code prices} entry matches
     * @param memoryGibHour price of one GiB of memory for an hour where no {@code prices} entry matches
     * @param prices prices per provider, or per provider and region; the most specific match wins
     * @param idleBelow a workload using less than this share of both its CPU and memory requests is idle
     * @param overProvisionedBelow a workload using less than this share of its CPU or memory request is
     *     over-provisioned
     * @param headroom suggested requests are the 95th percentile of current use plus this share
     */
    public record Cost(
            @DefaultValue("USD") String currency,
            @DefaultValue("730") double hoursPerMonth,
            @DefaultValue("0.031611") double cpuHour,
            @DefaultValue("0.004237") double memoryGibHour,
            @DefaultValue java.util.List<Price> prices,
            @DefaultValue("0.1") double idleBelow,
            @DefaultValue("0.5") double overProvisionedBelow,
            @DefaultValue("0.3") double headroom) {}

    /**
     * A price for the nodes of one provider ({@code aws}, {@code huawei}, {@code aliyun}, {@code tencent},
     * {@code gcp}, {@code azure} …), optionally of one region only.
     */
    public record Price(String provider, String region, double cpuHour, double memoryGibHour) {}

    /**
     * The anomaly detector and its alerts.
     *
     * @param enabled run the detector
     * @param interval how often the fleet samples every workload
     * @param baselineSamples samples of each workload's own history a baseline holds
     * @param minSamples samples a baseline needs before usage jumps are judged
     * @param spikeFactor a value this many times its baseline (mean of the earlier samples) is a spike or jump
     * @param minRestarts restarts in one interval that can be a spike at all
     * @param minWarningEvents warning events in one interval that can be a burst at all
     * @param flapChanges replica count changes within the baseline that are flapping
     * @param deliveryAttempts attempts per webhook delivery before it is given up
     * @param deliveryBackoff wait before the second attempt; doubled for each attempt after it
     * @param deliveryTimeout connect and request timeout of one delivery attempt
     */
    public record Alerts(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") Duration interval,
            @DefaultValue("20") int baselineSamples,
            @DefaultValue("5") int minSamples,
            @DefaultValue("3") double spikeFactor,
            @DefaultValue("3") int minRestarts,
            @DefaultValue("5") int minWarningEvents,
            @DefaultValue("4") int flapChanges,
            @DefaultValue("5") int deliveryAttempts,
            @DefaultValue("10s") Duration deliveryBackoff,
            @DefaultValue("5s") Duration deliveryTimeout) {}
}
