package dev.cloudops.platform.security;

/** What a caller wants to do to a scope; each action needs a minimum role there. */
public enum Action {
    /** Read objects, logs, events. */
    READ(Role.VIEWER),
    /** Create, change or delete objects; scale and restart workloads. */
    WRITE(Role.OPERATOR),
    /**
     * Run commands in containers and open terminals; the command policy then decides which commands and who
     * may open terminals.
     */
    EXEC(Role.OPERATOR),
    /** Manage the platform itself in that scope: register clusters, users, the audit trail. */
    ADMINISTER(Role.ADMIN);

    private final Role minimum;

    Action(Role minimum) {
        this.minimum = minimum;
    }

    public Role minimum() {
        return minimum;
    }
}
