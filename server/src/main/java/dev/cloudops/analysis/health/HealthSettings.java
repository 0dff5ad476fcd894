package dev.cloudops.analysis.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the health analyzer ({@code cloudops.analysis.health.*}).
 *
 * @param restartThreshold a container restarted at least this often is reported (unless it is crash-looping,
 *     which is reported as such)
 * @param eventBurst warning events of one reason on one object reported as a warning from this many on; fewer
 *     are reported as information
 */
@ConfigurationProperties("cloudops.analysis.health")
public record HealthSettings(
        @DefaultValue("5") int restartThreshold,
        @DefaultValue("5") int eventBurst) {

    public HealthSettings {
        if (restartThreshold < 1 || eventBurst < 1) {
            throw new IllegalArgumentException(
                    "cloudops.analysis.health.restart-threshold and event-burst must be at least 1");
        }
    }
}
