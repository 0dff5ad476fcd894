package dev.cloudops.versions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This replica's memory of the tracked objects of each cluster and their current hashes, so that the watch side
 * can drop the many events that change nothing (status updates, echoes of the platform's own writes) without a
 * database read. It is a filter, not the truth: anything it lets through is checked against the database, it is
 * reloaded on every watch check, and an entry only moves forward (a higher version number wins).
 */
@Component
class TrackIndex {

    /** One tracked object: its resource id, whether it is tracked, its current hash and version number. */
    record Entry(long resourceId, boolean tracking, String hash, int number) {}

    private final Map<Long, Map<ObjectKey, Entry>> clusters = new ConcurrentHashMap<>();

    Entry get(ObjectKey key) {
        Map<ObjectKey, Entry> entries = clusters.get(key.clusterId());
        return entries == null ? null : entries.get(key);
    }

    boolean loaded(long clusterId) {
        return clusters.containsKey(clusterId);
    }

    /**
     * Replaces a cluster's entries by what the database holds; where this replica recorded a newer version
     * meanwhile, its entry stays.
     */
    void load(long clusterId, List<VersionStore.IndexRow> rows) {
        Map<ObjectKey, Entry> fresh = new ConcurrentHashMap<>();
        for (VersionStore.IndexRow row : rows) {
            fresh.put(row.key(), new Entry(row.resourceId(), row.tracking(), row.hash(), row.number()));
        }
        Map<ObjectKey, Entry> old = clusters.put(clusterId, fresh);
        if (old != null) {
            old.forEach((key, entry) -> fresh.computeIfPresent(key, (k, loaded) -> newer(entry, loaded)));
        }
    }

    void put(ObjectKey key, Entry entry) {
        clusters.computeIfAbsent(key.clusterId(), id -> new ConcurrentHashMap<>())
                .merge(key, entry, TrackIndex::newer);
    }

    /** Sets whether an object is tracked, whatever its number. */
    void tracking(ObjectKey key, long resourceId, boolean tracking) {
        clusters.computeIfAbsent(key.clusterId(), id -> new ConcurrentHashMap<>())
                .compute(
                        key,
                        (k, e) -> e == null
                                ? new Entry(resourceId, tracking, null, 0)
                                : new Entry(resourceId, tracking, e.hash(), e.number()));
    }

    void remove(ObjectKey key) {
        Map<ObjectKey, Entry> entries = clusters.get(key.clusterId());
        if (entries != null) {
            entries.remove(key);
        }
    }

    void dropCluster(long clusterId) {
        clusters.remove(clusterId);
    }

    private static Entry newer(Entry a, Entry b) {
        if (a.resourceId() != b.resourceId()) {
            return b; // the object was untracked with its history and tracked again
        }
        return b.number() >= a.number() ? b : a;
    }
}
