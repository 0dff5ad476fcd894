package dev.cloudops.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Manifests not applied yet, as a {@link ClusterState}: every kind is "served", none has status. */
public final class ManifestState implements ClusterState {

    private final Map<String, List<Map<String, Object>>> byKind;
    private final Instant observedAt;

    public ManifestState(List<Map<String, Object>> documents, Instant observedAt) {
        // Indexed once: every analyzer asks for several kinds, and a scan of 10,000 objects must not filter them all
        // for each question.
        Map<String, List<Map<String, Object>>> index = new HashMap<>();
        for (Map<String, Object> document : documents) {
            index.computeIfAbsent(Objects.toString(document.get("kind"), ""), k -> new ArrayList<>())
                    .add(document);
        }
        index.replaceAll((kind, list) -> List.copyOf(list));
        this.byKind = index;
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
        return byKind.getOrDefault(kind, List.of());
    }
}
