package dev.cloudops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfigs for the simulated clusters: one context, an http server URL and an inline token. */
public final class Kubeconfigs {

    private Kubeconfigs() {}

    /** The kubeconfig text of cluster {@code name} served at {@code serverUrl}. */
    public static String kubeconfig(String name, String serverUrl, String token) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("cluster name must be a DNS label: " + name);
        }
        if (!serverUrl.startsWith("http://") && !serverUrl.startsWith("https://")) {
            throw new IllegalArgumentException("server URL must be http(s): " + serverUrl);
        }
        if (!token.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("token must be a plain bearer token");
        }
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: {name}
                  cluster:
                    server: {server}
                contexts:
                - name: {name}
                  context:
                    cluster: {name}
                    user: {name}-bench
                    namespace: default
                current-context: {name}
                users:
                - name: {name}-bench
                  user:
                    token: {token}
                """.replace("{name}", name).replace("{server}", serverUrl).replace("{token}", token);
    }

    /** Writes the kubeconfig to {@code dir/<name>.kubeconfig}. */
    public static Path write(Path dir, String name, String serverUrl, String token) throws IOException {
        Path file = dir.resolve(name + ".kubeconfig");
        Files.writeString(file, kubeconfig(name, serverUrl, token), StandardCharsets.UTF_8);
        return file;
    }
}
