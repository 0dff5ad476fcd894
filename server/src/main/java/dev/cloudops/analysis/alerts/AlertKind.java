package dev.cloudops.analysis.alerts;

/** What changed against a workload's baseline. */
public enum AlertKind {
    RESTART_SPIKE("restart-spike", "Restart spike"),
    WARNING_EVENTS("warning-events", "Burst of warning events"),
    CPU_JUMP("cpu-jump", "CPU use jumped"),
    MEMORY_JUMP("memory-jump", "Memory use jumped"),
    REPLICAS_FLAPPING("replicas-flapping", "Replica count flapping");

    private final String id;
    private final String title;

    AlertKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    static AlertKind of(String id) {
        for (AlertKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown alert kind " + id);
    }
}
