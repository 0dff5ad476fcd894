package dev.cloudops.demo;

import java.util.Objects;

/**
 * A running simulated API server: where it listens and a kubeconfig to reach it. Started by {@link
 * DemoSeeder#start}; closing it stops the server.
 */
public final class DemoApiServer implements AutoCloseable {

    /** The context, cluster and user name in {@link #kubeconfigYaml()}. */
    public static final String CONTEXT = "demo";

    private final String url;
    private final Runnable stop;

    DemoApiServer(String url, Runnable stop) {
        this.url = Objects.requireNonNull(url, "url");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** The API server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /**
     * A kubeconfig with one context, {@value #CONTEXT}, that reaches this server over plain HTTP with a dummy bearer
     * token (the simulation accepts any).
     */
    public String kubeconfigYaml() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: demo
                  cluster:
                    server: ${server}
                contexts:
                - name: demo
                  context:
                    cluster: demo
                    user: demo
                    namespace: default
                current-context: demo
                users:
                - name: demo
                  user:
                    token: demo-simulated-cluster
                preferences: {}
                """.replace("${server}", url);
    }

    /** Stops the server; later requests to it fail to connect. */
    @Override
    public void close() {
        stop.run();
    }
}
