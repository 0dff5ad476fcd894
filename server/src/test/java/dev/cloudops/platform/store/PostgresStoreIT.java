package dev.cloudops.platform.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@DisplayName("Stores on the real PostgreSQL of this machine")
@EnabledIf(value = "reachable", disabledReason = "PostgreSQL is not reachable on 127.0.0.1:5432")
class PostgresStoreIT extends StoreContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = ExternalDatabase.freshName();

    static boolean reachable() {
        return ExternalDatabase.reachable("PostgreSQL", 5432);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ExternalDatabase.execute(SERVER, "postgres", "CREATE SCHEMA " + SCHEMA);
        registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void drop() {
        ExternalDatabase.execute(SERVER, "postgres", "DROP SCHEMA " + SCHEMA + " CASCADE");
    }
}
