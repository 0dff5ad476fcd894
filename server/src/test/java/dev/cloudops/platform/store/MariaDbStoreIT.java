package dev.cloudops.platform.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DisplayName("Stores on the real MariaDB of this machine")
@EnabledIf(value = "reachable", disabledReason = "MariaDB is not reachable on 127.0.0.1:3306")
class MariaDbStoreIT extends StoreContract {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String DATABASE = ExternalDatabase.freshName();

    static boolean reachable() {
        return ExternalDatabase.reachable("MariaDB", 3306);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ExternalDatabase.execute(SERVER + "test", "root", "CREATE DATABASE " + DATABASE);
        registry.add("spring.datasource.url", () -> SERVER + DATABASE);
        registry.add("spring.datasource.username", () -> "root");
    }

    @AfterAll
    static void drop() {
        ExternalDatabase.execute(SERVER + "test", "root", "DROP DATABASE " + DATABASE);
    }
}
