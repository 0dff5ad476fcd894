package dev.cloudops.versions;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import dev.cloudops.resource.ResourceService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Taking objects under version control on request, listing what is tracked, and letting go. */
@Component
class Tracking {

    private final VersionStore store;
    private final VersionReader reader;
    private final VersionRecorder recorder;
    private final ObservedChanges observed;
    private final AutoTracking auto;
    private final TrackIndex index;
    private final Peers services;

    Tracking(
            VersionStore store,
            VersionReader reader,
            VersionRecorder recorder,
            ObservedChanges observed,
            AutoTracking auto,
            TrackIndex index,
            Peers services) {
        this.store = store;
        this.reader = reader;
        this.recorder = recorder;
        this.observed = observed;
        this.auto = auto;
        this.index = index;
        this.services = services;
    }

    VersionControl.TrackResult track(VersionControl.TrackRequest request) {
        if (request.clusterId() == null) {
            throw ApiException.badRequest("invalid-field", "clusterId is required", "clusterId");
        }
        long clusterId = request.clusterId();
        String namespace = request.namespace() == null || request.namespace().isEmpty()
                ? ResourceService.CLUSTER_SCOPE
                : request.namespace();
        // Reading it checks the kind, name, namespace and the caller's read right, and that it exists.
        Map<String, Object> live = services.resources().get(clusterId, request.kind(), namespace, request.name());
        ApiResourceInfo named = services.kube().resolve(clusterId, request.kind());
        ApiResourceInfo type = auto.preferred(clusterId, named.group(), named.kind());
        ObjectKey key = ObjectKey.of(clusterId, type, live);
        services.access().require(Action.WRITE, clusterId, key.namespaceOrNull());
        if (!type.apiVersion().equals(live.get("apiVersion"))) {
            live = services.kube().get(clusterId, type, key.namespaceOrNull(), key.name());
        }
        VersionStore.ResourceRow existing = store.resource(key).orElse(null);
        boolean created = existing == null || !existing.tracking();
        String by = services.access().current().username();
        if (existing != null && !existing.tracking()) {
            store.setTracking(existing.id(), true);
            index.tracking(key, existing.id(), true);
        }
        recorder.record(new VersionRecorder.Capture(
                key,
                type.apiVersion(),
                recorder.stable(key, live),
                by,
                "track",
                (existing == null ? "tracking started by " : "tracking resumed by ") + by,
                true,
                false));
        observed.watch(clusterId, type);
        return new VersionControl.TrackResult(
                created, reader.tracked(store.resource(key).orElseThrow()));
    }

    Page<TrackedResource> list(Long clusterId, String namespace, String kind, String name, int page, int size) {
        if (clusterId == null) {
            throw ApiException.badRequest("invalid-field", "clusterId is required", "clusterId");
        }
        services.clusters().get(clusterId);
        String ns = namespace == null || namespace.isEmpty() ? null : namespace;
        if (ns != null) {
            services.access().require(Action.READ, clusterId, ResourceService.CLUSTER_SCOPE.equals(ns) ? null : ns);
        }
        var readable = services.access().readableNamespaces(clusterId).orElse(null);
        String kindName = kind == null || kind.isBlank() ? null : kindOf(clusterId, kind);
        var filter = new VersionStore.Filter(
                clusterId,
                readable,
                ResourceService.CLUSTER_SCOPE.equals(ns) ? "" : ns,
                kindName,
                name == null || name.isBlank() ? null : name);
        var rows = store.resources(filter, page * size, size);
        return new Page<>(rows.stream().map(reader::tracked).toList(), page, size, store.countResources(filter));
    }

    /** The Kind a kubectl-style name stands for; the name itself when the cluster cannot say (e.g. it is down). */
    private String kindOf(long clusterId, String kind) {
        try {
            return services.kube().resolve(clusterId, kind).kind();
        } catch (ApiException e) {
            return kind;
        }
    }

    void untrack(long id, boolean purge) {
        VersionStore.ResourceRow r = reader.resource(id, Action.WRITE);
        if (purge) {
            store.deleteResource(r.id());
            index.remove(r.key());
        } else {
            store.setTracking(r.id(), false);
            index.tracking(r.key(), r.id(), false);
        }
    }
}
