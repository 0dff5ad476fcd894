package dev.cloudops.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cloudops cluster delete")
class ClusterDeleteIT {

    private static final String LIST = "/api/k8s/cluster/list";

    @TempDir
    Path home;

    private StubServer server;
    private Cli cli;

    @BeforeEach
    void setUp() {
        server = StubServer.start();
        cli = Cli.withHome(home).loggedIn(server.url(), "saved-token");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    @DisplayName("a numeric argument is the id: one DELETE /api/k8s/cluster/{id} with the token, 204 is success")
    void byId() {
        server.respond("DELETE", "/api/k8s/cluster/12", 204, null, null);

        Cli.Result result = cli.run("cluster", "delete", "12");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("cluster 12 deleted\n");
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.path()).isEqualTo("/api/k8s/cluster/12");
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
        });
    }

    @Test
    @DisplayName("a name is resolved through the list filtered by ?q=, page by page, then deleted by id")
    void byNameAcrossPages() {
        server.json(
                "GET",
                LIST + "?q=prod-eu-west&page=0&size=100",
                200,
                Fixtures.page(0, 100, 3, Fixtures.DEMO, Fixtures.PENDING));
        server.json("GET", LIST + "?q=prod-eu-west&page=1&size=100", 200, Fixtures.page(1, 100, 3, Fixtures.PROD));
        server.respond("DELETE", "/api/k8s/cluster/12", 204, null, null);

        Cli.Result result = cli.run("cluster", "delete", "prod-eu-west");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("cluster \"prod-eu-west\" (id 12) deleted\n");
        assertThat(server.requests())
                .extracting(request -> request.method() + " " + request.path() + "?" + request.query())
                .containsExactly(
                        "GET " + LIST + "?q=prod-eu-west&page=0&size=100",
                        "GET " + LIST + "?q=prod-eu-west&page=1&size=100",
                        "DELETE /api/k8s/cluster/12?null");
    }

    @Test
    @DisplayName("an unknown name exits 1 without sending any DELETE")
    void unknownName() {
        server.json("GET", LIST + "?q=ghost&page=0&size=100", 200, Fixtures.page(0, 100, 1, Fixtures.DEMO));

        Cli.Result result = cli.run("cluster", "delete", "ghost");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cluster \"ghost\" not found (CLUSTER_NOT_FOUND)\n");
        assertThat(server.requests()).extracting(StubServer.Request::method).containsExactly("GET");
    }

    @Test
    @DisplayName("a server without totals is paged until an empty page")
    void pagingWithoutTotal() {
        server.json("GET", LIST + "?q=ghost&page=0&size=100", 200, "{\"items\":[" + Fixtures.DEMO + "]}");
        server.json("GET", LIST + "?q=ghost&page=1&size=100", 200, "{\"items\":[]}");

        Cli.Result result = cli.run("cluster", "delete", "ghost");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    @DisplayName("a 404 problem from the DELETE is reported with its code and exit 1")
    void notFound() {
        server.problem("DELETE", "/api/k8s/cluster/99", 404, "CLUSTER_NOT_FOUND", "cluster 99 does not exist", null);

        Cli.Result result = cli.run("cluster", "delete", "99");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cluster 99 does not exist (CLUSTER_NOT_FOUND)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    @DisplayName("the ID|NAME argument is required")
    void argumentRequired() {
        Cli.Result result = cli.run("cluster", "delete");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'ID|NAME'");
        assertThat(server.requests()).isEmpty();
    }
}
