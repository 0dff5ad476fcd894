package dev.cloudops.versions;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.KubeWatches;
import dev.cloudops.platform.error.ApiException;
import jakarta.annotation.PreDestroy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Changes made outside the platform (a {@code kubectl edit}, a controller, another tool) become versions with the
 * author {@code observed}. Every replica watches the tracked kinds of every cluster it is connected to; its own
 * check runs on an interval and starts what is missing (a new cluster, a new CRD, a reconnect). Watch events are
 * filtered in memory ({@link TrackIndex}), queued per object — a burst of events on one object is one piece of work
 * — and handled on one thread: a changed object is read again from the API server before it is recorded, so an
 * event that arrives late (after the platform already recorded a newer state) records nothing. Watches are per
 * replica, not per fleet: with several replicas each sees each change, and content addressing keeps one version.
 */
@Component
class ObservedChanges implements KubeWatches.Listener {

    private static final Logger log = LoggerFactory.getLogger(ObservedChanges.class);

    /** A watched object waiting to be handled: null object for a deletion. */
    private record Pending(ApiResourceInfo type, Map<String, Object> object) {}

    private final KubeWatches watches;
    private final KubeResources kube;
    private final AutoTracking auto;
    private final VersionRecorder recorder;
    private final TrackIndex index;
    private final VersionStore store;
    private final VersionsProperties settings;
    private final Map<ObjectKey, Pending> pending = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "versions-observer");
        t.setDaemon(true);
        return t;
    });
    private boolean draining;

    ObservedChanges(
            KubeWatches watches,
            KubeResources kube,
            AutoTracking auto,
            VersionRecorder recorder,
            TrackIndex index,
            VersionStore store,
            VersionsProperties settings) {
        this.watches = watches;
        this.kube = kube;
        this.auto = auto;
        this.recorder = recorder;
        this.index = index;
        this.store = store;
        this.settings = settings;
    }

    /** Starts the watches every connected cluster needs; runs on every replica (the watches are its own). */
    @Scheduled(
            initialDelayString = "${cloudops.versions.watch-initial-delay:5s}",
            fixedDelayString = "${cloudops.versions.watch-interval:30s}")
    void checkWatches() {
        if (!settings.observe()) {
            return;
        }
        for (long clusterId : watches.connectedClusters()) {
            try {
                checkWatches(clusterId);
            } catch (ApiException e) {
                log.debug("Versions cannot watch cluster {} now: {}", clusterId, e.getMessage());
            }
        }
    }

    void checkWatches(long clusterId) {
        index.load(clusterId, store.index(clusterId));
        for (ApiResourceInfo type : auto.types(clusterId)) {
            watches.watch(clusterId, type, this);
        }
        for (String[] kind : store.trackedKinds(clusterId)) {
            try {
                watches.watch(clusterId, auto.preferred(clusterId, ObjectKey.groupOf(kind[0]), kind[1]), this);
            } catch (ApiException e) {
                log.debug("Tracked kind {} of cluster {} cannot be watched: {}", kind[1], clusterId, e.getMessage());
            }
        }
    }

    /**
     * Makes sure a kind is watched on a cluster, after one of its objects was tracked or changed. A watch that
     * cannot start now is started by the next check.
     */
    void watch(long clusterId, ApiResourceInfo type) {
        if (!settings.observe()) {
            return;
        }
        try {
            if (!index.loaded(clusterId)) {
                index.load(clusterId, store.index(clusterId));
            }
            watches.watch(clusterId, type, this);
        } catch (ApiException e) {
            log.debug("Cannot watch {} on cluster {} now: {}", type.plural(), clusterId, e.getMessage());
        }
    }

    @Override
    public void changed(long clusterId, ApiResourceInfo type, Map<String, Object> object) {
        if (terminating(object)) {
            deleted(clusterId, type, object); // on its way out: recorded as deleted, not as one more change
            return;
        }
        ObjectKey key = ObjectKey.of(clusterId, type, object);
        TrackIndex.Entry entry = index.get(key);
        if (entry == null) {
            if (auto.trackable(clusterId, type, object)) {
                enqueue(key, new Pending(type, object));
            }
            return;
        }
        if (entry.tracking() && !recorder.stable(key, object).hash().equals(entry.hash())) {
            enqueue(key, new Pending(type, object));
        }
    }

    @Override
    public void deleted(long clusterId, ApiResourceInfo type, Map<String, Object> lastKnown) {
        ObjectKey key = ObjectKey.of(clusterId, type, lastKnown);
        TrackIndex.Entry entry = index.get(key);
        if (entry != null && entry.tracking() && !VersionRecorder.DELETED_HASH.equals(entry.hash())) {
            enqueue(key, new Pending(type, null));
        }
    }

    private synchronized void enqueue(ObjectKey key, Pending change) {
        pending.remove(key); // the newest state of an object goes to the back of the line
        pending.put(key, change);
        if (!draining) {
            draining = true;
            worker.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Map.Entry<ObjectKey, Pending> next;
            synchronized (this) {
                Iterator<Map.Entry<ObjectKey, Pending>> it = pending.entrySet().iterator();
                if (!it.hasNext()) {
                    draining = false;
                    return;
                }
                next = it.next();
                it.remove();
            }
            try {
                handle(next.getKey(), next.getValue());
            } catch (RuntimeException e) {
                log.warn("Could not record the observed change of {}: {}", next.getKey(), e.getMessage());
            }
        }
    }

    private void handle(ObjectKey key, Pending change) {
        if (change.object() != null && store.resource(key).isEmpty()) {
            // Not tracked yet: taken up as it was seen, no earlier state to be confused with.
            recorder.record(new VersionRecorder.Capture(
                    key,
                    change.type().apiVersion(),
                    recorder.stable(key, change.object()),
                    VersionRecorder.OBSERVED,
                    "track",
                    "tracking started: found on the cluster",
                    true,
                    true));
            return;
        }
        Map<String, Object> live = read(key, change.type());
        recorder.record(new VersionRecorder.Capture(
                key,
                change.type().apiVersion(),
                recorder.stable(key, live),
                VersionRecorder.OBSERVED,
                VersionRecorder.OBSERVED,
                live == null ? "deleted on the cluster (seen by watch)" : "changed on the cluster (seen by watch)",
                false,
                false));
    }

    /** The object as the API server has it now, or null when it is gone or going. */
    private Map<String, Object> read(ObjectKey key, ApiResourceInfo type) {
        try {
            Map<String, Object> live = kube.get(key.clusterId(), type, key.namespaceOrNull(), key.name());
            return terminating(live) ? null : live;
        } catch (ApiException e) {
            if ("kube-not-found".equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    private static boolean terminating(Map<String, Object> object) {
        return ObjectKey.metadata(object).get("deletionTimestamp") != null;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
