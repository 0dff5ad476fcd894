package dev.cloudops.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

@DisplayName("cloudops cluster list")
class ClusterListIT {

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
    @DisplayName("GETs page 0 of size 20 with the saved bearer token and prints the columns kubectl-style")
    void tableWithSavedToken() {
        server.json("GET", LIST, 200, Fixtures.page(0, 20, 3, Fixtures.DEMO, Fixtures.PROD, Fixtures.PENDING));

        Cli.Result result = cli.run("cluster", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(LIST);
            assertThat(request.query()).isEqualTo("page=0&size=20");
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
        });
        assertThat(result.out()).isEqualTo("""
                ID   NAME           ENV      STATUS        VERSION   NODES    SIMULATED   LAST-SEEN
                1    demo           demo     Healthy       v1.31.0   3        yes         90s
                12   prod-eu-west   prod     Unreachable   v1.30.4   42       no          3h
                13   new            <none>   Pending       <none>    <none>   no          <never>
                """);
        assertThat(result.err()).isEmpty();
    }

    @Test
    @DisplayName("passes --env (URL-encoded), --page and --size as query parameters and hints at the next page")
    void filtersAndPaging() {
        server.json("GET", LIST, 200, Fixtures.page(2, 1, 5, Fixtures.PROD));

        Cli.Result result = cli.run("cluster", "list", "--env", "prod & eu", "--page", "2", "--size", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).query()).isEqualTo("page=2&size=1&env=prod+%26+eu");
        assertThat(result.out()).contains("prod-eu-west").doesNotContain("demo");
        assertThat(result.err()).isEqualTo("Showing 1 of 5 clusters (page 2); use --page 3 for more.\n");
    }

    @Test
    @DisplayName("-o json pretty-prints the server's document, fields the CLI does not know included")
    void json() {
        String body = Fixtures.page(0, 20, 1, Fixtures.DEMO);
        server.json("GET", LIST, 200, body);

        Cli.Result result = cli.run("cluster", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.readTree(result.out())).isEqualTo(Json.readTree(body));
        assertThat(result.out()).contains("\n  \"items\"").contains("futureField");
    }

    @Test
    @DisplayName("-o yaml prints the same document as YAML, quoting strings that would read back as other types")
    void yaml() {
        String tricky = Fixtures.PROD.replace("[\"eu\"]", "[\"2024\",\"true\",\"null\",\"1.5\",\"a: b\"]");
        String body = Fixtures.page(0, 20, 2, Fixtures.DEMO, tricky);
        server.json("GET", LIST, 200, body);

        Cli.Result result = cli.run("cluster", "list", "--output=YAML");

        assertThat(result.exitCode()).isZero();
        JsonNode parsed = new YAMLMapper().readTree(result.out());
        assertThat(parsed).isEqualTo(Json.readTree(body));
        assertThat(result.out()).startsWith("items:").contains("name: prod-eu-west\n");
    }

    @Test
    @DisplayName("an empty page prints nothing on stdout and says so on stderr, like kubectl")
    void empty() {
        server.json("GET", LIST, 200, Fixtures.page(0, 20, 0));
        server.json("GET", LIST + "?page=4&size=20", 200, Fixtures.page(4, 20, 3));

        Cli.Result first = cli.run("cluster", "list");
        Cli.Result beyond = cli.run("cluster", "list", "--page", "4");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).isEqualTo("No clusters found.\n");
        assertThat(beyond.out()).isEmpty();
        assertThat(beyond.err()).isEqualTo("No clusters on page 4.\n");
    }

    @Test
    @DisplayName("CLOUDOPS_SERVER and CLOUDOPS_TOKEN override the config file")
    void environmentOverridesConfig() {
        try (StubServer other = StubServer.start()) {
            other.json("GET", LIST, 200, Fixtures.page(0, 20, 1, Fixtures.PROD));
            cli.env("CLOUDOPS_SERVER", other.url() + "/").env("CLOUDOPS_TOKEN", "env-token");

            Cli.Result result = cli.run("cluster", "list");

            assertThat(result.exitCode()).isZero();
            assertThat(server.requests()).isEmpty();
            assertThat(other.requests())
                    .singleElement()
                    .satisfies(request ->
                            assertThat(request.header("Authorization")).isEqualTo("Bearer env-token"));
        }
    }

    @Test
    @DisplayName("the saved token is not sent to a different server named by CLOUDOPS_SERVER")
    void savedTokenStaysWithItsServer() {
        try (StubServer other = StubServer.start()) {
            other.json("GET", LIST, 200, Fixtures.page(0, 20, 0));
            cli.env("CLOUDOPS_SERVER", other.url().toString());

            cli.run("cluster", "list");

            assertThat(other.requests())
                    .singleElement()
                    .satisfies(request ->
                            assertThat(request.header("Authorization")).isNull());
        }
    }

    @Test
    @DisplayName("CLOUDOPS_TOKEN alone is sent to the saved server")
    void tokenFromEnvironment() {
        server.json("GET", LIST, 200, Fixtures.page(0, 20, 0));
        cli.env("CLOUDOPS_TOKEN", "env-token");

        cli.run("cluster", "list");

        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer env-token");
    }

    @Test
    @DisplayName("--verbose logs method and URL to stderr and never the token")
    void verbose() {
        server.json("GET", LIST, 200, Fixtures.page(0, 20, 1, Fixtures.DEMO));

        Cli.Result result = cli.run("--verbose", "cluster", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("> GET " + server.url() + LIST + "?page=0&size=20\n");
        assertThat(result.out() + result.err()).doesNotContain("saved-token");
    }

    @Test
    @DisplayName("rejects a negative page, a size outside 1-500 and an unknown format with exit 2 and no request")
    void usageErrors() {
        assertThat(cli.run("cluster", "list", "--page", "-1").exitCode()).isEqualTo(2);
        assertThat(cli.run("cluster", "list", "--size", "0").exitCode()).isEqualTo(2);
        assertThat(cli.run("cluster", "list", "--size", "501").exitCode()).isEqualTo(2);
        Cli.Result badFormat = cli.run("cluster", "list", "-o", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("expected one of table, json, yaml but was 'xml'");
        assertThat(server.requests()).isEmpty();
    }
}
