package dev.cloudops.kube;

import dev.cloudops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;

/**
 * The generic resource operator: any kind the cluster's discovery knows, by name or by apiVersion and kind.
 * Objects cross this boundary as JSON-ready maps; Kubernetes errors leave it translated.
 */
@Service
public class KubeResources {

    private static final Set<String> SCALABLE = Set.of("deployments", "statefulsets", "replicasets");
    private static final Set<String> RESTARTABLE = Set.of("deployments", "statefulsets", "daemonsets");

    private final ClusterConnections connections;
    private final Clock clock;

    KubeResources(ClusterConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Every kind the cluster serves (cached for a few minutes). */
    public List<ApiResourceInfo> discover(long clusterId) {
        ClusterConnection c = connections.connection(clusterId);
        return c.discovery(() -> c.call("discovery", () -> Discovery.read(c.client)));
    }

    /** The kind a user names as kubectl would accept it ({@code pods}, {@code deploy}, {@code deployments.apps}). */
    public ApiResourceInfo resolve(long clusterId, String name) {
        return discover(clusterId).stream()
                .filter(r -> r.answersTo(name))
                .findFirst()
                .orElseThrow(() -> unknownKind("The cluster serves no kind named '" + name + "'"));
    }

    /** Forgets the cluster's cached discovery, so that kinds of CRDs created a moment ago resolve. */
    public void refreshDiscovery(long clusterId) {
        connections.connection(clusterId).forgetDiscovery();
    }

    /**
     * True when applying {@code desired} over {@code live} would change nothing: every field the desired object
     * sets (status and server-managed metadata aside) has that value in the live one. The rule {@link #apply}
     * uses to answer {@code UNCHANGED}.
     */
    public static boolean satisfies(Map<String, Object> live, Map<String, Object> desired) {
        return Subset.liveSatisfies(live, desired);
    }

    /** The kind a manifest names by apiVersion and kind. */
    public ApiResourceInfo resolve(long clusterId, String apiVersion, String kind) {
        return discover(clusterId).stream()
                .filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> unknownKind("The cluster serves no kind " + kind + " in " + apiVersion));
    }

    public ObjectPage list(
            long clusterId,
            ApiResourceInfo type,
            String namespace,
            String labelSelector,
            String fieldSelector,
            long limit,
            String continueToken) {
        ClusterConnection c = connections.connection(clusterId);
        var options = new ListOptionsBuilder()
                .withLabelSelector(blankToNull(labelSelector))
                .withFieldSelector(blankToNull(fieldSelector))
                .withLimit(limit)
                .withContinue(blankToNull(continueToken))
                .build();
        var op = operation(c, type);
        GenericKubernetesResourceList list = c.call(
                "list",
                () -> namespace == null || !type.namespaced()
                        ? op.inAnyNamespace().list(options)
                        : op.inNamespace(namespace).list(options));
        var items = list.getItems().stream()
                .filter(o -> c.visible(o.getMetadata().getNamespace()))
                .map(o -> toMap(c, o))
                .toList();
        var meta = list.getMetadata();
        String next =
                meta == null || meta.getContinue() == null || meta.getContinue().isEmpty() ? null : meta.getContinue();
        return new ObjectPage(items, next, meta == null ? null : meta.getRemainingItemCount());
    }

    public Map<String, Object> get(long clusterId, ApiResourceInfo type, String namespace, String name) {
        ClusterConnection c = connections.connection(clusterId);
        GenericKubernetesResource found =
                c.call("get", () -> resource(c, type, namespace, name).get());
        if (found == null) {
            throw notFound(type, namespace, name);
        }
        return toMap(c, found);
    }

    /**
     * Checks one manifest document without writing: apiVersion, kind (against discovery), name and namespace.
     *
     * @param defaultNamespace namespace for namespaced documents that name none
     */
    public PreparedObject prepare(long clusterId, int index, Map<String, Object> document, String defaultNamespace) {
        String where = "document " + (index + 1);
        String apiVersion = text(document.get("apiVersion"));
        String kind = text(document.get("kind"));
        if (apiVersion == null || kind == null) {
            throw invalidDocument(index, where + " has no apiVersion or kind");
        }
        ApiResourceInfo type;
        try {
            type = resolve(clusterId, apiVersion, kind);
        } catch (ApiException e) {
            throw ApiException.badRequest("unknown-kind", where + ": " + e.getMessage(), "documents[" + index + "]");
        }
        Map<?, ?> metadata = document.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String name = text(metadata.get("name"));
        if (!KubeNames.isDnsSubdomain(name)) {
            throw invalidDocument(
                    index,
                    where + " (" + kind + ") has an invalid metadata.name '" + name
                            + "': it must be a lower-case RFC 1123 name");
        }
        String namespace = null;
        if (type.namespaced()) {
            namespace = text(metadata.get("namespace"));
            if (namespace == null) {
                namespace = defaultNamespace == null ? "default" : defaultNamespace;
            }
            if (!KubeNames.isDnsLabel(namespace)) {
                throw invalidDocument(
                        index, where + " (" + kind + " " + name + ") has an invalid namespace '" + namespace + "'");
            }
        }
        ClusterConnection c = connections.connection(clusterId);
        if (!c.visible(namespace)) {
            throw ApiException.forbidden(
                    "namespace-restricted",
                    where + " (" + kind + " " + name + ") targets namespace " + namespace
                            + ", outside this cluster's namespace restriction");
        }
        GenericKubernetesResource object =
                c.client.getKubernetesSerialization().convertValue(document, GenericKubernetesResource.class);
        object.getMetadata().setNamespace(namespace);
        return new PreparedObject(index, type, namespace, name, object);
    }

    /**
     * Applies prepared documents in order. All of them are first sent as a server-side dry run, so that one
     * the API server rejects stops the batch before anything is written; {@code dryRun} stops there.
     */
    public List<ApplyOutcome> apply(long clusterId, List<PreparedObject> objects, boolean dryRun) {
        return apply(clusterId, objects, dryRun, false, (outcome, object) -> {});
    }

    /**
     * Applies prepared documents as {@link #apply(long, List, boolean)} does, and hands every object actually
     * written (created or replaced, not in a dry run) to {@code written} as the API server answered it.
     *
     * @param replace true to write the documents as they are whenever the object exists: fields the document
     *     leaves out are removed (a rollback to an older version). False writes only when the live object lacks
     *     something the document says.
     */
    public List<ApplyOutcome> apply(
            long clusterId,
            List<PreparedObject> objects,
            boolean dryRun,
            boolean replace,
            BiConsumer<ApplyOutcome, Map<String, Object>> written) {
        ClusterConnection c = connections.connection(clusterId);
        List<ApplyOutcome> planned = new ArrayList<>();
        Set<String> namespacesInBatch = new HashSet<>();
        for (PreparedObject p : objects) {
            try {
                planned.add(applyOne(c, p, true, replace).outcome());
            } catch (ApiException e) {
                int status = e.status().value();
                if (status != 400 && status != 404 && status != 409 && status != 422) {
                    throw e; // not about the document: access, rate limits, an unavailable cluster
                }
                boolean namespaceComesEarlier =
                        "kube-not-found".equals(e.code()) && namespacesInBatch.contains(p.namespace());
                if (!namespaceComesEarlier) {
                    throw invalidDocument(
                            p.index(),
                            "document " + (p.index() + 1) + " (" + p.type().kind() + " " + p.name() + ") was rejected: "
                                    + e.getMessage());
                }
                planned.add(new ApplyOutcome(
                        p.index(),
                        p.type().apiVersion(),
                        p.type().kind(),
                        p.namespace(),
                        p.name(),
                        ApplyOutcome.Result.CREATED));
            }
            if (p.type().group().isEmpty() && p.type().kind().equals("Namespace")) {
                namespacesInBatch.add(p.name());
            }
        }
        if (dryRun) {
            return planned;
        }
        List<ApplyOutcome> done = new ArrayList<>();
        for (PreparedObject p : objects) {
            Applied applied = applyOne(c, p, false, replace);
            done.add(applied.outcome());
            if (applied.written() != null) {
                written.accept(applied.outcome(), toMap(c, applied.written()));
            }
        }
        return done;
    }

    /** What applying one document did, and the object as written (null when nothing was written). */
    private record Applied(ApplyOutcome outcome, GenericKubernetesResource written) {}

    private Applied applyOne(ClusterConnection c, PreparedObject p, boolean dryRun, boolean replace) {
        Resource<GenericKubernetesResource> target = resource(c, p.type(), p.namespace(), p.name());
        GenericKubernetesResource live = c.call("get", target::get);
        GenericKubernetesResource desired = p.object();
        ApplyOutcome.Result result;
        GenericKubernetesResource written = null;
        if (live == null) {
            written = c.call("create", () -> dryRun ? target.dryRun().create(desired) : target.create(desired));
            result = ApplyOutcome.Result.CREATED;
        } else if (!replace && Subset.liveSatisfies(toMap(c, live), toMap(c, desired))) {
            result = ApplyOutcome.Result.UNCHANGED;
        } else {
            GenericKubernetesResource replacement =
                    c.client.getKubernetesSerialization().clone(desired);
            replacement.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
            var op = operation(c, p.type());
            var scoped = p.namespace() == null
                    ? op.resource(replacement)
                    : op.inNamespace(p.namespace()).resource(replacement);
            written = c.call("update", () -> dryRun ? scoped.dryRun().update() : scoped.update());
            result = ApplyOutcome.Result.CONFIGURED;
        }
        return new Applied(
                new ApplyOutcome(p.index(), p.type().apiVersion(), p.type().kind(), p.namespace(), p.name(), result),
                dryRun ? null : written);
    }

    public void delete(long clusterId, ApiResourceInfo type, String namespace, String name, String propagation) {
        DeletionPropagation policy = propagation(propagation);
        ClusterConnection c = connections.connection(clusterId);
        var deleted = c.call(
                "delete",
                () -> resource(c, type, namespace, name)
                        .withPropagationPolicy(policy)
                        .delete());
        if (deleted == null || deleted.isEmpty()) {
            throw notFound(type, namespace, name);
        }
    }

    /** Events about one object, oldest first, from the cluster's event cache. */
    public List<Map<String, Object>> events(long clusterId, ApiResourceInfo type, String namespace, String name) {
        Map<String, Object> object = get(clusterId, type, namespace, name);
        Object uid = ((Map<?, ?>) object.get("metadata")).get("uid");
        ClusterConnection c = connections.connection(clusterId);
        // Rows first: only the events of this namespace are rebuilt whole.
        return c.rows(CachedKind.EVENTS)
                .filter(r -> namespace == null || namespace.equals(r.namespace()))
                .map(r -> (io.fabric8.kubernetes.api.model.Event) c.cachedObject(CachedKind.EVENTS, r.key()))
                .filter(java.util.Objects::nonNull)
                .filter(e -> e.getInvolvedObject() != null
                        && name.equals(e.getInvolvedObject().getName())
                        && type.kind().equals(e.getInvolvedObject().getKind())
                        && (namespace == null
                                || namespace.equals(e.getMetadata().getNamespace()))
                        && (uid == null
                                || e.getInvolvedObject().getUid() == null
                                || uid.equals(e.getInvolvedObject().getUid())))
                .sorted(java.util.Comparator.comparing(KubeResources::eventTime))
                .map(e -> toMap(c, e))
                .toList();
    }

    private static String eventTime(io.fabric8.kubernetes.api.model.Event e) {
        String last = e.getLastTimestamp();
        return last != null ? last : String.valueOf(e.getMetadata().getCreationTimestamp());
    }

    /** Sets spec.replicas of a Deployment, StatefulSet or ReplicaSet. */
    public Map<String, Object> scale(
            long clusterId, ApiResourceInfo type, String namespace, String name, int replicas) {
        if (!SCALABLE.contains(type.plural()) || !type.group().equals("apps")) {
            throw ApiException.badRequest(
                    "not-scalable",
                    type.kind() + " cannot be scaled; scale deployments, statefulsets or replicasets",
                    "kind");
        }
        if (replicas < 0 || replicas > 10_000) {
            throw ApiException.badRequest("invalid-replicas", "replicas must be between 0 and 10000", "replicas");
        }
        return patch(clusterId, type, namespace, name, "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    /** Rolls a workload's pods the way {@code kubectl rollout restart} does: a new template annotation. */
    public Map<String, Object> restart(long clusterId, ApiResourceInfo type, String namespace, String name) {
        if (!RESTARTABLE.contains(type.plural()) || !type.group().equals("apps")) {
            throw ApiException.badRequest(
                    "not-restartable",
                    type.kind() + " cannot be restarted; restart deployments, statefulsets or daemonsets",
                    "kind");
        }
        String patch =
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\""
                        + clock.instant() + "\"}}}}}";
        return patch(clusterId, type, namespace, name, patch);
    }

    /** The summary rows of a hot kind from the cluster's informer cache, within its namespace restriction. */
    public List<CachedRow> cachedRows(long clusterId, CachedKind kind) {
        ClusterConnection c = connections.connection(clusterId);
        return c.rows(kind).filter(r -> c.visible(r.namespace())).toList();
    }

    /** One object of a hot kind from the cache, whole, as a JSON-ready map; null when it is gone. */
    public Map<String, Object> cachedObject(long clusterId, CachedKind kind, CachedRow row) {
        ClusterConnection c = connections.connection(clusterId);
        HasMetadata object = c.cachedObject(kind, row.key());
        return object == null ? null : toMap(c, object);
    }

    /** A cached object as a JSON-ready map. */
    public Map<String, Object> toMap(long clusterId, Object object) {
        return toMap(connections.connection(clusterId), object);
    }

    private Map<String, Object> patch(
            long clusterId, ApiResourceInfo type, String namespace, String name, String json) {
        ClusterConnection c = connections.connection(clusterId);
        get(clusterId, type, namespace, name);
        GenericKubernetesResource patched = c.call(
                "patch", () -> resource(c, type, namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), json));
        return toMap(c, patched);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(ClusterConnection c, Object object) {
        return (Map<String, Object>) c.client.getKubernetesSerialization().convertValue(object, Map.class);
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(ClusterConnection c, ApiResourceInfo type) {
        var context = new ResourceDefinitionContext.Builder()
                .withGroup(type.group())
                .withVersion(type.version())
                .withKind(type.kind())
                .withPlural(type.plural())
                .withNamespaced(type.namespaced())
                .build();
        return c.client.genericKubernetesResources(context);
    }

    private static Resource<GenericKubernetesResource> resource(
            ClusterConnection c, ApiResourceInfo type, String namespace, String name) {
        var op = operation(c, type);
        if (type.namespaced()) {
            if (namespace == null) {
                throw ApiException.badRequest(
                        "namespace-required", type.kind() + " is namespaced: name a namespace", "namespace");
            }
            return op.inNamespace(namespace).withName(name);
        }
        return op.withName(name);
    }

    private static DeletionPropagation propagation(String value) {
        if (value == null || value.isBlank()) {
            return DeletionPropagation.BACKGROUND;
        }
        for (DeletionPropagation p : DeletionPropagation.values()) {
            if (p.toString().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw ApiException.badRequest(
                "invalid-propagation",
                "propagationPolicy must be Foreground, Background or Orphan",
                "propagationPolicy");
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ApiException unknownKind(String detail) {
        return ApiException.badRequest("unknown-kind", detail, "kind");
    }

    private static ApiException notFound(ApiResourceInfo type, String namespace, String name) {
        return ApiException.notFound(
                "kube-not-found", type.kind() + " " + (namespace == null ? "" : namespace + "/") + name + " not found");
    }

    private static ApiException invalidDocument(int index, String detail) {
        return ApiException.unprocessable("invalid-document", detail, "documents[" + index + "]");
    }
}
