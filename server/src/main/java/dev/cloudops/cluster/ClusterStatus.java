package dev.cloudops.cluster;

/** A cluster's health as last seen by the platform. */
public enum ClusterStatus {
    Healthy,
    Unreachable,
    Unauthorized
}
