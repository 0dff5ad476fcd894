package dev.cloudops.platform.security;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.crypto.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On the first start (no users yet) creates {@code admin} with the password from
 * {@code CLOUDOPS_ADMIN_PASSWORD}, or a generated one written to {@code <data-dir>/initial-admin-password}
 * (mode 0600). There is never a built-in default password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InitialAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserService users;
    private final Environment env;
    private final Path dataDir;

    InitialAdmin(UserService users, Environment env, CloudOpsProperties properties) {
        this.users = users;
        this.env = env;
        this.dataDir = properties.dataDir();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String password = env.getProperty("CLOUDOPS_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) {
            password = generate();
            Path file = dataDir.resolve("initial-admin-password");
            try {
                Files.deleteIfExists(file);
                OwnerOnlyFiles.write(file, password + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            log.info("Created user 'admin'; its generated password is in {}", file.toAbsolutePath());
        } else {
            log.info("Created user 'admin' with the password from CLOUDOPS_ADMIN_PASSWORD");
        }
        try {
            users.create("admin", password, List.of(new Grant(Role.ADMIN, null, null)));
        } catch (dev.cloudops.platform.error.ApiException e) {
            if (!"duplicate-username".equals(e.code())) {
                throw e;
            }
            log.info("Another replica created 'admin' first");
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
