package dev.cloudops.kube;

/** What a successful connection to an API server found: its URL, version and node count. */
public record ProbeResult(String context, String serverUrl, String version, int nodeCount) {}
