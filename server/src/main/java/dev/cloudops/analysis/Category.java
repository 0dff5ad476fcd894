package dev.cloudops.analysis;

/** What a check is about; every category gets its own 0–100 score in a scan. */
public enum Category {
    HEALTH,
    CONFIG,
    SECURITY,
    RELIABILITY,
    EFFICIENCY,
    COST
}
