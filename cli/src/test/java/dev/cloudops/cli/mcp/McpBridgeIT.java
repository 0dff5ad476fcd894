package dev.cloudops.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cloudops mcp (stdio to Streamable HTTP bridge)")
class McpBridgeIT {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

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
    @DisplayName("relays each line with the token and session id; JSON and event-stream answers come back one per line")
    void relays() {
        server.handle("POST", "/mcp", (exchange, call) -> {
            // Calls in order: initialize, the initialized notification, tools/list.
            if (call == 1) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Mcp-Session-Id", "session-1");
                byte[] answer = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
                                + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"cloudops\",\"version\":\"1\"}}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } else if (call == 2) {
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody()
                        .write(("id: a\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,\n"
                                        + "data: \"result\":{\"tools\":[]}}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        });
        server.respond("DELETE", "/mcp", 200, "text/plain", "");

        var run = cli.stdin(INIT + "\n" + INITIALIZED + "\n\n" + LIST + "\n").run("mcp");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).contains("\"serverInfo\"", "\"id\":1");
            assertThat(lines.get(1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[]}}");
        });
        var requests = server.requests();
        assertThat(requests).extracting(StubServer.Request::method).containsExactly("POST", "POST", "POST", "DELETE");
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer saved-token"));
        assertThat(requests.get(0).header("Mcp-Session-Id")).isNull();
        assertThat(requests.get(0).header("Accept")).contains("application/json", "text/event-stream");
        assertThat(requests.subList(1, 4))
                .allSatisfy(r -> assertThat(r.header("Mcp-Session-Id")).isEqualTo("session-1"));
        assertThat(requests.get(2).header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
        assertThat(requests.get(2).body()).isEqualTo(LIST);
    }

    @Test
    @DisplayName("a 401 becomes a JSON-RPC error for that request telling to log in; a non-JSON line a parse error")
    void errors() {
        server.problem("POST", "/mcp", 401, "invalid-token", "The bearer token is unknown, expired or revoked", null);

        var run = cli.env("CLOUDOPS_TOKEN", "revoked")
                .stdin(INIT + "\nnot json\n" + INITIALIZED + "\n")
                .run("mcp");

        assertThat(run.exitCode()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"id\":1", "\"code\":-32000", "401", "cloudops login");
        assertThat(lines.get(1)).contains("\"id\":null", "-32700");
        assertThat(run.err()).contains("HTTP 401");
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer revoked"));
    }

    @Test
    @DisplayName("an unreachable server is a JSON-RPC error, not a crash; standard output stays protocol only")
    void unreachable() {
        server.close();
        var run = cli.stdin(INIT + "\n").run("mcp");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip())
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\"")
                .contains("unreachable");
        assertThat(run.err()).contains("unreachable");
    }
}
