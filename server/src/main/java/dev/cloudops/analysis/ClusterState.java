package dev.cloudops.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the checks read: the objects of a cluster, or of manifests not applied yet, as JSON-ready maps (the shape
 * {@code kubectl get -o json} prints). Kinds are named by their {@code kind} ({@code Pod}, {@code ClusterRole},
 * {@code PodMetrics}); objects must not be modified.
 */
public interface ClusterState {

    /** What is analysed, for people: the cluster's name, or {@code manifests}. */
    String source();

    /** True for a running cluster; false for manifests, which have no status, events or usage to read. */
    boolean live();

    /** When the state was read. */
    Instant observedAt();

    /** True when the source can have objects of the kind (a cluster without metrics-server serves no PodMetrics). */
    boolean serves(String kind);

    /** Every object of the kind, in no particular order; empty when there is none or the kind is not served. */
    List<Map<String, Object>> objects(String kind);

    /** What the state could not read, for people ("ClusterRole could not be listed: …"); the engine adds them to the notes. */
    default List<String> notes() {
        return List.of();
    }
}
