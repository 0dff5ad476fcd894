package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.MetricSeries;
import dev.cloudops.cloud.MonitoringQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Cluster metrics from CloudWatch Container Insights (namespace {@code ContainerInsights}, dimension {@code
 * ClusterName}) with one GetMetricData call per page, averages per period, oldest first. The cluster needs the
 * CloudWatch observability add-on (or the CloudWatch agent) for there to be data.
 */
final class AwsMonitoring {

    static final String NAMESPACE = "ContainerInsights";
    static final List<String> DEFAULT_METRICS = List.of(
            "cluster_node_count",
            "cluster_failed_node_count",
            "node_cpu_utilization",
            "node_memory_utilization",
            "node_number_of_running_pods");

    private AwsMonitoring() {}

    static List<MetricSeries> read(CloudWatchClient cloudWatch, String cluster, MonitoringQuery query) {
        List<String> metrics = query.metrics().isEmpty() ? DEFAULT_METRICS : query.metrics();
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            queries.add(MetricDataQuery.builder()
                    .id("m" + i)
                    .label(metric)
                    .metricStat(s -> s.metric(m -> m.namespace(NAMESPACE)
                                    .metricName(metric)
                                    .dimensions(d -> d.name("ClusterName").value(cluster)))
                            .period((int) query.period().toSeconds())
                            .stat("Average"))
                    .build());
        }
        Map<String, List<MetricSeries.Point>> points = new LinkedHashMap<>();
        metrics.forEach(m -> points.put(m, new ArrayList<>()));
        String next = null;
        do {
            String token = next;
            GetMetricDataResponse page = cloudWatch.getMetricData(r -> r.metricDataQueries(queries)
                    .startTime(query.from())
                    .endTime(query.to())
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .nextToken(token));
            for (MetricDataResult result : page.metricDataResults()) {
                String metric = metrics.get(Integer.parseInt(result.id().substring(1)));
                List<Instant> times = result.timestamps();
                List<Double> values = result.values();
                for (int i = 0; i < Math.min(times.size(), values.size()); i++) {
                    points.get(metric).add(new MetricSeries.Point(times.get(i), values.get(i)));
                }
            }
            next = page.nextToken();
        } while (next != null);
        List<MetricSeries> out = new ArrayList<>();
        points.forEach((metric, list) -> out.add(new MetricSeries(metric, "Average", unit(metric), list)));
        return out;
    }

    private static String unit(String metric) {
        if (metric.endsWith("_utilization")) {
            return "Percent";
        }
        if (metric.endsWith("_count") || metric.contains("_number_of_")) {
            return "Count";
        }
        if (metric.endsWith("_bytes")) {
            return "Bytes";
        }
        return null;
    }
}
