package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.AnalysisService;
import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The alert loops, each once per fleet (ShedLock): detection samples every registered cluster as the platform
 * itself (the whole cluster, no user's grants) and reconciles its alerts; delivery makes the due webhook attempts.
 */
@Component
public class AlertJobs {

    private static final Logger log = LoggerFactory.getLogger(AlertJobs.class);
    private static final CurrentUser PLATFORM =
            new CurrentUser(0, "system:alerts", List.of(new Grant(Role.ADMIN, null, null)));
    private static final int DELIVERY_BATCH = 100;

    private final AnalysisService analysis;
    private final ClusterService clusters;
    private final AlertService alerts;
    private final WebhookService webhooks;
    private final AccessPolicy access;
    private final AnomalyDetector detector;
    private final boolean enabled;
    private final Set<Long> known = new HashSet<>();

    AlertJobs(
            AnalysisService analysis,
            ClusterService clusters,
            AlertService alerts,
            WebhookService webhooks,
            AccessPolicy access,
            CloudOpsProperties properties) {
        this.analysis = analysis;
        this.clusters = clusters;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.access = access;
        this.detector = new AnomalyDetector(properties.analysis().alerts());
        this.enabled = properties.analysis().alerts().enabled();
    }

    @Scheduled(
            initialDelayString = "${cloudops.analysis.alerts.interval:1m}",
            fixedDelayString = "${cloudops.analysis.alerts.interval:1m}")
    @SchedulerLock(name = "alert-detection", lockAtMostFor = "PT10M")
    public void detect() {
        if (!enabled) {
            return;
        }
        access.runAs(PLATFORM, () -> {
            List<ClusterView> all = clusters.visibleClusters();
            Set<Long> ids = new HashSet<>();
            for (ClusterView cluster : all) {
                ids.add(cluster.id());
                detect(cluster);
            }
            synchronized (known) {
                for (Long gone : known) {
                    if (!ids.contains(gone)) {
                        detector.forget(gone);
                    }
                }
                known.clear();
                known.addAll(ids);
            }
            return null;
        });
    }

    /** Samples and reconciles one cluster; one that cannot be read now keeps its alerts until it can. */
    public AlertService.Outcome detect(ClusterView cluster) {
        try {
            var samples = Sampler.sample(analysis.state(cluster.id(), null));
            return alerts.reconcile(cluster.id(), cluster.name(), detector.observe(cluster.id(), samples));
        } catch (ApiException e) {
            log.debug("Cluster {} not sampled for alerts: {}", cluster.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Cluster {} not sampled for alerts", cluster.id(), e);
        }
        return new AlertService.Outcome(0, 0, 0);
    }

    /** Runs {@link #detect(ClusterView)} for one cluster as the platform, for tests and callers outside the loop. */
    public AlertService.Outcome detectNow(long clusterId) {
        return access.runAs(PLATFORM, () -> detect(clusters.get(clusterId)));
    }

    @Scheduled(
            initialDelayString = "${cloudops.analysis.alerts.delivery-tick:5s}",
            fixedDelayString = "${cloudops.analysis.alerts.delivery-tick:5s}")
    @SchedulerLock(name = "alert-deliveries", lockAtMostFor = "PT10M")
    public void deliver() {
        try {
            while (webhooks.deliverDue(DELIVERY_BATCH) == DELIVERY_BATCH) {
                // More were due than one batch holds; go on.
            }
        } catch (RuntimeException e) {
            log.warn("Alert deliveries failed unexpectedly", e);
        }
    }
}
