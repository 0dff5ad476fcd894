package dev.cloudops.container.files;

import dev.cloudops.platform.CloudOpsProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart requests (uploads into containers, the only endpoint taking them) may be as large as
 * cloudops.files.max-upload-bytes, and every part goes to the server's temporary directory as it arrives (a size
 * threshold of 0), never into memory. This replaces the {@code spring.servlet.multipart.*} size settings.
 */
@Configuration(proxyBeanMethods = false)
class FilesWebConfig {

    /** Room for the multipart boundaries and part headers around the files' bytes. */
    private static final long ENVELOPE = 16L << 20;

    @Bean
    MultipartConfigElement multipartConfigElement(CloudOpsProperties properties) {
        long max = properties.files().maxUploadBytes();
        return new MultipartConfigElement("", max, max + ENVELOPE, 0);
    }
}
