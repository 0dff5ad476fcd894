package dev.cloudops.analysis;

import dev.cloudops.resource.ManifestParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A live cluster for analyzer tests: the objects of a YAML fixture, with the kinds it serves. */
public final class FixtureState implements ClusterState {

    private final List<Map<String, Object>> objects;
    private final Set<String> served;

    private FixtureState(List<Map<String, Object>> objects, Set<String> served) {
        this.objects = objects;
        this.served = served;
    }

    /** Every kind is served; the objects are the YAML documents. */
    public static FixtureState of(String yaml) {
        return new FixtureState(ManifestParser.parse(yaml), null);
    }

    /** Only the named kinds are served. */
    public static FixtureState serving(Set<String> kinds, String yaml) {
        return new FixtureState(yaml == null ? List.of() : ManifestParser.parse(yaml), kinds);
    }

    @Override
    public String source() {
        return "fixture";
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public Instant observedAt() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    @Override
    public boolean serves(String kind) {
        return served == null || served.contains(kind);
    }

    @Override
    public List<Map<String, Object>> objects(String kind) {
        if (!serves(kind)) {
            return List.of();
        }
        return objects.stream().filter(o -> Objects.equals(kind, o.get("kind"))).toList();
    }
}
