package dev.cloudops.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which metrics to read, over what window, at what resolution.
 *
 * @param metrics provider metric names; empty means the provider's default set
 * @param period one point per period
 */
public record MonitoringQuery(List<String> metrics, Instant from, Instant to, Duration period) {

    public MonitoringQuery {
        metrics = List.copyOf(metrics);
    }
}
