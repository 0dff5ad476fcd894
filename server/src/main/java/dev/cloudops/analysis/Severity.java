package dev.cloudops.analysis;

/** How bad a finding is. Polaris's {@code danger} is {@link #CRITICAL}, its {@code warning} is {@link #WARNING}. */
public enum Severity {
    INFO(0),
    WARNING(0.5),
    CRITICAL(1);

    private final double weight;

    Severity(double weight) {
        this.weight = weight;
    }

    /** What one finding of this severity takes off an object's share of its category score (0 to 1). */
    public double weight() {
        return weight;
    }
}
