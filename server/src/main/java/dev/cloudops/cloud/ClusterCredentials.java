package dev.cloudops.cloud;

import java.time.Instant;

/**
 * How the platform reaches a cloud cluster's API server: a bearer token (EKS) or a whole kubeconfig with client
 * certificates (CCE, ACK, TKE), and when it stops working. Never logged: {@link #toString()} names no secret.
 *
 * @param kubeconfig a complete kubeconfig with inline credentials, or null when {@code token} is used
 * @param expiresAt when the credentials stop working; null when they do not expire
 */
public record ClusterCredentials(String serverUrl, String caData, String token, String kubeconfig, Instant expiresAt) {

    public static ClusterCredentials ofToken(String serverUrl, String caData, String token, Instant expiresAt) {
        return new ClusterCredentials(serverUrl, caData, token, null, expiresAt);
    }

    public static ClusterCredentials ofKubeconfig(String kubeconfig, Instant expiresAt) {
        return new ClusterCredentials(null, null, null, kubeconfig, expiresAt);
    }

    @Override
    public String toString() {
        return "ClusterCredentials[server=" + serverUrl + ", expiresAt=" + expiresAt + "]";
    }
}
