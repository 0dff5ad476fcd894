package dev.cloudops.versions;

import dev.cloudops.cluster.ClusterEvents;
import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.resource.ObjectChanged;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Changes made through the platform become versions credited to their user: every {@link ObjectChanged} of a
 * tracked object, or of one whose kind is tracked automatically, is recorded in the caller's thread, and its kind
 * is watched from then on. The change was already made: a failure here is logged, never thrown back at it (the
 * watch records the change later).
 */
@Component
class PlatformChanges {

    private static final Logger log = LoggerFactory.getLogger(PlatformChanges.class);

    private final VersionStore store;
    private final VersionRecorder recorder;
    private final AutoTracking auto;
    private final ObservedChanges observed;
    private final KubeResources kube;
    private final TrackIndex index;

    PlatformChanges(
            VersionStore store,
            VersionRecorder recorder,
            AutoTracking auto,
            ObservedChanges observed,
            KubeResources kube,
            TrackIndex index) {
        this.store = store;
        this.recorder = recorder;
        this.auto = auto;
        this.observed = observed;
        this.kube = kube;
        this.index = index;
    }

    @EventListener
    void changed(ObjectChanged event) {
        try {
            record(event);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record a version of {} {}/{} on cluster {}: {}",
                    event.kind(),
                    event.namespace(),
                    event.name(),
                    event.clusterId(),
                    e.getMessage());
        }
    }

    private void record(ObjectChanged event) {
        long clusterId = event.clusterId();
        ApiResourceInfo type = auto.preferred(clusterId, ObjectKey.groupOf(event.apiVersion()), event.kind());
        ObjectKey key = ObjectKey.of(clusterId, event.apiVersion(), event.kind(), event.namespace(), event.name());
        boolean tracked = store.resource(key).isPresent();
        boolean start = !tracked && event.object() != null && auto.trackable(clusterId, type, event.object());
        if (!tracked && !start) {
            return;
        }
        Map<String, Object> object = event.object();
        if (object != null && !type.apiVersion().equals(event.apiVersion())) {
            // Versions keep the kind's preferred version, as the watch reads it; another would differ in apiVersion.
            object = kube.get(clusterId, type, key.namespaceOrNull(), key.name());
        }
        String source = event.cause() != null
                ? event.cause().source()
                : event.operation().name().toLowerCase(Locale.ROOT);
        String changeLog = event.cause() != null ? event.cause().changeLog() : source + " by " + event.username();
        recorder.record(new VersionRecorder.Capture(
                key,
                type.apiVersion(),
                recorder.stable(key, object),
                event.username(),
                source,
                changeLog,
                start,
                true));
        observed.watch(clusterId, type);
    }

    /** A cluster left the registry: its tracked objects and their history go with it. */
    @EventListener
    void clusterDeleted(ClusterEvents.ClusterDeleted event) {
        int removed = store.deleteCluster(event.clusterId());
        index.dropCluster(event.clusterId());
        auto.forget(event.clusterId());
        if (removed > 0) {
            log.info("Removed {} tracked resources of deleted cluster {}", removed, event.name());
        }
    }
}
