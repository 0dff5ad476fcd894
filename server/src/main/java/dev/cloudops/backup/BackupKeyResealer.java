package dev.cloudops.backup;

import dev.cloudops.platform.crypto.SealingException;
import dev.cloudops.platform.crypto.SecretSealer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a master-key rotation, seals the data keys of {@code PLATFORM}-encrypted backups again with the current
 * key (as the cluster registry does for kubeconfigs), so that the retired key can be dropped. A data key sealed by
 * a key no longer known is left as it is: that backup answers {@code backup-key-unavailable} until the key is back
 * in {@code CLOUDOPS_PREVIOUS_KEYS}.
 */
@Component
class BackupKeyResealer {

    private static final Logger log = LoggerFactory.getLogger(BackupKeyResealer.class);

    private final JdbcClient jdbc;
    private final SecretSealer sealer;

    BackupKeyResealer(JdbcClient jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    private record Sealed(long id, String value) {}

    @EventListener(ApplicationReadyEvent.class)
    void resealAll() {
        List<Sealed> rows = jdbc.sql("SELECT id, data_key_sealed FROM backups WHERE encryption = 'PLATFORM'"
                        + " AND data_key_sealed IS NOT NULL")
                .query((rs, i) -> new Sealed(rs.getLong(1), rs.getString(2)))
                .list();
        int resealed = 0;
        for (Sealed row : rows) {
            if (!sealer.needsReseal(row.value())) {
                continue;
            }
            try {
                jdbc.sql("UPDATE backups SET data_key_sealed = :v WHERE id = :id")
                        .param("v", sealer.seal(sealer.unseal(row.value())))
                        .param("id", row.id())
                        .update();
                resealed++;
            } catch (SealingException e) {
                log.warn("The data key of backup {} cannot be re-sealed: {}", row.id(), e.getMessage());
            }
        }
        if (resealed > 0) {
            log.info("Re-sealed the data keys of {} backups with the current master key", resealed);
        }
    }
}
