package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered cluster's client, informer caches and metrics. Every call goes through {@link #call}, which
 * times it, counts its errors and translates them once.
 */
final class ClusterConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);

    final long id;
    final String name;
    final KubernetesClient client;
    private final Set<String> namespaces;
    private final MeterRegistry meters;
    private final Duration syncTimeout;
    private final Map<CachedKind, HotCache> informers = new ConcurrentHashMap<>();
    /** Running watches of {@link KubeWatches}, by key; they end with this connection. */
    private final Map<String, AutoCloseable> watches = new ConcurrentHashMap<>();

    private volatile List<ApiResourceInfo> discovered;
    private volatile long discoveredAt;

    ClusterConnection(ClusterSpec spec, KubernetesClient client, MeterRegistry meters, Duration syncTimeout) {
        this.id = spec.id();
        this.name = spec.name();
        this.client = client;
        this.namespaces = spec.namespaces();
        this.meters = meters;
        this.syncTimeout = syncTimeout;
    }

    <T> T call(String verb, Supplier<T> operation) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "success";
        try {
            return operation.get();
        } catch (RuntimeException e) {
            var translated = KubeErrors.translate(name, e);
            outcome = translated.code();
            Counter.builder("cloudops.kube.errors")
                    .description("Failed Kubernetes API calls")
                    .tag("cluster", name)
                    .tag("verb", verb)
                    .tag("code", translated.code())
                    .register(meters)
                    .increment();
            throw translated;
        } finally {
            sample.stop(Timer.builder("cloudops.kube.requests")
                    .description("Latency of Kubernetes API calls")
                    .tag("cluster", name)
                    .tag("verb", verb)
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }

    /** The cluster's kinds, read again when older than five minutes (CRDs come and go). */
    List<ApiResourceInfo> discovery(Supplier<List<ApiResourceInfo>> reader) {
        long now = System.nanoTime();
        List<ApiResourceInfo> current = discovered;
        if (current == null || now - discoveredAt > TimeUnit.MINUTES.toNanos(5)) {
            current = reader.get();
            discovered = current;
            discoveredAt = now;
        }
        return current;
    }

    /** Forgets discovery so the next lookup reads it again (after a kind was not found). */
    void forgetDiscovery() {
        discovered = null;
    }

    /** True when the namespace restriction lets the platform see objects of this namespace. */
    boolean visible(String namespace) {
        return namespaces.isEmpty() || namespace == null || namespaces.contains(namespace);
    }

    Set<String> restriction() {
        return namespaces;
    }

    /** A started informer and its store. */
    private record HotCache(
            SharedIndexInformer<? extends HasMetadata> informer, CompactStore<? extends HasMetadata> store) {}

    /** The synced cache of a hot kind, started on first use; objects are rebuilt whole, so prefer {@link #rows}. */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> List<T> cached(CachedKind kind) {
        return ((CompactStore<T>) cache(kind).store()).values().toList();
    }

    /** The summary rows of a hot kind's cache, without rebuilding any object. */
    Stream<CachedRow> rows(CachedKind kind) {
        return cache(kind).store().rows();
    }

    /** One cached object, rebuilt whole, or null. */
    HasMetadata cachedObject(CachedKind kind, String key) {
        return cache(kind).store().get(key);
    }

    /** The running informer of a hot kind's cache (started on first use). */
    SharedIndexInformer<? extends HasMetadata> informer(CachedKind kind) {
        return cache(kind).informer();
    }

    /** Starts the watch {@code key} unless it runs already; true when it was started now. */
    boolean watch(String key, Supplier<AutoCloseable> starter) {
        boolean[] started = {false};
        watches.computeIfAbsent(key, k -> {
            started[0] = true;
            return starter.get();
        });
        return started[0];
    }

    boolean watching(String key) {
        return watches.containsKey(key);
    }

    /** Stops the watch {@code key} if it runs; {@code only} limits it to that very watch (null: whichever). */
    void unwatch(String key, AutoCloseable only) {
        AutoCloseable running = only == null ? watches.remove(key) : (watches.remove(key, only) ? only : null);
        if (running != null) {
            closeQuietly(running);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing a watch failed", e);
        }
    }

    private HotCache cache(CachedKind kind) {
        return informers.computeIfAbsent(kind, k -> call("inform", () -> start(k)));
    }

    private HotCache start(CachedKind kind) {
        CompactStore<? extends HasMetadata> store =
                new CompactStore<>(client.getKubernetesSerialization(), typeOf(kind));
        SharedIndexInformer<? extends HasMetadata> informer = informer(kind, store);
        boolean permitted = false;
        try {
            permitted = INITIAL_LISTS.tryAcquire(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!permitted) {
                throw new java.util.concurrent.TimeoutException("too many caches are filling");
            }
            informer.start().toCompletableFuture().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            informer.close();
            throw KubeErrors.unavailable(name, e);
        } catch (Exception e) {
            informer.close();
            throw KubeErrors.unavailable(name, e);
        } finally {
            if (permitted) {
                INITIAL_LISTS.release();
            }
        }
        Gauge.builder("cloudops.kube.cache.size", store, CompactStore::size)
                .description("Objects held in an informer cache")
                .tag("cluster", name)
                .tag("kind", kind.plural())
                .register(meters);
        log.info("Started {} cache of cluster {}", kind.plural(), name);
        return new HotCache(informer, store);
    }

    /**
     * The initial list is paged (500 a page) so a big cluster does not arrive as one huge answer; lists read the
     * whole store, so the namespace index would only cost memory.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private SharedIndexInformer<? extends HasMetadata> informer(CachedKind kind, CompactStore store) {
        SharedIndexInformer informer = source(kind).withLimit(INITIAL_PAGE).runnableInformer(0);
        return informer.removeNamespaceIndex().itemStore(store);
    }

    private static final long INITIAL_PAGE = 500L;

    /**
     * An informer holds its whole initial list as full objects until it is stored compactly; filling many caches
     * at once (the first fleet list over many clusters) would hold them all together. Two at a time bounds it.
     */
    private static final java.util.concurrent.Semaphore INITIAL_LISTS = new java.util.concurrent.Semaphore(2);

    private static Class<? extends HasMetadata> typeOf(CachedKind kind) {
        return switch (kind) {
            case NODES -> io.fabric8.kubernetes.api.model.Node.class;
            case NAMESPACES -> io.fabric8.kubernetes.api.model.Namespace.class;
            case PODS -> io.fabric8.kubernetes.api.model.Pod.class;
            case DEPLOYMENTS -> io.fabric8.kubernetes.api.model.apps.Deployment.class;
            case STATEFULSETS -> io.fabric8.kubernetes.api.model.apps.StatefulSet.class;
            case DAEMONSETS -> io.fabric8.kubernetes.api.model.apps.DaemonSet.class;
            case SERVICES -> io.fabric8.kubernetes.api.model.Service.class;
            case EVENTS -> io.fabric8.kubernetes.api.model.Event.class;
        };
    }

    private io.fabric8.kubernetes.client.dsl.Informable<? extends HasMetadata> source(CachedKind kind) {
        return switch (kind) {
            case NODES -> client.nodes();
            case NAMESPACES -> client.namespaces();
            case PODS -> anyNamespace(client.pods());
            case DEPLOYMENTS -> anyNamespace(client.apps().deployments());
            case STATEFULSETS -> anyNamespace(client.apps().statefulSets());
            case DAEMONSETS -> anyNamespace(client.apps().daemonSets());
            case SERVICES -> anyNamespace(client.services());
            case EVENTS -> anyNamespace(client.v1().events());
        };
    }

    private static <T extends HasMetadata> io.fabric8.kubernetes.client.dsl.Informable<T> anyNamespace(
            MixedOperation<T, ?, ?> operation) {
        return operation.inAnyNamespace();
    }

    @Override
    public void close() {
        watches.values().forEach(ClusterConnection::closeQuietly);
        watches.clear();
        informers.values().forEach(c -> c.informer().close());
        informers.clear();
        meters.getMeters().stream()
                .filter(m -> name.equals(m.getId().getTag("cluster")))
                .forEach(meters::remove);
        client.close();
    }
}
