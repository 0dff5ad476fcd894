package dev.cloudops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes the fabric8 mock API server answer two things a real kube-apiserver answers and the mock does not:
 * the discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/{group}/{version}},
 * including stored CRDs) and server-side dry runs ({@code dryRun=All} writes nothing). The simulated cluster
 * and the tests both use it, so that production code is written against real Kubernetes behaviour.
 */
public final class ApiFidelity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Kind(
            String group,
            String version,
            String kind,
            String plural,
            String singular,
            boolean namespaced,
            List<String> shortNames) {}

    private static final List<Kind> BUILT_IN = List.of(
            kind(Pod.class, "po"),
            kind(Service.class, "svc"),
            kind(ConfigMap.class, "cm"),
            kind(Secret.class),
            kind(Namespace.class, "ns"),
            kind(Node.class, "no"),
            kind(Event.class, "ev"),
            kind(ServiceAccount.class, "sa"),
            kind(ResourceQuota.class, "quota"),
            kind(LimitRange.class, "limits"),
            kind(PersistentVolumeClaim.class, "pvc"),
            kind(PersistentVolume.class, "pv"),
            kind(Endpoints.class, "ep"),
            kind(Deployment.class, "deploy"),
            kind(StatefulSet.class, "sts"),
            kind(DaemonSet.class, "ds"),
            kind(ReplicaSet.class, "rs"),
            kind(Job.class),
            kind(CronJob.class, "cj"),
            kind(HorizontalPodAutoscaler.class, "hpa"),
            kind(Ingress.class, "ing"),
            kind(NetworkPolicy.class, "netpol"),
            kind(PodDisruptionBudget.class, "pdb"),
            kind(Role.class),
            kind(RoleBinding.class),
            kind(ClusterRole.class),
            kind(ClusterRoleBinding.class),
            kind(StorageClass.class, "sc"),
            kind(Lease.class),
            kind(CustomResourceDefinition.class, "crd", "crds"));

    private ApiFidelity() {}

    /**
     * Answers the request if it is one the mock gets wrong; otherwise null, and the mock answers it.
     *
     * @param store reads from the mock's own store (a GET through the CRUD dispatcher)
     */
    public static MockResponse answer(RecordedRequest request, Function<String, MockResponse> store) {
        String path = request.getPath();
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (request.method() == HttpMethod.GET) {
            String discovery = discovery(bare, store);
            return discovery == null ? null : json(200, discovery);
        }
        if (path.contains("dryRun=All")) {
            return dryRun(request, bare, store);
        }
        return null;
    }

    private static String discovery(String path, Function<String, MockResponse> store) {
        List<Kind> kinds = new java.util.ArrayList<>(BUILT_IN);
        if (path.equals("/api")) {
            return "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
        }
        if (!path.equals("/apis") && !path.equals("/api/v1") && !path.matches("/apis/[^/]+/[^/]+")) {
            return null;
        }
        kinds.addAll(customKinds(store));
        if (path.equals("/apis")) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (Kind k : kinds) {
                if (!k.group().isEmpty()) {
                    List<String> versions = groups.computeIfAbsent(k.group(), g -> new java.util.ArrayList<>());
                    if (!versions.contains(k.version())) {
                        versions.add(k.version());
                    }
                }
            }
            ObjectNode list =
                    JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode items = list.putArray("groups");
            groups.forEach((group, versions) -> {
                ObjectNode g = items.addObject().put("name", group);
                ArrayNode vs = g.putArray("versions");
                versions.forEach(
                        v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
                g.putObject("preferredVersion")
                        .put("groupVersion", group + "/" + versions.get(0))
                        .put("version", versions.get(0));
            });
            return list.toString();
        }
        String groupVersion = path.equals("/api/v1") ? "v1" : path.substring("/apis/".length());
        List<Kind> matching = kinds.stream()
                .filter(k -> (k.group().isEmpty() ? k.version() : k.group() + "/" + k.version()).equals(groupVersion))
                .toList();
        if (matching.isEmpty()) {
            return null;
        }
        ObjectNode list = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (Kind k : matching) {
            ObjectNode r = resources
                    .addObject()
                    .put("name", k.plural())
                    .put("singularName", k.singular())
                    .put("namespaced", k.namespaced())
                    .put("kind", k.kind());
            ArrayNode verbs = r.putArray("verbs");
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
                    .forEach(verbs::add);
            ArrayNode shorts = r.putArray("shortNames");
            k.shortNames().forEach(shorts::add);
        }
        return list.toString();
    }

    private static List<Kind> customKinds(Function<String, MockResponse> store) {
        MockResponse crds = store.apply("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        if (crds == null || code(crds) != 200) {
            return List.of();
        }
        List<Kind> out = new java.util.ArrayList<>();
        try {
            JsonNode items = JSON.readTree(crds.getBody().readUtf8()).path("items");
            for (JsonNode crd : items) {
                JsonNode spec = crd.path("spec");
                JsonNode names = spec.path("names");
                List<String> shortNames = new java.util.ArrayList<>();
                names.path("shortNames").forEach(s -> shortNames.add(s.asText()));
                for (JsonNode version : spec.path("versions")) {
                    if (version.path("served").asBoolean(true)) {
                        out.add(new Kind(
                                spec.path("group").asText(),
                                version.path("name").asText(),
                                names.path("kind").asText(),
                                names.path("plural").asText(),
                                names.path("singular")
                                        .asText(names.path("kind").asText().toLowerCase(java.util.Locale.ROOT)),
                                "Namespaced".equals(spec.path("scope").asText()),
                                shortNames));
                    }
                }
            }
        } catch (java.io.IOException e) {
            return List.of();
        }
        return out;
    }

    private static MockResponse dryRun(RecordedRequest request, String path, Function<String, MockResponse> store) {
        String body = request.getUtf8Body();
        switch (request.method()) {
            case POST -> {
                try {
                    String name =
                            JSON.readTree(body).path("metadata").path("name").asText("");
                    MockResponse existing = store.apply(path + "/" + name);
                    if (!name.isEmpty() && existing != null && code(existing) == 200) {
                        return json(409, status(409, "AlreadyExists", "\"" + name + "\" already exists"));
                    }
                } catch (java.io.IOException e) {
                    return json(400, status(400, "BadRequest", "the body is not valid JSON"));
                }
                return json(201, body);
            }
            case PUT -> {
                MockResponse existing = store.apply(path);
                return existing == null || code(existing) != 200 ? existing : json(200, body);
            }
            default -> {
                return store.apply(path);
            }
        }
    }

    /** The status code of a mock response; its status line reads "HTTP/1.1 200 OK". */
    private static int code(MockResponse response) {
        String[] parts = response.getStatus().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    private static String status(int code, String reason, String message) {
        return JSON.createObjectNode()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code)
                .toString();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    /** A GET through a dispatcher, for {@link #answer}'s {@code store} argument. */
    public static RecordedRequest get(String path) {
        return new RecordedRequest(
                "HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), null);
    }

    private static Kind kind(Class<? extends HasMetadata> type, String... shortNames) {
        String apiVersion = HasMetadata.getApiVersion(type);
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new Kind(
                group,
                version,
                HasMetadata.getKind(type),
                HasMetadata.getPlural(type),
                HasMetadata.getSingular(type),
                Namespaced.class.isAssignableFrom(type),
                List.of(shortNames));
    }
}
