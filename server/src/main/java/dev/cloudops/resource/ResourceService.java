package dev.cloudops.resource;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.kube.PreparedObject;
import dev.cloudops.kube.selector.FieldSelector;
import dev.cloudops.kube.selector.InvalidSelectorException;
import dev.cloudops.kube.selector.LabelSelector;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Generic resources with the platform's rules around them: the cluster must be visible, the caller authorised
 * for the namespace (or the whole cluster), names and selectors valid before anything reaches the cluster. Every
 * object it changes is announced as an {@link ObjectChanged} event.
 */
@Service
public class ResourceService {

    private static final Pattern KIND_NAME = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9.]{0,252}");

    private final ClusterService clusters;
    private final KubeResources kube;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;

    ResourceService(
            ClusterService clusters, KubeResources kube, AccessPolicy access, ApplicationEventPublisher events) {
        this.clusters = clusters;
        this.kube = kube;
        this.access = access;
        this.events = events;
    }

    public List<ApiResourceInfo> discover(long clusterId) {
        clusters.get(clusterId);
        access.require(Action.READ, clusterId, readableScope(clusterId));
        return kube.discover(clusterId);
    }

    public ObjectPage list(
            long clusterId,
            String kind,
            String namespace,
            String labelSelector,
            String fieldSelector,
            int limit,
            String cont) {
        clusters.get(clusterId);
        ApiResourceInfo type = type(clusterId, kind);
        String scope = type.namespaced() ? checkNamespace(namespace) : null;
        if (scope == null) {
            requireClusterWideRead(clusterId, type, namespace);
        } else {
            access.require(Action.READ, clusterId, scope);
        }
        checkSelectors(labelSelector, fieldSelector);
        return kube.list(clusterId, type, scope, labelSelector, fieldSelector, limit, cont);
    }

    public Map<String, Object> get(long clusterId, String kind, String namespace, String name) {
        var target = target(clusterId, kind, namespace, name, Action.READ);
        return kube.get(clusterId, target.type(), target.namespace(), name);
    }

    public List<Map<String, Object>> events(long clusterId, String kind, String namespace, String name) {
        var target = target(clusterId, kind, namespace, name, Action.READ);
        return kube.events(clusterId, target.type(), target.namespace(), name);
    }

    public void delete(long clusterId, String kind, String namespace, String name, String propagation) {
        var target = target(clusterId, kind, namespace, name, Action.WRITE);
        kube.delete(clusterId, target.type(), target.namespace(), name, propagation);
        publish(
                clusterId,
                target.type().apiVersion(),
                target.type().kind(),
                target.namespace(),
                name,
                null,
                ObjectChanged.Operation.DELETE,
                null);
    }

    public Map<String, Object> scale(long clusterId, String kind, String namespace, String name, Integer replicas) {
        if (replicas == null) {
            throw ApiException.badRequest("invalid-replicas", "replicas is required", "replicas");
        }
        var target = target(clusterId, kind, namespace, name, Action.WRITE);
        Map<String, Object> scaled = kube.scale(clusterId, target.type(), target.namespace(), name, replicas);
        publish(clusterId, scaled, ObjectChanged.Operation.SCALE, null);
        return scaled;
    }

    public Map<String, Object> restart(long clusterId, String kind, String namespace, String name) {
        var target = target(clusterId, kind, namespace, name, Action.WRITE);
        Map<String, Object> restarted = kube.restart(clusterId, target.type(), target.namespace(), name);
        publish(clusterId, restarted, ObjectChanged.Operation.RESTART, null);
        return restarted;
    }

    /**
     * Applies a multi-document manifest. Every document is parsed, resolved, authorised and dry-run first; one
     * bad document means nothing is applied, and the answer names it.
     */
    public List<ApplyOutcome> apply(long clusterId, String manifest, String defaultNamespace, boolean dryRun) {
        clusters.get(clusterId);
        if (defaultNamespace != null) {
            checkNamespace(defaultNamespace);
        }
        List<Map<String, Object>> documents = ManifestParser.parse(manifest);
        List<PreparedObject> prepared = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            PreparedObject p = kube.prepare(clusterId, i, documents.get(i), defaultNamespace);
            access.require(Action.WRITE, clusterId, p.namespace());
            prepared.add(p);
        }
        return kube.apply(
                clusterId,
                prepared,
                dryRun,
                false,
                (outcome, object) -> publish(clusterId, object, ObjectChanged.Operation.APPLY, null));
    }

    /**
     * Writes one whole object as it is: checked, authorised and dry-run like an applied document, then created
     * or replaced, so that fields it leaves out are removed from the live object (a rollback to an older
     * version). {@code cause} travels with the {@link ObjectChanged} event.
     */
    public ApplyOutcome replace(
            long clusterId, Map<String, Object> object, boolean dryRun, ObjectChanged.ChangeCause cause) {
        clusters.get(clusterId);
        PreparedObject p = kube.prepare(clusterId, 0, object, null);
        access.require(Action.WRITE, clusterId, p.namespace());
        return kube.apply(
                        clusterId,
                        List.of(p),
                        dryRun,
                        true,
                        (outcome, written) -> publish(clusterId, written, ObjectChanged.Operation.REPLACE, cause))
                .get(0);
    }

    private void publish(
            long clusterId,
            Map<String, Object> object,
            ObjectChanged.Operation operation,
            ObjectChanged.ChangeCause cause) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        publish(
                clusterId,
                String.valueOf(object.get("apiVersion")),
                String.valueOf(object.get("kind")),
                namespace == null ? null : namespace.toString(),
                String.valueOf(metadata.get("name")),
                object,
                operation,
                cause);
    }

    private void publish(
            long clusterId,
            String apiVersion,
            String kind,
            String namespace,
            String name,
            Map<String, Object> object,
            ObjectChanged.Operation operation,
            ObjectChanged.ChangeCause cause) {
        events.publishEvent(new ObjectChanged(
                clusterId,
                apiVersion,
                kind,
                namespace,
                name,
                object,
                access.current().username(),
                operation,
                cause));
    }

    private record Target(ApiResourceInfo type, String namespace) {}

    private Target target(long clusterId, String kind, String namespace, String name, Action action) {
        clusters.get(clusterId);
        ApiResourceInfo type = type(clusterId, kind);
        if (!KubeNames.isDnsSubdomain(name)) {
            throw ApiException.badRequest("invalid-name", "'" + name + "' is not a valid object name", "name");
        }
        String scope = null;
        if (type.namespaced()) {
            if (namespace == null || CLUSTER_SCOPE.equals(namespace)) {
                throw ApiException.badRequest(
                        "namespace-required", type.kind() + " is namespaced: name a namespace", "namespace");
            }
            scope = checkNamespace(namespace);
        } else if (namespace != null && !CLUSTER_SCOPE.equals(namespace)) {
            throw ApiException.badRequest(
                    "cluster-scoped",
                    type.kind() + " is cluster-scoped: use '" + CLUSTER_SCOPE + "' as the namespace",
                    "namespace");
        }
        access.require(action, clusterId, scope);
        return new Target(type, scope);
    }

    /** Path segment standing for "no namespace" in the paths of cluster-scoped objects. */
    public static final String CLUSTER_SCOPE = "_";

    private ApiResourceInfo type(long clusterId, String kind) {
        if (kind == null || !KIND_NAME.matcher(kind).matches()) {
            throw ApiException.badRequest("unknown-kind", "'" + kind + "' is not a kind name", "kind");
        }
        return kube.resolve(clusterId, kind);
    }

    private void requireClusterWideRead(long clusterId, ApiResourceInfo type, String namespace) {
        if (access.readableNamespaces(clusterId).isPresent()) {
            throw ApiException.forbidden(
                    "forbidden",
                    "Listing " + type.plural() + (type.namespaced() ? " across all namespaces" : "")
                            + " needs a cluster-wide grant; name one of your namespaces");
        }
    }

    private String readableScope(long clusterId) {
        return access.readableNamespaces(clusterId)
                .flatMap(set -> set.stream().findFirst())
                .orElse(null);
    }

    static String checkNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return null;
        }
        if (!KubeNames.isDnsLabel(namespace)) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + namespace + "' is not a valid namespace name", "namespace");
        }
        return namespace;
    }

    static void checkSelectors(String labelSelector, String fieldSelector) {
        try {
            LabelSelector.parse(labelSelector);
        } catch (InvalidSelectorException e) {
            throw ApiException.badRequest("invalid-selector", e.getMessage(), "labelSelector");
        }
        try {
            FieldSelector.parse(fieldSelector);
        } catch (InvalidSelectorException e) {
            throw ApiException.badRequest("invalid-selector", e.getMessage(), "fieldSelector");
        }
    }
}
