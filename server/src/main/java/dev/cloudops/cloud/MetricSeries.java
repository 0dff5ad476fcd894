package dev.cloudops.cloud;

import java.time.Instant;
import java.util.List;

/**
 * One metric of a cluster from the cloud's monitoring service (CloudWatch Container Insights, Cloud Eye,
 * CloudMonitor, Cloud Monitor), oldest point first.
 */
public record MetricSeries(String metric, String statistic, String unit, List<Point> points) {

    public MetricSeries {
        points = List.copyOf(points);
    }

    /** One value at one time. */
    public record Point(Instant at, double value) {}
}
