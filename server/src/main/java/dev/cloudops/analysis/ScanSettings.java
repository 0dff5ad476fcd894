package dev.cloudops.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of stored scans ({@code cloudops.analysis.scans.*}).
 *
 * @param keep finished scans kept per cluster; older ones and their findings are deleted when a scan finishes
 */
@ConfigurationProperties("cloudops.analysis.scans")
public record ScanSettings(@DefaultValue("20") int keep) {

    public ScanSettings {
        if (keep < 1) {
            throw new IllegalArgumentException("cloudops.analysis.scans.keep must be at least 1");
        }
    }
}
