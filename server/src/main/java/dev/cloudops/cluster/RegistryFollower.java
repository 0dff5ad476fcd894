package dev.cloudops.cluster;

import dev.cloudops.kube.ClusterConnections;
import dev.cloudops.kube.ClusterSpec;
import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's cluster clients in step with the registry all replicas share: a cluster registered,
 * changed (kubeconfig, context, namespace restriction) or removed through any replica is connected,
 * reconnected or closed here too. It is the one place that opens and closes cluster clients.
 */
@Component
class RegistryFollower {

    private final ClusterStore store;
    private final ClusterConnections connections;
    private final SecretSealer sealer;
    private final Clock clock;
    /** What each open client was built from, to tell when a row changed under it. */
    private final Map<Long, String> applied = new ConcurrentHashMap<>();

    RegistryFollower(ClusterStore store, ClusterConnections connections, SecretSealer sealer, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** Brings one cluster's client in line with its row: opens, reopens or closes it. */
    synchronized void sync(long id) {
        store.find(id).ifPresentOrElse(this::apply, () -> close(id));
    }

    /** Brings every client in line with the registry; runs on every replica. */
    @Scheduled(
            initialDelayString = "${cloudops.clusters.follow-interval:10s}",
            fixedDelayString = "${cloudops.clusters.follow-interval:10s}")
    synchronized void syncAll() {
        Set<Long> present = new HashSet<>();
        for (ClusterStore.Row row : store.all()) {
            present.add(row.view().id());
            try {
                apply(row);
            } catch (ApiException e) {
                store.updateHealth(
                        row.view().id(), ClusterStatus.Unreachable, e.getMessage(), null, null, null, clock.instant());
            }
        }
        for (Long id : Set.copyOf(applied.keySet())) {
            if (!present.contains(id)) {
                close(id);
            }
        }
    }

    private void apply(ClusterStore.Row row) {
        ClusterView v = row.view();
        String fingerprint = row.sealedKubeconfig() + '|' + v.name() + '|' + v.context() + '|' + v.namespaces();
        if (fingerprint.equals(applied.get(v.id())) && connections.isConnected(v.id())) {
            return;
        }
        connections.connect(new ClusterSpec(
                v.id(), v.name(), sealer.unseal(row.sealedKubeconfig()), v.context(), Set.copyOf(v.namespaces())));
        applied.put(v.id(), fingerprint);
    }

    private void close(long id) {
        connections.disconnect(id);
        applied.remove(id);
    }
}
