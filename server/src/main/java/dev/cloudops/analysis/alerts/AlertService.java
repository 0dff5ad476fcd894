package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Alerts: turns what the detector sees into stored alerts (one open per workload and kind, repeats counted, resolved
 * when the condition clears), queues their webhook deliveries, and answers who may read and acknowledge them:
 * READ on the alert's namespace to see it, WRITE there to acknowledge it. An alert the caller may not read is
 * answered like one that does not exist.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertStore store;
    private final WebhookService webhooks;
    private final AccessPolicy access;
    private final Clock clock;

    AlertService(AlertStore store, WebhookService webhooks, AccessPolicy access, Clock clock) {
        this.store = store;
        this.webhooks = webhooks;
        this.access = access;
        this.clock = clock;
    }

    /** What one reconciliation did, for logs and tests. */
    public record Outcome(int opened, int repeated, int resolved) {}

    /**
     * Makes the stored alerts of a cluster match the conditions seen now: a new condition opens an alert (and is
     * sent), a known one is counted, and an open alert whose condition is gone is resolved (and that is sent too).
     */
    public Outcome reconcile(long clusterId, String clusterName, List<Signal> signals) {
        Instant now = clock.instant();
        Set<String> active = new HashSet<>();
        int opened = 0;
        int repeated = 0;
        for (Signal s : signals) {
            String key = AlertStore.openKey(clusterId, s);
            if (!active.add(key)) {
                continue;
            }
            Optional<Alert> open = store.findOpen(key);
            if (open.isPresent()) {
                store.repeat(open.get().id(), s, worse(open.get().severity(), s.severity()), now);
                repeated++;
                continue;
            }
            long id;
            try {
                id = store.open(clusterId, clusterName, s, now);
            } catch (DuplicateKeyException e) {
                // Another replica opened it a moment ago: count this one as a repeat.
                store.findOpen(key).ifPresent(a -> store.repeat(a.id(), s, worse(a.severity(), s.severity()), now));
                repeated++;
                continue;
            }
            opened++;
            store.find(id).ifPresent(a -> webhooks.enqueue(a, WebhookFormats.opened(a)));
        }
        int resolved = 0;
        for (Alert a : store.openIn(clusterId)) {
            if (!active.contains(openKey(a)) && store.resolve(a.id(), now)) {
                resolved++;
                store.find(a.id()).ifPresent(r -> webhooks.enqueue(r, WebhookFormats.resolved(r)));
            }
        }
        if (opened + resolved > 0) {
            log.info("Alerts of cluster {}: {} opened, {} resolved", clusterId, opened, resolved);
        }
        return new Outcome(opened, repeated, resolved);
    }

    public Page<Alert> list(long clusterId, String state, int page, int size) {
        String wanted = state(state);
        Set<String> namespaces = readable(clusterId);
        return new Page<>(
                store.list(clusterId, wanted, namespaces, page * size, size),
                page,
                size,
                store.count(clusterId, wanted, namespaces));
    }

    public Alert get(long id) {
        return visible(id);
    }

    /** Marks an alert seen by the caller; it stays open until its condition clears. */
    public Alert ack(long id) {
        Alert alert = visible(id);
        access.require(Action.WRITE, alert.clusterId(), alert.namespace());
        store.ack(id, access.current().username(), clock.instant());
        return store.find(id).orElseThrow();
    }

    private Alert visible(long id) {
        Alert alert = store.find(id).orElseThrow(() -> notFound(id));
        var readable = access.readableNamespaces(alert.clusterId());
        if (readable.isPresent() && !readable.get().contains(alert.namespace())) {
            throw notFound(id);
        }
        return alert;
    }

    /** Null for every namespace; otherwise the granted ones (403 when none). */
    private Set<String> readable(long clusterId) {
        var readable = access.readableNamespaces(clusterId);
        if (readable.isEmpty()) {
            return null;
        }
        if (readable.get().isEmpty()) {
            access.require(Action.READ, clusterId, null);
        }
        return readable.get();
    }

    private static String state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        String s = state.strip().toLowerCase(Locale.ROOT);
        if (!s.equals(Alert.OPEN) && !s.equals(Alert.RESOLVED)) {
            throw ApiException.badRequest(
                    "invalid-state", "state must be open or resolved, not '" + state + "'", "state");
        }
        return s;
    }

    private static String openKey(Alert a) {
        return a.clusterId() + "|" + a.namespace() + "|" + a.workloadKind() + "|" + a.workloadName() + "|" + a.kind();
    }

    private static Severity worse(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("alert-not-found", "No alert " + id);
    }
}
