package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The cloud feature's background work: at start-up, re-sealing account credentials sealed by a retired master
 * key; then loops, each once per fleet (a database lock), renewing registered clusters' credentials before they
 * expire and syncing every cloud cluster's status (reads only; drift is recorded and shown, never undone).
 */
@Component
class CloudBackground {

    private static final Logger log = LoggerFactory.getLogger(CloudBackground.class);

    private final CloudClusterStore records;
    private final CloudJobStore jobs;
    private final CloudAccountService accounts;
    private final CloudClusterService clusters;
    private final CloudRegistrar registrar;
    private final CloudProperties properties;
    private final Clock clock;

    CloudBackground(
            CloudClusterStore records,
            CloudJobStore jobs,
            CloudAccountService accounts,
            CloudClusterService clusters,
            CloudRegistrar registrar,
            CloudProperties properties,
            Clock clock) {
        this.records = records;
        this.jobs = jobs;
        this.accounts = accounts;
        this.clusters = clusters;
        this.registrar = registrar;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resealCredentials() {
        accounts.resealAll();
    }

    @Scheduled(
            initialDelayString = "${cloudops.cloud.credential-check-interval:1m}",
            fixedDelayString = "${cloudops.cloud.credential-check-interval:1m}")
    @SchedulerLock(name = "cloud-credential-renewal", lockAtMostFor = "PT10M")
    void renewExpiring() {
        Instant soon = clock.instant().plus(properties.credentialRefreshBefore());
        for (CloudClusterView record : records.expiringBefore(soon)) {
            try {
                registrar.renew(
                        accounts.provider(record.accountId()),
                        accounts.session(record.accountId(), record.region()),
                        record);
            } catch (ApiException e) {
                records.error(record.id(), "Credentials not renewed: " + e.getMessage(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("Renewing the credentials of cloud cluster {} failed unexpectedly", record.id(), e);
            }
        }
    }

    @Scheduled(
            initialDelayString = "${cloudops.cloud.sync-interval:5m}",
            fixedDelayString = "${cloudops.cloud.sync-interval:5m}")
    @SchedulerLock(name = "cloud-status-sync", lockAtMostFor = "PT30M")
    void syncAll() {
        int offset = 0;
        while (true) {
            var page = records.list(null, null, offset, 100);
            for (CloudClusterView record : page) {
                if (record.status() == CloudStatus.DELETED || jobs.runningFor(record.id())) {
                    continue;
                }
                try {
                    records.find(record.id()).ifPresent(clusters::syncRecord);
                } catch (ApiException e) {
                    // recorded on the cluster by syncRecord; the next cluster goes on
                } catch (RuntimeException e) {
                    log.warn("Syncing cloud cluster {} failed unexpectedly", record.id(), e);
                }
            }
            if (page.size() < 100) {
                return;
            }
            offset += 100;
        }
    }
}
