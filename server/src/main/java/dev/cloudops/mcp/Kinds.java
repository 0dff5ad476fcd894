package dev.cloudops.mcp;

import dev.cloudops.resource.ResourceService;

/** What a kind argument designates, where a tool needs to know. */
final class Kinds {

    private Kinds() {}

    /** True when {@code kind} (kind, plural or short name) designates core Secrets on the cluster. */
    static boolean isSecret(ResourceService resources, long clusterId, String kind) {
        return "secret".equalsIgnoreCase(kind)
                || resources.discover(clusterId).stream()
                        .anyMatch(
                                info -> info.group().isEmpty() && "Secret".equals(info.kind()) && info.answersTo(kind));
    }
}
