package dev.cloudops.demo;

import dev.cloudops.cluster.ClusterRequest;
import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.error.ApiException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --demo}: starts the simulated API server in-process and registers it as cluster {@value #NAME},
 * labelled simulated (its record, its env and its tags say so).
 */
@Component
@ConditionalOnBooleanProperty("cloudops.demo.enabled")
class DemoMode {

    static final String NAME = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

    private final ClusterService clusters;
    private final Clock clock;
    private DemoApiServer server;

    DemoMode(ClusterService clusters, Clock clock) {
        this.clusters = clusters;
        this.clock = clock;
    }

    /** Runs after the stored clusters are connected, so the demo record is re-pointed, not duplicated. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void start() {
        server = DemoSeeder.start(clock);
        ClusterView demo;
        try {
            demo = clusters.registerSimulated(new ClusterRequest(
                    NAME, server.kubeconfigYaml(), DemoApiServer.CONTEXT, "demo", List.of("simulated"), List.of()));
        } catch (ApiException e) {
            log.error("The simulated cluster was not registered: {}", e.getMessage());
            stop();
            return;
        }
        log.info(
                "Simulated cluster '{}' (id {}) is ready at {}: Kubernetes {}, {} nodes",
                demo.name(),
                demo.id(),
                server.url(),
                demo.version(),
                demo.nodeCount());
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
