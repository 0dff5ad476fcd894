package dev.cloudops.backup;

import dev.cloudops.platform.CloudOpsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backup storage: the directory one unless the application defines another {@link BackupStorage}. */
@Configuration(proxyBeanMethods = false)
class BackupConfig {

    @Bean
    @ConditionalOnMissingBean(BackupStorage.class)
    BackupStorage fileBackupStorage(BackupSettings settings, CloudOpsProperties properties) {
        return new FileBackupStorage(
                settings.storageDir() != null
                        ? settings.storageDir()
                        : properties.dataDir().resolve("backups"));
    }
}
