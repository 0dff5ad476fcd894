package dev.cloudops.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

@DisplayName("cloudops cluster create")
class ClusterCreateIT {

    private static final String CREATE = "/api/k8s/cluster/create";
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            current-context: demo-ctx
            users:
            - name: admin
              user:
                token: kube-secret-ü
            """;

    @TempDir
    Path home;

    private StubServer server;
    private Cli cli;
    private Path kubeconfigFile;

    @BeforeEach
    void setUp() throws Exception {
        server = StubServer.start();
        cli = Cli.withHome(home).loggedIn(server.url(), "saved-token");
        kubeconfigFile = Files.writeString(home.resolve("kubeconfig.yaml"), KUBECONFIG, StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    @DisplayName("POSTs name, the file's text, context, env, tags and namespaces as JSON and prints the 201 as a row")
    void createFromFile() {
        server.json("POST", CREATE, 201, Fixtures.DEMO);

        Cli.Result result = cli.run(
                "cluster",
                "create",
                "--name",
                "demo",
                "--kubeconfig",
                kubeconfigFile.toString(),
                "--context",
                "demo-ctx",
                "--env",
                "demo",
                "--tag",
                "a",
                "--tag",
                "b",
                "--namespace",
                "shop",
                "--namespace",
                "pay");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(CREATE);
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.json())
                    .isEqualTo(JsonNodeFactory.instance
                            .objectNode()
                            .put("name", "demo")
                            .put("kubeconfig", KUBECONFIG)
                            .put("context", "demo-ctx")
                            .put("env", "demo")
                            .<JsonNode>set(
                                    "tags",
                                    JsonNodeFactory.instance
                                            .arrayNode()
                                            .add("a")
                                            .add("b"))
                            .set(
                                    "namespaces",
                                    JsonNodeFactory.instance
                                            .arrayNode()
                                            .add("shop")
                                            .add("pay")));
        });
        assertThat(result.out()).isEqualTo("""
                ID   NAME   ENV    STATUS    VERSION   NODES   SIMULATED   LAST-SEEN
                1    demo   demo   Healthy   v1.31.0   3       yes         90s
                """);
    }

    @Test
    @DisplayName("--kubeconfig - reads stdin; unset context and env are left out, tags and namespaces sent empty")
    void createFromStdin() {
        server.json("POST", CREATE, 201, Fixtures.PENDING);

        Cli.Result result =
                cli.stdin(KUBECONFIG).run("cluster", "create", "--name", "new", "--kubeconfig", "-", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode body = server.requests().get(0).json();
        assertThat(body.path("kubeconfig").asString()).isEqualTo(KUBECONFIG);
        assertThat(body.has("context")).isFalse();
        assertThat(body.has("env")).isFalse();
        assertThat(body.path("tags").isArray()).isTrue();
        assertThat(body.path("tags")).isEmpty();
        assertThat(body.path("namespaces")).isEmpty();
        assertThat(Json.readTree(result.out())).isEqualTo(Json.readTree(Fixtures.PENDING));
    }

    @Test
    @DisplayName("a missing kubeconfig file is a usage error (exit 2) and nothing is sent")
    void missingFile() {
        Cli.Result result = cli.run(
                "cluster",
                "create",
                "--name",
                "x",
                "--kubeconfig",
                home.resolve("nope.yaml").toString());

        assertThat(result.err()).contains("kubeconfig file not found: ");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("an empty or oversized kubeconfig is a usage error and nothing is sent")
    void emptyOrHugeKubeconfig() throws Exception {
        Path huge = home.resolve("huge");
        Files.write(huge, new byte[ClusterCreateCommand.MAX_KUBECONFIG_BYTES + 1]);

        Cli.Result empty = cli.stdin("  \n").run("cluster", "create", "--name", "x", "--kubeconfig", "-");
        Cli.Result big = cli.run("cluster", "create", "--name", "x", "--kubeconfig", huge.toString());
        Cli.Result directory = cli.run("cluster", "create", "--name", "x", "--kubeconfig", home.toString());

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("kubeconfig from - is empty");
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err()).contains("larger than 1 MiB");
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("cannot read kubeconfig");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("--name and --kubeconfig are required (exit 2, no request)")
    void requiredOptions() {
        Cli.Result result = cli.run("cluster", "create", "--kubeconfig", kubeconfigFile.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--name=NAME'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("a 409 problem prints detail, code and field, exits 1, and the kubeconfig never reaches the output")
    void conflict() {
        server.problem("POST", CREATE, 409, "CLUSTER_NAME_TAKEN", "a cluster named demo already exists", "name");

        Cli.Result result = cli.run("cluster", "create", "--name", "demo", "--kubeconfig", kubeconfigFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: a cluster named demo already exists (CLUSTER_NAME_TAKEN)\n  field: name\n");
        assertThat(result.out()).isEmpty();
        assertThat(result.out() + result.err()).doesNotContain("kube-secret");
    }

    @Test
    @DisplayName("-o yaml prints the created cluster as YAML")
    void yaml() {
        server.json("POST", CREATE, 201, Fixtures.PROD);

        Cli.Result result = cli.run(
                "cluster", "create", "--name", "prod-eu-west", "--kubeconfig", kubeconfigFile.toString(), "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("id: 12\nname: prod-eu-west\n").contains("tags:\n- eu\n");
    }
}
