package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Watches of whole kinds on a cluster, for features that follow changes as they happen. A watch is an informer:
 * it lists, then watches, and lists again by itself after a dropped connection or an expired resourceVersion.
 * Hot kinds share the informer of their cache; any other kind gets an informer that keeps only each object's key
 * and resourceVersion, so watching every config map of a cluster does not hold them in memory.
 *
 * <p>A watch lives as long as its cluster's connection: when the connection is reopened (new kubeconfig) or
 * closed, its watches end, and callers start them again — {@link #watch} is idempotent and cheap to repeat.
 * Objects in namespaces outside the cluster's namespace restriction are never delivered.
 */
@Service
public class KubeWatches {

    private static final Logger log = LoggerFactory.getLogger(KubeWatches.class);
    private static final long INITIAL_PAGE = 500L;

    /**
     * Receives a watched kind's objects, on the informer's thread: return quickly. Every object present when a
     * watch starts is delivered once as changed.
     */
    public interface Listener {

        /** The object as it now is (added or changed). */
        void changed(long clusterId, ApiResourceInfo type, Map<String, Object> object);

        /**
         * The object was deleted. {@code lastKnown} is its last state for hot kinds; for other kinds only its
         * apiVersion, kind, name and namespace.
         */
        void deleted(long clusterId, ApiResourceInfo type, Map<String, Object> lastKnown);
    }

    private final ClusterConnections connections;

    KubeWatches(ClusterConnections connections) {
        this.connections = connections;
    }

    /**
     * Starts watching every object of {@code type} on the cluster, unless this kind is watched there already.
     *
     * @return true when the watch was started by this call
     */
    public boolean watch(long clusterId, ApiResourceInfo type, Listener listener) {
        ClusterConnection c = connections.connection(clusterId);
        String key = key(type);
        Watch[] created = {null};
        c.watch(key, () -> created[0] = new Watch(c, key, type, listener));
        if (created[0] == null) {
            return false;
        }
        try {
            created[0].begin();
        } catch (RuntimeException e) {
            c.unwatch(key, created[0]);
            throw e;
        }
        return true;
    }

    /** True while a watch of {@code type} runs on the cluster. */
    public boolean isWatching(long clusterId, ApiResourceInfo type) {
        return connections.isConnected(clusterId)
                && connections.connection(clusterId).watching(key(type));
    }

    /** Stops the watch of {@code type} on the cluster, if any. */
    public void stop(long clusterId, ApiResourceInfo type) {
        if (connections.isConnected(clusterId)) {
            connections.connection(clusterId).unwatch(key(type), null);
        }
    }

    /** The ids of the clusters this replica is connected to. */
    public List<Long> connectedClusters() {
        return connections.all().stream().map(c -> c.id).sorted().toList();
    }

    private static String key(ApiResourceInfo type) {
        return type.group() + "/" + type.kind();
    }

    /** One watch: registered first, then begun outside the registry's lock (a cache may take a while to fill). */
    private static final class Watch implements AutoCloseable {

        private final ClusterConnection c;
        private final String key;
        private final ApiResourceInfo type;
        private final Handler<HasMetadata> handler;
        private volatile SharedIndexInformer<? extends HasMetadata> informer;
        private volatile boolean shared;

        Watch(ClusterConnection c, String key, ApiResourceInfo type, Listener listener) {
            this.c = c;
            this.key = key;
            this.type = type;
            this.handler = new Handler<>(c, type, listener);
        }

        @SuppressWarnings("unchecked")
        void begin() {
            CachedKind hot = hotKind(type);
            if (hot != null) {
                var cache = (SharedIndexInformer<HasMetadata>) c.informer(hot);
                shared = true;
                informer = cache;
                cache.addEventHandler(handler);
                return;
            }
            var op = KubeResources.operation(c, type);
            var source = type.namespaced() ? op.inAnyNamespace() : op;
            SharedIndexInformer<GenericKubernetesResource> own =
                    source.withLimit(INITIAL_PAGE).runnableInformer(0);
            own.removeNamespaceIndex().itemStore(new KeyOnlyStore()).addEventHandler(handler);
            // A failed first list ends the informer; the next watch() call starts a new one.
            own.exceptionHandler((started, e) -> started);
            informer = own;
            own.start().whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("Cannot watch {} on cluster {}: {}", type.plural(), c.name, KubeErrors.rootMessage(e));
                    c.unwatch(key, this);
                }
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        public void close() {
            var running = informer;
            if (running == null) {
                return;
            }
            if (shared) {
                ((SharedIndexInformer<HasMetadata>) running).removeEventHandler(handler);
            } else {
                running.close();
            }
        }
    }

    /** The hot kind served by {@code type}'s cache, or null. */
    static CachedKind hotKind(ApiResourceInfo type) {
        for (CachedKind kind : CachedKind.values()) {
            String group =
                    kind == CachedKind.DEPLOYMENTS || kind == CachedKind.STATEFULSETS || kind == CachedKind.DAEMONSETS
                            ? "apps"
                            : "";
            if (kind.plural().equals(type.plural()) && group.equals(type.group())) {
                return kind;
            }
        }
        return null;
    }

    /** Delivers an informer's notifications as maps, within the namespace restriction, never failing it. */
    private static final class Handler<T extends HasMetadata> implements ResourceEventHandler<T> {

        private final ClusterConnection c;
        private final ApiResourceInfo type;
        private final Listener listener;

        Handler(ClusterConnection c, ApiResourceInfo type, Listener listener) {
            this.c = c;
            this.type = type;
            this.listener = listener;
        }

        @Override
        public void onAdd(T object) {
            deliver(object, false);
        }

        @Override
        public void onUpdate(T old, T object) {
            deliver(object, false);
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            deliver(object, true);
        }

        @SuppressWarnings("unchecked")
        private void deliver(T object, boolean deleted) {
            if (object == null || !c.visible(object.getMetadata().getNamespace())) {
                return;
            }
            try {
                Map<String, Object> map = c.client.getKubernetesSerialization().convertValue(object, Map.class);
                map.putIfAbsent("apiVersion", type.apiVersion());
                map.putIfAbsent("kind", type.kind());
                if (deleted) {
                    listener.deleted(c.id, type, map);
                } else {
                    listener.changed(c.id, type, map);
                }
            } catch (RuntimeException e) {
                log.warn("A watch listener failed on {} of cluster {}", type.plural(), c.name, e);
            }
        }
    }
}
