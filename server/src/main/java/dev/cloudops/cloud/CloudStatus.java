package dev.cloudops.cloud;

/** A cloud cluster's or node group's life-cycle state, the same words for every provider. */
public enum CloudStatus {
    PENDING,
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING,
    FAILED,
    DEGRADED,
    /** Gone from the cloud (deleted there, possibly outside the platform). */
    DELETED,
    UNKNOWN;

    /** True while the cloud is still working on it. */
    public boolean transitional() {
        return this == PENDING || this == CREATING || this == UPDATING || this == DELETING;
    }
}
