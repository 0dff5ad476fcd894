package dev.cloudops.analysis.alerts;

import java.time.Instant;

/**
 * One workload observed once: cumulative container restarts and warning events (as the cluster counts them), use
 * (null without metrics) and the number of its pods.
 */
public record Sample(
        Instant at, long restarts, long warningEvents, Double cpuCores, Double memoryBytes, int replicas) {}
