package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.monitor.v20180724.MonitorClient;
import com.tencentcloudapi.monitor.v20180724.models.DescribeStatisticDataRequest;
import com.tencentcloudapi.monitor.v20180724.models.MetricData;
import com.tencentcloudapi.monitor.v20180724.models.MetricDataPoint;
import com.tencentcloudapi.monitor.v20180724.models.MidQueryCondition;
import com.tencentcloudapi.monitor.v20180724.models.Point;
import dev.cloudops.cloud.MetricSeries;
import dev.cloudops.cloud.MonitoringQuery;
import dev.cloudops.platform.error.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster metrics from Tencent Cloud Observability Platform (Cloud Monitor): namespace {@code QCE/TKE2} through
 * DescribeStatisticData, the API Tencent documents for TKE's metrics, with the cluster's id as the required
 * {@code tke_cluster_instance_id} dimension; averages per period, oldest first. Where TKE answers several series
 * for a metric (node metrics, one per node), a point is their mean.
 */
final class TencentMonitoring {

    static final String NAMESPACE = "QCE/TKE2";
    static final String DIMENSION = "tke_cluster_instance_id";
    static final List<String> DEFAULT_METRICS = List.of(
            "K8sClusterRateCpuCoreUsedCluster",
            "K8sClusterRateMemUsageBytesCluster",
            "K8sClusterCpuCoreUsed",
            "K8sClusterMemUsageBytes",
            "K8sClusterRateCpuCoreRequestCluster",
            "K8sNodeCpuUsage",
            "K8sNodeMemUsage");
    /** The periods TKE2 metrics are kept at. */
    static final Set<Long> PERIODS = Set.of(60L, 300L, 3600L, 86400L);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private TencentMonitoring() {}

    static void check(MonitoringQuery query) {
        if (!PERIODS.contains(query.period().toSeconds())) {
            throw ApiException.badRequest(
                    "invalid-field", "TKE metrics are kept per 60, 300, 3600 or 86400 seconds", "period");
        }
    }

    static List<MetricSeries> read(MonitorClient monitor, String clusterId, MonitoringQuery query)
            throws TencentCloudSDKException {
        List<String> metrics = query.metrics().isEmpty() ? DEFAULT_METRICS : query.metrics();
        var condition = new MidQueryCondition();
        condition.setKey(DIMENSION);
        condition.setOperator("=");
        condition.setValue(new String[] {clusterId});
        var request = new DescribeStatisticDataRequest();
        request.setModule("monitor");
        request.setNamespace(NAMESPACE);
        request.setMetricNames(metrics.toArray(String[]::new));
        request.setConditions(new MidQueryCondition[] {condition});
        request.setPeriod(query.period().toSeconds());
        request.setStartTime(format(query.from()));
        request.setEndTime(format(query.to()));
        MetricData[] data = monitor.DescribeStatisticData(request).getData();
        // Per metric, timestamp → the values of every series TKE answers (one per node for node metrics).
        Map<String, java.util.TreeMap<Long, double[]>> sums = new LinkedHashMap<>();
        metrics.forEach(m -> sums.put(m, new java.util.TreeMap<>()));
        for (MetricData metric : data == null ? new MetricData[0] : data) {
            var byTime = sums.get(metric.getMetricName());
            if (byTime == null || metric.getPoints() == null) {
                continue;
            }
            for (MetricDataPoint series : metric.getPoints()) {
                for (Point p : series.getValues() == null ? new Point[0] : series.getValues()) {
                    if (p.getTimestamp() != null && p.getValue() != null) {
                        double[] sum = byTime.computeIfAbsent(p.getTimestamp(), t -> new double[2]);
                        sum[0] += p.getValue();
                        sum[1]++;
                    }
                }
            }
        }
        List<MetricSeries> out = new ArrayList<>();
        sums.forEach((metric, byTime) -> {
            List<MetricSeries.Point> points = new ArrayList<>();
            byTime.forEach((at, sum) -> points.add(new MetricSeries.Point(Instant.ofEpochSecond(at), sum[0] / sum[1])));
            out.add(new MetricSeries(metric, "Average", unit(metric), points));
        });
        return out;
    }

    static String format(Instant instant) {
        return TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String unit(String metric) {
        if (metric.contains("Rate") || metric.endsWith("Usage")) {
            return "Percent";
        }
        if (metric.contains("CpuCore")) {
            return "Cores";
        }
        if (metric.contains("Bytes")) {
            return "Megabytes";
        }
        return null;
    }
}
