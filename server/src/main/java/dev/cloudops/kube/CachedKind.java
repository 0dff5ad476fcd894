package dev.cloudops.kube;

/** The hot kinds served from informer caches instead of by polling the API server. */
public enum CachedKind {
    NODES("nodes", false),
    NAMESPACES("namespaces", false),
    PODS("pods", true),
    DEPLOYMENTS("deployments", true),
    STATEFULSETS("statefulsets", true),
    DAEMONSETS("daemonsets", true),
    SERVICES("services", true),
    EVENTS("events", true);

    private final String plural;
    private final boolean namespaced;

    CachedKind(String plural, boolean namespaced) {
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** The cached kind with this plural name ({@code pods}), or a 400 for any other. */
    public static CachedKind fromPlural(String plural) {
        for (CachedKind kind : values()) {
            if (kind.plural.equals(plural)) {
                return kind;
            }
        }
        throw dev.cloudops.platform.error.ApiException.badRequest(
                "unknown-kind",
                "Kind '" + plural + "' is not cached; cached kinds are nodes, namespaces, pods, deployments,"
                        + " statefulsets, daemonsets, services and events",
                "kind");
    }
}
