package dev.cloudops.cloud;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which managed Kubernetes service runs a cluster from what any registered cluster shows: its API server's
 * host name and its nodes' provider IDs and labels. Pure. Knows the four planned providers and, to say so
 * plainly, GKE and AKS.
 */
public final class ProviderDetection {

    private static final Pattern EKS_HOST = Pattern.compile(
            "[a-z0-9]+\\.(?:[a-z]{2}\\d+\\.)?([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.eks\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern TKE_HOST = Pattern.compile("cls-[a-z0-9]+\\.ccs\\.tencent-cloud\\.com");
    private static final Pattern ACK_PROVIDER_ID = Pattern.compile("([a-z]{2}-[a-z0-9-]+)\\.i-[a-z0-9]+");

    private static final List<Rule> LABEL_RULES = List.of(
            new Rule("aws", "eks.amazonaws.com/nodegroup"),
            new Rule("aws", "eks.amazonaws.com/compute-type"),
            new Rule("huawei", "cce.cloud.com/cce-nodepool"),
            new Rule("aliyun", "alibabacloud.com/nodepool-id"),
            new Rule("aliyun", "ack.aliyun.com"),
            new Rule("tencent", "tke.cloud.tencent.com/nodepool-id"),
            new Rule("tencent", "cloud.tencent.com/node-instance-id"),
            new Rule("gke", "cloud.google.com/gke-nodepool"),
            new Rule("aks", "kubernetes.azure.com/agentpool"));

    private static final Map<String, String> PROVIDER_ID_PREFIXES = prefixes();

    private ProviderDetection() {}

    /** A node as detection needs it. */
    public record NodeFacts(String name, String providerId, Map<String, String> labels) {
        public NodeFacts {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** What one clue says. */
    public record Evidence(String provider, String source, String detail) {}

    /**
     * The verdict: the provider with the most evidence (null when nothing matched), whether this platform has an
     * adapter for it, the region when a clue tells, and every clue.
     */
    public record Detection(String provider, String region, List<Evidence> evidence) {
        public Detection {
            evidence = List.copyOf(evidence);
        }
    }

    public static Detection detect(String serverUrl, List<NodeFacts> nodes) {
        List<Evidence> evidence = new ArrayList<>();
        String region = null;
        String host = host(serverUrl);
        if (host != null) {
            Matcher eks = EKS_HOST.matcher(host);
            if (eks.matches()) {
                evidence.add(new Evidence("aws", "api-server", host + " is an EKS endpoint"));
                region = eks.group(1);
            } else if (host.endsWith(".eks.amazonaws.com") || host.endsWith(".eks.amazonaws.com.cn")) {
                evidence.add(new Evidence("aws", "api-server", host + " is an EKS endpoint"));
            } else if (TKE_HOST.matcher(host).matches()) {
                evidence.add(new Evidence("tencent", "api-server", host + " is a TKE endpoint"));
            } else if (host.endsWith(".myhuaweicloud.com") && host.contains("cce")) {
                evidence.add(new Evidence("huawei", "api-server", host + " is a CCE endpoint"));
            } else if (host.endsWith(".azmk8s.io")) {
                evidence.add(new Evidence("aks", "api-server", host + " is an AKS endpoint"));
            }
        }
        for (NodeFacts node : nodes) {
            String providerId = node.providerId() == null ? "" : node.providerId();
            for (var prefix : PROVIDER_ID_PREFIXES.entrySet()) {
                if (providerId.startsWith(prefix.getKey())) {
                    evidence.add(new Evidence(
                            prefix.getValue(), "node " + node.name(), "providerID " + prefix.getKey() + "…"));
                }
            }
            Matcher ack = ACK_PROVIDER_ID.matcher(providerId);
            if (ack.matches()) {
                evidence.add(new Evidence("aliyun", "node " + node.name(), "providerID <region>.i-… (ECS instance)"));
            }
            for (Rule rule : LABEL_RULES) {
                if (node.labels().containsKey(rule.label())) {
                    evidence.add(new Evidence(rule.provider(), "node " + node.name(), "label " + rule.label()));
                }
            }
            if (region == null) {
                region = node.labels().get("topology.kubernetes.io/region");
            }
        }
        return new Detection(winner(evidence), region, evidence);
    }

    private static String winner(List<Evidence> evidence) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Evidence e : evidence) {
            votes.merge(e.provider(), 1, Integer::sum);
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static String host(String serverUrl) {
        try {
            String host = serverUrl == null ? null : URI.create(serverUrl).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Rule(String provider, String label) {}

    private static Map<String, String> prefixes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("aws://", "aws");
        map.put("qcloud://", "tencent");
        map.put("alicloud://", "aliyun");
        map.put("huaweicloud://", "huawei");
        map.put("gce://", "gke");
        map.put("azure://", "aks");
        return java.util.Collections.unmodifiableMap(map);
    }
}
