package dev.cloudops.cluster;

import dev.cloudops.kube.ClusterConnections;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.ProbeResult;
import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Registers, changes and removes clusters. A kubeconfig is validated and its API server reached before
 * anything is stored; it is stored sealed and never handed back.
 */
@Service
public class ClusterService {

    private static final Pattern ENV = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,31}");
    private static final int MAX_TAGS = 20;

    private final ClusterStore store;
    private final ClusterConnections connections;
    private final RegistryFollower follower;
    private final SecretSealer sealer;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClusterService(
            ClusterStore store,
            ClusterConnections connections,
            RegistryFollower follower,
            SecretSealer sealer,
            AccessPolicy access,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.follower = follower;
        this.sealer = sealer;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    public ClusterView create(ClusterRequest request) {
        access.requirePlatformAdmin();
        return register(request, false);
    }

    /**
     * Registers the simulated demo cluster at start-up, without a caller. It listens on a new port at every
     * start, so an existing record of that name is pointed at the new server, keeping its id.
     */
    public ClusterView registerSimulated(ClusterRequest request) {
        var existing = store.findByName(request.name());
        if (existing.isEmpty()) {
            return register(request, true);
        }
        ClusterView old = existing.get().view();
        if (!old.simulated()) {
            throw duplicate(request.name()); // a real cluster of that name is never taken over by the simulation
        }
        ProbeResult probe = connections.probe(request.kubeconfig(), request.context());
        Instant now = clock.instant();
        var view = ClusterView.probed(
                old.id(), old.name(), old.env(), old.tags(), old.namespaces(), probe, true, old.createdAt(), now);
        store.update(view, sealer.seal(request.kubeconfig()));
        if (old.status() != ClusterStatus.Healthy) {
            store.recordStatusChange(old.id(), old.status(), ClusterStatus.Healthy, "simulated cluster restarted", now);
        }
        follower.sync(old.id());
        return store.find(old.id()).orElseThrow().view();
    }

    /**
     * Registers a cluster whose credentials a cloud provider issues (the {@code cloud} feature), without a
     * caller check of its own: the cloud feature has checked the user's rights on the cloud account, or runs a
     * job that such a user started. Validated and probed like any registration.
     */
    public ClusterView registerManaged(ClusterRequest request) {
        return register(request, false);
    }

    /**
     * Stores renewed credentials of a cloud-managed cluster (a fresh token before the old one expires) and
     * reconnects this replica's client; other replicas follow within their follow interval. Nothing is probed:
     * the health sync reports a cluster the new credentials do not open.
     */
    public void renewKubeconfig(long id, String kubeconfig) {
        ClusterStore.Row row =
                store.find(id).orElseThrow(() -> ApiException.notFound("cluster-not-found", "No cluster " + id));
        ClusterView old = row.view();
        store.update(
                new ClusterView(
                        id,
                        old.name(),
                        old.context(),
                        old.env(),
                        old.tags(),
                        old.namespaces(),
                        old.serverUrl(),
                        old.version(),
                        old.nodeCount(),
                        old.status(),
                        old.statusMessage(),
                        old.simulated(),
                        old.lastSeenAt(),
                        old.createdAt(),
                        clock.instant()),
                sealer.seal(kubeconfig));
        follower.sync(id);
    }

    /** Removes a cloud-managed cluster whose cloud cluster is gone or no longer managed; unknown ids are ignored. */
    public void removeManaged(long id) {
        store.find(id).ifPresent(row -> {
            store.delete(id);
            follower.sync(id);
            events.publishEvent(new ClusterEvents.ClusterDeleted(id, row.view().name()));
        });
    }

    private ClusterView register(ClusterRequest request, boolean simulated) {
        String name = checkName(request.name());
        List<String> tags = checkTags(request.tags());
        List<String> namespaces = checkNamespaces(request.namespaces());
        String env = checkEnv(request.env());
        if (store.findByName(name).isPresent()) {
            throw duplicate(name);
        }
        ProbeResult probe = connections.probe(request.kubeconfig(), request.context());
        Instant now = clock.instant();
        var view = ClusterView.probed(0, name, env, tags, namespaces, probe, simulated, now, now);
        long id;
        try {
            id = store.insert(view, sealer.seal(request.kubeconfig()));
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        store.recordStatusChange(id, null, ClusterStatus.Healthy, "registered", now);
        follower.sync(id);
        return store.find(id).orElseThrow().view();
    }

    public Page<ClusterView> list(String env, ClusterStatus status, String q, int page, int size) {
        var filter = new ClusterStore.Filter(env, status, q, visibleIds());
        return new Page<>(store.list(filter, page * size, size), page, size, store.count(filter));
    }

    public ClusterView get(long id) {
        return visibleRow(id).view();
    }

    /** Every registered cluster the caller may see, for fan-out across the fleet. */
    public List<ClusterView> visibleClusters() {
        var filter = new ClusterStore.Filter(null, null, null, visibleIds());
        return store.list(filter, 0, Integer.MAX_VALUE);
    }

    public List<ClusterEvents.StatusChange> statusHistory(long id) {
        visibleRow(id);
        return store.statusChanges(id, 100);
    }

    public ClusterView update(long id, ClusterRequest request) {
        ClusterStore.Row row = visibleRow(id);
        access.require(Action.ADMINISTER, id, null);
        ClusterView old = row.view();
        String name = request.name() == null ? old.name() : checkName(request.name());
        if (!name.equals(old.name()) && store.findByName(name).isPresent()) {
            throw duplicate(name);
        }
        List<String> tags = request.tags() == null ? old.tags() : checkTags(request.tags());
        List<String> namespaces =
                request.namespaces() == null ? old.namespaces() : checkNamespaces(request.namespaces());
        String env = request.env() == null ? old.env() : checkEnv(request.env());
        String kubeconfig = request.kubeconfig() == null ? sealer.unseal(row.sealedKubeconfig()) : request.kubeconfig();
        String context =
                request.context() == null ? (request.kubeconfig() == null ? old.context() : null) : request.context();
        Instant now = clock.instant();
        ClusterView updated;
        String sealed = row.sealedKubeconfig();
        if (request.kubeconfig() != null || request.context() != null) {
            ProbeResult probe = connections.probe(kubeconfig, context);
            sealed = sealer.seal(kubeconfig);
            updated = ClusterView.probed(id, name, env, tags, namespaces, probe, old.simulated(), old.createdAt(), now);
        } else {
            updated = new ClusterView(
                    id,
                    name,
                    context,
                    env,
                    tags,
                    namespaces,
                    old.serverUrl(),
                    old.version(),
                    old.nodeCount(),
                    old.status(),
                    old.statusMessage(),
                    old.simulated(),
                    old.lastSeenAt(),
                    old.createdAt(),
                    now);
        }
        try {
            store.update(updated, sealed);
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        if (updated.status() != old.status()) {
            store.recordStatusChange(id, old.status(), updated.status(), "kubeconfig replaced", now);
        }
        follower.sync(id);
        return store.find(id).orElseThrow().view();
    }

    public void delete(long id) {
        ClusterStore.Row row = visibleRow(id);
        access.require(Action.ADMINISTER, id, null);
        store.delete(id);
        follower.sync(id);
        events.publishEvent(new ClusterEvents.ClusterDeleted(id, row.view().name()));
    }

    public ClusterView refresh(long id) {
        visibleRow(id);
        access.require(Action.WRITE, id, null);
        checkHealth(id);
        return store.find(id).orElseThrow().view();
    }

    /** Reads one cluster's health and records it; a failure degrades that cluster only. */
    void checkHealth(long id) {
        ClusterStore.Row row = store.find(id).orElse(null);
        if (row == null) {
            return;
        }
        ClusterView old = row.view();
        Instant now = clock.instant();
        ClusterStatus status;
        String message = null;
        try {
            follower.sync(id);
            ProbeResult result = connections.health(id);
            store.updateHealth(id, ClusterStatus.Healthy, null, result.version(), result.nodeCount(), now, now);
            status = ClusterStatus.Healthy;
        } catch (ApiException e) {
            status = "kube-forbidden".equals(e.code()) ? ClusterStatus.Unauthorized : ClusterStatus.Unreachable;
            message = e.getMessage();
            store.updateHealth(id, status, message, null, null, null, now);
        }
        if (status != old.status()) {
            store.recordStatusChange(id, old.status(), status, message, now);
        }
    }

    /** Opens clients for every stored cluster (start-up), re-sealing kubeconfigs sealed by a retired key. */
    void connectAll() {
        for (ClusterStore.Row row : store.all()) {
            if (sealer.needsReseal(row.sealedKubeconfig())) {
                store.update(row.view(), sealer.seal(sealer.unseal(row.sealedKubeconfig())));
            }
        }
        follower.syncAll();
    }

    List<Long> allIds() {
        return store.all().stream().map(r -> r.view().id()).toList();
    }

    private ClusterStore.Row visibleRow(long id) {
        return store.find(id)
                .filter(r -> access.canSee(id))
                .orElseThrow(() -> ApiException.notFound("cluster-not-found", "No cluster " + id));
    }

    private Set<Long> visibleIds() {
        List<Grant> grants = access.current().grants();
        if (grants.stream().anyMatch(g -> g.clusterId() == null)) {
            return null;
        }
        return grants.stream().map(Grant::clusterId).collect(Collectors.toSet());
    }

    private static String checkName(String name) {
        if (!KubeNames.isDnsLabel(name)) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "Cluster name must be an RFC 1123 label: at most 63 lower-case letters, digits and '-',"
                            + " starting and ending with a letter or digit",
                    "name");
        }
        return name;
    }

    private static String checkEnv(String env) {
        if (env != null && !env.isEmpty() && !ENV.matcher(env).matches()) {
            throw ApiException.badRequest("invalid-env", "env must be 1-32 letters, digits, '-', '_' or '.'", "env");
        }
        return env == null || env.isEmpty() ? null : env;
    }

    private static List<String> checkTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.badRequest("invalid-tags", "At most " + MAX_TAGS + " tags", "tags");
        }
        for (String tag : tags) {
            if (tag == null || !ENV.matcher(tag).matches()) {
                throw ApiException.badRequest(
                        "invalid-tags", "Tag '" + tag + "' must be 1-32 letters, digits, '-', '_' or '.'", "tags");
            }
        }
        return List.copyOf(new LinkedHashSet<>(tags));
    }

    private static List<String> checkNamespaces(List<String> namespaces) {
        if (namespaces == null) {
            return List.of();
        }
        for (String ns : namespaces) {
            if (!KubeNames.isDnsLabel(ns)) {
                throw ApiException.badRequest(
                        "invalid-namespace", "Namespace '" + ns + "' is not a valid RFC 1123 label", "namespaces");
            }
        }
        return List.copyOf(new LinkedHashSet<>(namespaces));
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("duplicate-cluster-name", "A cluster named " + name + " already exists", "name");
    }
}
