package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools;
import com.aliyun.cs20151215.models.DescribeClustersV1Request;
import com.aliyun.cs20151215.models.DescribeClustersV1ResponseBody;
import com.aliyun.openapiutil.Client;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.cloud.aliyun.AckMapping.AckCluster;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ACK calls the rest of the adapter shares: a cluster by name (the platform addresses clusters by name, ACK
 * by id), node pools, and long-running tasks. Two APIs this SDK version has no typed method or model field for —
 * UpgradeClusterNodepool, and the {@code error} of DescribeTaskInfo — go through the same client's generic
 * {@code callApi}, which signs and sends them exactly like the typed methods.
 */
final class AckApi {

    static final String VERSION = "2015-12-15";
    static final Pattern CLUSTER_ID = Pattern.compile("c[0-9a-f]{32}");
    private static final long PAGE = 100;

    private AckApi() {}

    /** Every cluster of the region, page by page. */
    static List<AckCluster> clusters(AliyunClients.Bundle b, String region, String name) throws Exception {
        List<AckCluster> out = new ArrayList<>();
        for (long page = 1; ; page++) {
            DescribeClustersV1ResponseBody body = b.cs().describeClustersV1WithOptions(
                            new DescribeClustersV1Request()
                                    .setRegionId(region)
                                    .setName(name)
                                    .setPageNumber(page)
                                    .setPageSize(PAGE),
                            new HashMap<>(),
                            b.runtime())
                    .getBody();
            if (body.clusters != null) {
                body.clusters.forEach(c -> out.add(AckCluster.of(c)));
            }
            long total = body.pageInfo == null || body.pageInfo.totalCount == null ? 0 : body.pageInfo.totalCount;
            if (body.clusters == null || body.clusters.isEmpty() || page * PAGE >= total) {
                return out;
            }
        }
    }

    /**
     * The cluster the platform knows by {@code name} (or by its ACK id): {@code cloud-not-found} when the region
     * has none, {@code cloud-conflict} when several clusters share the name.
     */
    static AckCluster cluster(AliyunClients.Bundle b, String region, String name) throws Exception {
        if (CLUSTER_ID.matcher(name).matches()) {
            return AckCluster.of(b.cs().describeClusterDetailWithOptions(name, new HashMap<>(), b.runtime())
                    .getBody());
        }
        // ACK's name filter matches parts of names: keep the exact ones.
        List<AckCluster> named = clusters(b, region, name).stream()
                .filter(c -> name.equals(c.name()))
                .toList();
        if (named.isEmpty()) {
            throw CloudProblems.notFound("ACK has no cluster named " + name + " in " + region);
        }
        if (named.size() > 1) {
            throw CloudProblems.conflict("Several ACK clusters in " + region + " are named " + name
                    + "; address the cluster by its id ("
                    + String.join(", ", named.stream().map(AckCluster::id).toList())
                    + ")");
        }
        return named.get(0);
    }

    /** Like {@link #cluster}, empty when ACK has no such cluster (any other failure is thrown as it came). */
    static java.util.Optional<AckCluster> findCluster(AliyunClients.Bundle b, String region, String name)
            throws Exception {
        try {
            return java.util.Optional.of(cluster(b, region, name));
        } catch (ApiException e) {
            if ("cloud-not-found".equals(e.code())) {
                return java.util.Optional.empty();
            }
            throw e;
        } catch (com.aliyun.tea.TeaException e) {
            if ("cloud-not-found".equals(AliyunErrors.translate("ACK", e).code())) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    static List<DescribeClusterNodePoolsResponseBodyNodepools> pools(AliyunClients.Bundle b, String clusterId)
            throws Exception {
        var pools = b.cs().describeClusterNodePoolsWithOptions(clusterId, new HashMap<>(), b.runtime())
                .getBody()
                .nodepools;
        return pools == null ? List.of() : pools;
    }

    /** The node pool named {@code nodeGroup} (or with that node pool id); {@code cloud-not-found} when none. */
    static DescribeClusterNodePoolsResponseBodyNodepools pool(
            AliyunClients.Bundle b, String clusterId, String clusterName, String nodeGroup) throws Exception {
        return findPool(pools(b, clusterId), nodeGroup)
                .orElseThrow(() ->
                        CloudProblems.notFound("ACK cluster " + clusterName + " has no node pool named " + nodeGroup));
    }

    static java.util.Optional<DescribeClusterNodePoolsResponseBodyNodepools> findPool(
            List<DescribeClusterNodePoolsResponseBodyNodepools> pools, String nodeGroup) {
        return pools.stream()
                .filter(p -> p.nodepoolInfo != null
                        && (nodeGroup.equals(p.nodepoolInfo.name) || nodeGroup.equals(p.nodepoolInfo.nodepoolId)))
                .findFirst();
    }

    /** Where an ACK task stands (DescribeTaskInfo): {@code success}, {@code failed}/{@code fail}, or running. */
    static OperationProgress task(AliyunClients.Bundle b, String taskId) throws Exception {
        Map<String, Object> body = roa(b, "DescribeTaskInfo", "GET", "/tasks/" + Client.getEncodeParam(taskId), null);
        String state = text(body.get("state"));
        String phase = state == null ? "UNKNOWN" : state.toUpperCase(Locale.ROOT);
        if ("success".equalsIgnoreCase(state)) {
            return OperationProgress.succeeded(phase);
        }
        if (state != null
                && List.of("failed", "fail", "canceled", "cancelled").contains(state.toLowerCase(Locale.ROOT))) {
            return OperationProgress.failed(phase, taskError(taskId, state, body.get("error")));
        }
        return OperationProgress.running(phase);
    }

    /** UpgradeClusterNodepool: answers the task id. */
    static String upgradePool(AliyunClients.Bundle b, String clusterId, String poolId, String version)
            throws Exception {
        Map<String, Object> body = roa(
                b,
                "UpgradeClusterNodepool",
                "PUT",
                "/clusters/" + Client.getEncodeParam(clusterId) + "/nodepools/" + Client.getEncodeParam(poolId)
                        + "/upgrade",
                Map.of("kubernetes_version", version));
        return text(body.get("task_id"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roa(
            AliyunClients.Bundle b, String action, String method, String path, Object body) throws Exception {
        Params params = new Params()
                .setAction(action)
                .setVersion(VERSION)
                .setProtocol("HTTPS")
                .setPathname(path)
                .setMethod(method)
                .setAuthType("AK")
                .setStyle("ROA")
                .setReqBodyType("json")
                .setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setHeaders(new HashMap<>());
        if (body != null) {
            request.setBody(body);
        }
        Object answer = b.cs().callApi(params, request, b.runtime()).get("body");
        return answer instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String taskError(String taskId, String state, Object error) {
        if (error instanceof Map<?, ?> e && (e.get("code") != null || e.get("message") != null)) {
            return e.get("code") + ": " + e.get("message");
        }
        return "ACK task " + taskId + " ended " + state;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A bad-input error for a field of a request. */
    static ApiException invalid(String detail, String field) {
        return ApiException.badRequest("invalid-field", detail, field);
    }
}
