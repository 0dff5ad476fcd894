package dev.cloudops.analysis.usage;

import dev.cloudops.platform.CloudOpsProperties;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prices per vCPU-hour and GiB-hour for a node, by its provider and region; the most specific entry wins. */
public final class PriceTable {

    /** A node's price and where it came from. */
    public record NodePrice(String provider, String region, double cpuHour, double memoryGibHour) {}

    private final double cpuHour;
    private final double memoryGibHour;
    private final List<CloudOpsProperties.Price> prices;

    public PriceTable(CloudOpsProperties.Cost cost) {
        this.cpuHour = cost.cpuHour();
        this.memoryGibHour = cost.memoryGibHour();
        this.prices = cost.prices() == null ? List.of() : List.copyOf(cost.prices());
    }

    /** The price of a node (a JSON-ready map); null node: the default price. */
    public NodePrice of(Map<String, Object> node) {
        String provider = node == null ? null : provider(Json.text(node, "spec", "providerID"));
        String region = node == null ? null : Json.text(node, "metadata", "labels", "topology.kubernetes.io/region");
        CloudOpsProperties.Price best = null;
        for (CloudOpsProperties.Price p : prices) {
            if (p.provider() == null || !p.provider().equalsIgnoreCase(provider)) {
                continue;
            }
            boolean anyRegion = p.region() == null || p.region().isBlank();
            if (!anyRegion && !p.region().equalsIgnoreCase(region)) {
                continue;
            }
            if (best == null
                    || (!anyRegion && (best.region() == null || best.region().isBlank()))) {
                best = p;
            }
        }
        return best == null
                ? new NodePrice(provider, region, cpuHour, memoryGibHour)
                : new NodePrice(provider, region, best.cpuHour(), best.memoryGibHour());
    }

    /**
     * The provider a node's {@code spec.providerID} names: {@code aws:///eu-west-1a/i-…} is {@code aws}; the
     * schemes of Huawei Cloud, Alibaba Cloud and Tencent Cloud have more than one spelling. Null when there is
     * none (bare metal, kind, the mock).
     */
    public static String provider(String providerId) {
        if (providerId == null || providerId.isBlank()) {
            return null;
        }
        int colon = providerId.indexOf("://");
        String scheme = (colon < 0 ? providerId : providerId.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (scheme.contains("huawei") || scheme.equals("cce")) {
            return "huawei";
        }
        if (scheme.contains("aliyun") || scheme.contains("alicloud") || scheme.contains("alibaba")) {
            return "aliyun";
        }
        if (scheme.contains("tencent") || scheme.equals("qcloud") || scheme.equals("tke")) {
            return "tencent";
        }
        if (scheme.equals("gce")) {
            return "gcp";
        }
        return colon < 0 ? null : scheme;
    }
}
