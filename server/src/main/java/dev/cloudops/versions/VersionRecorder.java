package dev.cloudops.versions;

import dev.cloudops.resource.ObjectNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records versions, content-addressed: an object's stable form is hashed, and a version is added only when the
 * hash differs from the current version's. So the platform's own write and its echo from the watch give one
 * version, and so do several replicas seeing the same change: the version number is unique per resource, and the
 * replica that loses the race finds the hash current when it tries again.
 */
@Component
class VersionRecorder {

    /** Hash of "no object": the current version after a deletion has it. */
    static final String DELETED_HASH = ObjectNormalizer.sha256("");

    static final String MAIN = "main";
    static final String OBSERVED = "observed";
    private static final int ATTEMPTS = 3;

    /**
     * An object in stable form, ready to store: its hash, its content, and whether it is a deletion.
     */
    record Stable(String hash, VersionStore.Content content, boolean deleted) {

        static final Stable GONE = new Stable(DELETED_HASH, new VersionStore.Content("", "null", null), true);
    }

    /**
     * One change to record.
     *
     * @param apiVersion the apiVersion to keep for a resource tracked by this capture
     * @param startTracking take the object up when it is not tracked yet
     * @param autoTracked how a resource taken up by this capture is marked
     */
    record Capture(
            ObjectKey key,
            String apiVersion,
            Stable stable,
            String author,
            String source,
            String changeLog,
            boolean startTracking,
            boolean autoTracked) {}

    private final VersionStore store;
    private final SecretValues secrets;
    private final TrackIndex index;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration attributionWindow;

    VersionRecorder(
            VersionStore store,
            SecretValues secrets,
            TrackIndex index,
            TransactionTemplate tx,
            Clock clock,
            VersionsProperties settings) {
        this.store = store;
        this.secrets = secrets;
        this.index = index;
        this.tx = tx;
        this.clock = clock;
        this.attributionWindow = settings.attributionWindow();
    }

    /** The stable form of an object (Secret values replaced and sealed), or {@link Stable#GONE} for null. */
    Stable stable(ObjectKey key, Map<String, Object> object) {
        if (object == null) {
            return Stable.GONE;
        }
        Map<String, Object> content = object;
        String sealed = null;
        if (key.isSecret()) {
            SecretValues.Protected p = secrets.protect(object);
            content = p.object();
            sealed = p.sealed();
        }
        ObjectNormalizer.Normalized n = ObjectNormalizer.normalize(content);
        return new Stable(n.sha256(), new VersionStore.Content(n.yaml(), VersionDiff.json(n.content()), sealed), false);
    }

    /** The new version, or empty when nothing was recorded (unchanged, not tracked, or a deletion of nothing). */
    Optional<VersionStore.VersionRow> record(Capture capture) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<VersionStore.ResourceRow> resource = resourceFor(capture);
                if (resource.isEmpty()) {
                    return Optional.empty();
                }
                long id = resource.get().id();
                Optional<VersionStore.VersionRow> recorded = tx.execute(status -> recordOnce(id, capture));
                recorded.ifPresent(v ->
                        index.put(capture.key(), new TrackIndex.Entry(v.resourceId(), true, v.hash(), v.number())));
                return recorded;
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The tracked resource, created first when the capture starts tracking (another replica may race us to it). */
    private Optional<VersionStore.ResourceRow> resourceFor(Capture c) {
        Optional<VersionStore.ResourceRow> existing = store.resource(c.key());
        if (existing.isPresent() || !c.startTracking() || c.stable().deleted()) {
            return existing;
        }
        store.insertResource(c.key(), c.apiVersion(), c.autoTracked(), c.author(), clock.instant());
        return store.resource(c.key());
    }

    /**
     * Records one version in a transaction that first locks the resource's row: what it reads as current is what
     * it replaces, whichever replica or thread records at the same moment.
     */
    private Optional<VersionStore.VersionRow> recordOnce(long resourceId, Capture c) {
        store.lock(resourceId);
        VersionStore.ResourceRow resource = store.resource(resourceId).orElse(null);
        if (resource == null || !resource.tracking()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        VersionStore.VersionRow current = store.current(resource.id()).orElse(null);
        if (current == null && c.stable().deleted()) {
            return Optional.empty();
        }
        if (current != null && current.hash().equals(c.stable().hash())) {
            if (claimable(current, c, now)) {
                store.attribute(current.id(), c.author(), c.source(), c.changeLog());
            }
            index.put(c.key(), new TrackIndex.Entry(resource.id(), true, current.hash(), current.number()));
            return Optional.empty();
        }
        VersionDiff.Result diff = VersionDiff.compute(
                current == null ? VersionDiff.Side.absent("") : side(store.content(current.id())),
                side(c.stable().content()));
        String summary = current == null && "track".equals(c.source()) ? "tracking started" : diff.summary();
        int number = store.maxNumber(resource.id()) + 1;
        store.clearCurrent(resource.id());
        long id = store.insertVersion(new VersionStore.NewVersion(
                resource.id(),
                number,
                MAIN,
                current == null ? null : current.id(),
                c.stable().hash(),
                c.stable().content(),
                c.stable().deleted(),
                true,
                c.author(),
                c.source(),
                cut(c.changeLog()),
                summary,
                diff.linesAdded(),
                diff.linesRemoved(),
                now));
        return store.version(id);
    }

    /** True when the current version was first seen by watch a moment ago, and a user now reports it as theirs. */
    private boolean claimable(VersionStore.VersionRow current, Capture c, Instant now) {
        return OBSERVED.equals(current.source())
                && !OBSERVED.equals(c.source())
                && !current.createdAt().isBefore(now.minus(attributionWindow));
    }

    static VersionDiff.Side side(VersionStore.Content content) {
        return new VersionDiff.Side("", content.yaml(), content.json());
    }

    static String cut(String text) {
        return text == null || text.length() <= 1024 ? text : text.substring(0, 1023) + "…";
    }
}
