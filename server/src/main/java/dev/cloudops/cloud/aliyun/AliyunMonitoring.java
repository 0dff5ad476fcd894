package dev.cloudops.cloud.aliyun;

import com.aliyun.cms20190101.models.DescribeMetricListRequest;
import com.aliyun.cms20190101.models.DescribeMetricListResponseBody;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.MetricSeries;
import dev.cloudops.cloud.MonitoringQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster metrics from CloudMonitor (namespace {@code acs_k8s}, dimension {@code cluster}): one
 * DescribeMetricList per metric and page. Node- and pod-level metrics answer one point per node or pod and
 * time; they are averaged per time, so every series has one point per period, oldest first. The cluster needs
 * CloudMonitor's ACK integration (on by default) for there to be data.
 */
final class AliyunMonitoring {

    static final String NAMESPACE = "acs_k8s";
    static final List<String> DEFAULT_METRICS = List.of(
            "cluster.cpu.utilization", "cluster.memory.utilization", "node.cpu.utilization", "node.memory.utilization");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PAGES = 50;

    private AliyunMonitoring() {}

    static List<MetricSeries> read(AliyunClients.Bundle b, String clusterId, MonitoringQuery query) throws Exception {
        List<String> metrics = query.metrics().isEmpty() ? DEFAULT_METRICS : query.metrics();
        String dimensions = JSON.writeValueAsString(List.of(Map.of("cluster", clusterId)));
        List<MetricSeries> out = new ArrayList<>();
        for (String metric : metrics) {
            Map<Instant, double[]> sums = new TreeMap<>();
            String next = null;
            int pages = 0;
            do {
                DescribeMetricListResponseBody body = b.cms()
                        .describeMetricListWithOptions(
                                new DescribeMetricListRequest()
                                        .setNamespace(NAMESPACE)
                                        .setMetricName(metric)
                                        .setDimensions(dimensions)
                                        .setPeriod(String.valueOf(query.period().toSeconds()))
                                        .setStartTime(
                                                String.valueOf(query.from().toEpochMilli()))
                                        .setEndTime(String.valueOf(query.to().toEpochMilli()))
                                        .setLength("1440")
                                        .setNextToken(next),
                                b.runtime())
                        .getBody();
                if (Boolean.FALSE.equals(body.success) || (body.code != null && !"200".equals(body.code))) {
                    // CloudMonitor reports some failures inside an HTTP 200 answer.
                    throw CloudProblems.invalidRequest("CloudMonitor refused metric " + metric + ": " + body.message
                            + " (" + body.code + ", request " + body.requestId + ")");
                }
                add(sums, body.datapoints);
                next = body.nextToken == null || body.nextToken.isBlank() ? null : body.nextToken;
            } while (next != null && ++pages < MAX_PAGES);
            List<MetricSeries.Point> points = new ArrayList<>();
            sums.forEach((at, sum) -> points.add(new MetricSeries.Point(at, sum[0] / sum[1])));
            out.add(new MetricSeries(metric, "Average", unit(metric), points));
        }
        return out;
    }

    /** Datapoints come as a JSON array inside a string: {@code [{"timestamp":…,"Average":…,…}]}. */
    private static void add(Map<Instant, double[]> sums, String datapoints) {
        if (datapoints == null || datapoints.isBlank()) {
            return;
        }
        for (JsonNode point : JSON.readTree(datapoints)) {
            JsonNode value = point.has("Average") ? point.get("Average") : point.get("Value");
            if (value == null || !value.isNumber() || !point.path("timestamp").isNumber()) {
                continue;
            }
            double[] sum = sums.computeIfAbsent(
                    Instant.ofEpochMilli(point.path("timestamp").asLong()), t -> new double[2]);
            sum[0] += value.asDouble();
            sum[1]++;
        }
    }

    private static String unit(String metric) {
        if (metric.endsWith(".utilization")) {
            return "Percent";
        }
        if (metric.contains(".count") || metric.endsWith(".num")) {
            return "Count";
        }
        if (metric.contains(".memory.") && !metric.endsWith(".utilization")) {
            return "Bytes";
        }
        return null;
    }
}
