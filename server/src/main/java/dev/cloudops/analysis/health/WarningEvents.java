package dev.cloudops.analysis.health;

import static dev.cloudops.analysis.health.Fields.map;
import static dev.cloudops.analysis.health.Fields.number;
import static dev.cloudops.analysis.health.Fields.or;
import static dev.cloudops.analysis.health.Fields.text;

import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warning events grouped per object, reason and container: a burst of a thousand BackOff events is one group with
 * a count, the newest message and when it was last seen.
 */
final class WarningEvents {

    static final String UNHEALTHY = "Unhealthy";

    /** One object's events of one reason (and container, for probe failures). */
    record Group(Subject subject, String reason, String container, long count, String lastMessage, String lastSeen) {}

    private record Key(Subject subject, String reason, String container) {}

    private final Map<Key, Group> groups;

    private WarningEvents(Map<Key, Group> groups) {
        this.groups = groups;
    }

    static WarningEvents of(List<Map<String, Object>> events) {
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (Map<String, Object> event : events) {
            if (!"Warning".equals(text(event, "type"))) {
                continue;
            }
            Map<?, ?> involved = map(event, "involvedObject");
            Subject subject =
                    new Subject(null, text(involved, "kind"), text(involved, "namespace"), text(involved, "name"));
            if (subject.kind() == null || subject.name() == null) {
                continue;
            }
            String reason = or(text(event, "reason"), "Unknown");
            String container = UNHEALTHY.equals(reason) ? containerOf(text(involved, "fieldPath")) : null;
            long count = Math.max(1, number(event, number(event, 1, "count"), "series", "count"));
            String seen = or(
                    text(event, "lastTimestamp"),
                    or(text(event, "eventTime"), text(event, "metadata", "creationTimestamp")));
            String message = or(text(event, "message"), "");
            groups.merge(
                    new Key(subject, reason, container),
                    new Group(subject, reason, container, count, message, seen),
                    (a, b) -> {
                        boolean newer = b.lastSeen() != null
                                && (a.lastSeen() == null || b.lastSeen().compareTo(a.lastSeen()) > 0);
                        return new Group(
                                a.subject(),
                                a.reason(),
                                a.container(),
                                a.count() + b.count(),
                                newer ? b.lastMessage() : a.lastMessage(),
                                newer ? b.lastSeen() : a.lastSeen());
                    });
        }
        return new WarningEvents(groups);
    }

    /** The coordinates of an object without its apiVersion, which events do not always carry. */
    static Subject key(Map<String, ?> object) {
        return key(Subject.of(object));
    }

    static Subject key(Subject s) {
        return new Subject(null, s.kind(), s.namespace(), s.name());
    }

    /** Probe failures of a pod, one group per container. */
    List<Group> unhealthy(Subject pod) {
        Subject key = key(pod);
        List<Group> found = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.subject().equals(key) && UNHEALTHY.equals(g.reason())) {
                found.add(g);
            }
        }
        return found;
    }

    /** The newest message of the object's events of a reason, or null. */
    String lastMessage(Subject object, String reason) {
        Group g = groups.get(new Key(key(object), reason, null));
        return g == null || g.lastMessage().isEmpty() ? null : g.lastMessage();
    }

    /** Reports every group whose object no other check reported. */
    void report(Findings findings, Set<Subject> reported, int burst) {
        for (Group g : groups.values()) {
            if (UNHEALTHY.equals(g.reason()) || reported.contains(g.subject())) {
                continue;
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", g.subject().name());
            if (g.subject().namespace() != null && !g.subject().namespace().isEmpty()) {
                metadata.put("namespace", g.subject().namespace());
            }
            findings.report(
                    HealthChecks.WARNING_EVENTS,
                    g.count() >= burst ? Severity.WARNING : Severity.INFO,
                    Map.of("kind", g.subject().kind(), "metadata", metadata),
                    null,
                    g.subject().kind() + " "
                            + (metadata.containsKey("namespace") ? g.subject().namespace() + "/" : "")
                            + g.subject().name() + ": " + g.count() + " warning event" + (g.count() == 1 ? "" : "s")
                            + " " + g.reason() + (g.lastSeen() == null ? "" : ", last at " + g.lastSeen())
                            + (g.lastMessage().isEmpty() ? "" : ": " + g.lastMessage()),
                    "Read the object's events (kubectl describe "
                            + g.subject().kind().toLowerCase() + " "
                            + g.subject().name() + ") and act on the reason " + g.reason() + ".",
                    List.of());
        }
    }

    private static String containerOf(String fieldPath) {
        if (fieldPath == null) {
            return null;
        }
        int open = fieldPath.indexOf('{');
        int close = fieldPath.indexOf('}');
        return open >= 0 && close > open ? fieldPath.substring(open + 1, close) : null;
    }
}
