package dev.cloudops.cluster;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Connects the stored clusters at start-up and checks every cluster's health on an interval, once per fleet
 * (a database lock), a few clusters at a time so one dead cluster does not hold up the others.
 */
@Component
class ClusterHealthSync {

    private static final Logger log = LoggerFactory.getLogger(ClusterHealthSync.class);

    private final ClusterService clusters;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "cluster-health");
        t.setDaemon(true);
        return t;
    });

    ClusterHealthSync(ClusterService clusters) {
        this.clusters = clusters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void connectStoredClusters() {
        clusters.connectAll();
    }

    @Scheduled(
            initialDelayString = "${cloudops.clusters.health-interval:30s}",
            fixedDelayString = "${cloudops.clusters.health-interval:30s}")
    @SchedulerLock(name = "cluster-health-sync", lockAtMostFor = "PT5M", lockAtLeastFor = "PT5S")
    void syncAll() {
        List<Future<?>> running = new ArrayList<>();
        for (long id : clusters.allIds()) {
            running.add(pool.submit(() -> clusters.checkHealth(id)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Health check failed unexpectedly", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
