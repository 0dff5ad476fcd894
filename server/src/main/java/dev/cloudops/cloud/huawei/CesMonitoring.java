package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.ListNodesRequest;
import com.huaweicloud.sdk.cce.v3.model.Node;
import com.huaweicloud.sdk.ces.v1.model.BatchListMetricDataRequest;
import com.huaweicloud.sdk.ces.v1.model.BatchListMetricDataRequestBody;
import com.huaweicloud.sdk.ces.v1.model.BatchMetricData;
import com.huaweicloud.sdk.ces.v1.model.DatapointForBatchMetric;
import com.huaweicloud.sdk.ces.v1.model.MetricInfo;
import com.huaweicloud.sdk.ces.v1.model.MetricsDimension;
import dev.cloudops.cloud.MetricSeries;
import dev.cloudops.cloud.MonitoringQuery;
import dev.cloudops.platform.error.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Node metrics of a CCE cluster from Cloud Eye. CCE nodes are ECS servers, so their metrics live in Cloud Eye's
 * {@code SYS.ECS} namespace (and {@code AGT.ECS} with the Cloud Eye agent) under the {@code instance_id}
 * dimension: the nodes are listed through CCE, then read with BatchListMetricData in batches of at most 500
 * metrics, averages per period. A series is named {@code <metric>/<node name>}; a metric may be written {@code
 * AGT.ECS.mem_usedPercent} to pick the namespace.
 */
final class CesMonitoring {

    static final String NAMESPACE = "SYS.ECS";
    static final List<String> DEFAULT_METRICS = List.of("cpu_util", "mem_util", "network_incoming_bytes_rate_inband");
    /** The periods Cloud Eye aggregates to, in seconds; 1 stands for raw data. */
    static final int[] PERIODS = {1, 300, 1200, 3600, 14400, 86400};

    private static final int BATCH = 500;
    private static final Pattern METRIC = Pattern.compile("([A-Z]+\\.[A-Z]+\\.)?[A-Za-z0-9_]{1,96}");

    private CesMonitoring() {}

    static List<MetricSeries> read(
            HuaweiClients clients, HuaweiClients.Bundle b, String clusterId, MonitoringQuery query) {
        List<String> metrics = query.metrics().isEmpty() ? DEFAULT_METRICS : query.metrics();
        for (String metric : metrics) {
            if (!METRIC.matcher(metric).matches()) {
                throw ApiException.badRequest(
                        "invalid-field",
                        "'" + metric + "' is not a Cloud Eye metric name (e.g. cpu_util or AGT.ECS.mem_usedPercent)",
                        "metrics");
            }
        }
        Map<String, String> nodes = new LinkedHashMap<>();
        var items = clients.invoke(b.cce().listNodesInvoker(new ListNodesRequest().withClusterId(clusterId)))
                .getItems();
        for (Node node : items == null ? List.<Node>of() : items) {
            if (node.getStatus() != null && node.getStatus().getServerId() != null && node.getMetadata() != null) {
                nodes.put(node.getStatus().getServerId(), node.getMetadata().getName());
            }
        }
        List<MetricInfo> wanted = new ArrayList<>();
        for (String metric : metrics) {
            for (String server : nodes.keySet()) {
                wanted.add(new MetricInfo()
                        .withNamespace(namespace(metric))
                        .withMetricName(name(metric))
                        .withDimensions(List.of(
                                new MetricsDimension().withName("instance_id").withValue(server))));
            }
        }
        Map<String, MetricSeries> out = new LinkedHashMap<>();
        String period = String.valueOf(period(query.period().toSeconds()));
        for (int from = 0; from < wanted.size(); from += BATCH) {
            var batch = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
            var answer = clients.invoke(b.ces()
                    .batchListMetricDataInvoker(new BatchListMetricDataRequest()
                            .withBody(new BatchListMetricDataRequestBody()
                                    .withMetrics(batch)
                                    .withFrom(query.from().toEpochMilli())
                                    .withTo(query.to().toEpochMilli())
                                    .withPeriod(period)
                                    .withFilter("average"))));
            for (BatchMetricData data :
                    answer.getMetrics() == null ? List.<BatchMetricData>of() : answer.getMetrics()) {
                String server =
                        data.getDimensions() == null || data.getDimensions().isEmpty()
                                ? null
                                : data.getDimensions().get(0).getValue();
                String label = (NAMESPACE.equals(data.getNamespace()) ? "" : data.getNamespace() + ".")
                        + data.getMetricName() + "/" + nodes.getOrDefault(server, server);
                List<MetricSeries.Point> points = new ArrayList<>();
                for (DatapointForBatchMetric p :
                        data.getDatapoints() == null ? List.<DatapointForBatchMetric>of() : data.getDatapoints()) {
                    if (p.getTimestamp() != null && p.getAverage() != null) {
                        points.add(new MetricSeries.Point(Instant.ofEpochMilli(p.getTimestamp()), p.getAverage()));
                    }
                }
                points.sort(Comparator.comparing(MetricSeries.Point::at));
                out.put(label, new MetricSeries(label, "Average", data.getUnit(), points));
            }
        }
        return List.copyOf(out.values());
    }

    /** The shortest Cloud Eye period not shorter than asked (raw data below five minutes). */
    static int period(long seconds) {
        for (int p : PERIODS) {
            if (p >= seconds) {
                return p;
            }
        }
        return PERIODS[PERIODS.length - 1];
    }

    private static String namespace(String metric) {
        int dot = metric.lastIndexOf('.');
        return dot < 0 ? NAMESPACE : metric.substring(0, dot);
    }

    private static String name(String metric) {
        return metric.substring(metric.lastIndexOf('.') + 1);
    }
}
