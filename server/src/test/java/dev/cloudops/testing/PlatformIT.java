package dev.cloudops.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the HTTP integration tests: the whole platform on a random port with an in-memory H2 database, an
 * admin whose password the test knows, and helpers to make users and register mock clusters.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cloudops-it;DB_CLOSE_DELAY=-1",
            "cloudops.data-dir=target/it-data",
            "CLOUDOPS_ADMIN_PASSWORD=" + PlatformIT.ADMIN_PASSWORD,
            "cloudops.clusters.health-interval=1h",
            "cloudops.cloud.sync-tick=1h",
            "cloudops.clusters.probe-timeout=3s",
            "cloudops.clusters.connect-timeout=2s"
        })
public abstract class PlatformIT {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected String admin;

    @BeforeEach
    void connect() {
        api = new Api(port);
        admin = api.login("admin", ADMIN_PASSWORD);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user with the given grants and answers a login token of theirs. */
    protected String userWith(List<Map<String, Object>> grants) {
        String name = unique("u");
        var r = api.post("/api/users", Map.of("username", name, "password", PASSWORD, "grants", grants), admin);
        if (r.status() != 201) {
            throw new AssertionError("user creation failed: " + r.text());
        }
        return api.login(name, PASSWORD);
    }

    protected static Map<String, Object> grant(String role, Long clusterId, String namespace) {
        var g = new java.util.HashMap<String, Object>();
        g.put("role", role);
        g.put("clusterId", clusterId);
        g.put("namespace", namespace);
        return g;
    }

    /** Registers a mock cluster and answers its id. */
    protected long register(MockCluster cluster, String name) {
        var r = api.post("/api/k8s/cluster/create", Map.of("name", name, "kubeconfig", cluster.kubeconfig()), admin);
        if (r.status() != 201) {
            throw new AssertionError("registration failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    protected long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
