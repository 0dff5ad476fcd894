package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The providers the platform can work with: exactly the adapters present as beans. A provider that is only
 * planned answers the same {@code 400 unknown-provider} as a misspelt one, with a detail that says which.
 */
@Service
public class CloudProviders {

    /** Providers of the multi-cloud plan, implemented or not, with their names for people. */
    static final Map<String, String> PLANNED = plan();

    private final Map<String, CloudClusterProvider> providers = new TreeMap<>();

    CloudProviders(List<CloudClusterProvider> adapters) {
        for (CloudClusterProvider adapter : adapters) {
            providers.put(adapter.id(), adapter);
        }
    }

    /** The adapter for {@code id}; {@code 400 unknown-provider} when there is none. */
    public CloudClusterProvider require(String id, String field) {
        CloudClusterProvider provider = id == null ? null : providers.get(id);
        if (provider != null) {
            return provider;
        }
        String available = String.join(", ", providers.keySet());
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("unknown-provider", "provider is required; available: " + available, field);
        }
        String planned = PLANNED.get(id);
        throw ApiException.badRequest(
                "unknown-provider",
                planned != null
                        ? "Provider '" + id + "' (" + planned + ") is not available in this version; available: "
                                + available
                        : "Unknown provider '" + id + "'; available: " + available,
                field);
    }

    /** Every planned provider and whether this server can use it. */
    public List<ProviderInfo> list() {
        List<ProviderInfo> out = new ArrayList<>();
        for (var entry : PLANNED.entrySet()) {
            CloudClusterProvider adapter = providers.get(entry.getKey());
            out.add(new ProviderInfo(
                    entry.getKey(),
                    adapter != null ? adapter.displayName() : entry.getValue(),
                    adapter != null,
                    adapter == null ? List.of() : List.copyOf(adapter.endpointServices())));
        }
        return out;
    }

    /**
     * A provider as the API lists it.
     *
     * @param available false for a provider this version has no adapter for
     * @param endpointServices service names an account may override the endpoint of
     */
    public record ProviderInfo(String id, String name, boolean available, List<String> endpointServices) {}

    private static Map<String, String> plan() {
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("aws", "Amazon EKS");
        plan.put("huawei", "Huawei Cloud CCE");
        plan.put("aliyun", "Alibaba Cloud ACK");
        plan.put("tencent", "Tencent Cloud TKE");
        return java.util.Collections.unmodifiableMap(plan);
    }
}
