package dev.cloudops.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Manifests not applied yet, as a {@link ClusterState}: every kind is "served", none has status. */
public final class ManifestState implements ClusterState {

    private final List<Map<String, Object>> documents;
    private final Instant observedAt;

    public ManifestState(List<Map<String, Object>> documents, Instant observedAt) {
        this.documents = List.copyOf(documents);
        this.observedAt = observedAt;
    }

    @Override
    public String source() {
        return "manifests";
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public Instant observedAt() {
        return observedAt;
    }

    @Override
    public boolean serves(String kind) {
        return true;
    }

    @Override
    public List<Map<String, Object>> objects(String kind) {
        return documents.stream()
                .filter(d -> Objects.equals(kind, d.get("kind")))
                .toList();
    }
}
