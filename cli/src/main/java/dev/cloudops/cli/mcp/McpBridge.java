package dev.cloudops.cli.mcp;

import dev.cloudops.cli.container.SseReader;
import dev.cloudops.cli.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Relays MCP's stdio transport (one JSON-RPC message per line on standard input and output) to the server's
 * Streamable HTTP endpoint {@code /mcp}: each line is POSTed with the bearer token and the session id the server
 * gave at {@code initialize}; a JSON answer is written back as one line, an event stream as one line per message.
 * Messages are relayed in order, one at a time. When standard input ends, the session is closed with a DELETE.
 *
 * <p>Failures the server answers outside MCP (401 for a missing or revoked token, an unreachable server) become
 * JSON-RPC errors for the request that met them, so the agent sees why; details go to standard error, never to
 * standard output, which carries only protocol messages.
 */
public final class McpBridge {

    /** JSON-RPC "server error" range: the bridge's own failures. */
    static final int BRIDGE_ERROR = -32000;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(15);
    private static final int MAX_ERROR_BODY = 2000;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final URI endpoint;
    private final String token;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String userAgent;
    private String sessionId;
    private String protocolVersion;

    /**
     * A bridge to {@code server}'s {@code /mcp}.
     *
     * @param token the bearer token, or null (the server will then answer 401)
     * @param out standard output: protocol messages only
     * @param err standard error: diagnostics
     */
    public McpBridge(URI server, String token, Writer out, Writer err, String version) {
        this.endpoint = URI.create(server.toString().replaceAll("/+$", "") + "/mcp");
        this.token = token;
        this.out = new PrintWriter(out, true);
        this.err = new PrintWriter(err, true);
        this.userAgent = "cloudops-cli/" + version + " (mcp stdio bridge)";
    }

    /** Relays until {@code in} ends; answers the number of messages relayed. */
    public int run(InputStream in) throws IOException {
        int relayed = 0;
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        try {
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                relay(line);
                relayed++;
            }
        } finally {
            closeSession();
        }
        return relayed;
    }

    void relay(String line) {
        JsonNode message;
        try {
            message = Json.readTree(line);
        } catch (JacksonException e) {
            writeError(null, -32700, "Parse error: the line is not JSON");
            return;
        }
        JsonNode id = message.get("id");
        boolean request = id != null && message.has("method");
        HttpRequest.Builder post = HttpRequest.newBuilder(endpoint)
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8));
        headers(post);
        HttpResponse<InputStream> response;
        try {
            response = http.send(post.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            err.println("cloudops mcp: " + endpoint + " unreachable: " + e.getMessage());
            if (request) {
                writeError(id, BRIDGE_ERROR, "The CloudOps server at " + endpoint + " is unreachable");
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            response.headers().firstValue("Mcp-Session-Id").ifPresent(value -> sessionId = value);
            String type =
                    response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (status >= 200 && status < 300) {
                if (type.startsWith("text/event-stream")) {
                    relayEvents(body);
                } else if (type.contains("json")) {
                    relayJson(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
                return;
            }
            String text = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            err.println("cloudops mcp: the server answered HTTP " + status + ": " + text);
            if (type.contains("json") && text.contains("\"jsonrpc\"")) {
                relayJson(text);
            } else if (request) {
                writeError(id, BRIDGE_ERROR, explain(status, text));
            }
        } catch (IOException e) {
            err.println("cloudops mcp: the answer broke off: " + e.getMessage());
            if (request) {
                writeError(id, BRIDGE_ERROR, "The answer from the CloudOps server broke off: " + e.getMessage());
            }
        }
    }

    private void headers(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
    }

    private void relayEvents(InputStream body) throws IOException {
        SseReader events = new SseReader(body);
        SseReader.Event event;
        while ((event = events.next()) != null) {
            if (!event.data().isBlank()) {
                relayJson(event.data());
            }
        }
    }

    private void relayJson(String text) {
        String compact;
        try {
            JsonNode node = Json.readTree(text);
            JsonNode version = node.path("result").path("protocolVersion");
            if (version.isString()) {
                protocolVersion = version.asString();
            }
            compact = Json.write(node);
        } catch (JacksonException e) {
            err.println("cloudops mcp: the server sent a message that is not JSON; dropped");
            return;
        }
        synchronized (out) {
            out.println(compact);
        }
    }

    private static String explain(int status, String body) {
        if (status == 401) {
            return "The CloudOps server refused the token (HTTP 401: missing, expired or revoked);"
                    + " run `cloudops login` or set CLOUDOPS_TOKEN to a valid API token";
        }
        if (status == 404) {
            return "The CloudOps server does not know this MCP session (HTTP 404); restart the MCP client";
        }
        return "The CloudOps server answered HTTP " + status
                + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(body.length(), 300)));
    }

    private void writeError(JsonNode id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        answer.put("error", error);
        synchronized (out) {
            out.println(Json.write(answer));
        }
    }

    private void closeSession() {
        if (sessionId == null) {
            return;
        }
        HttpRequest.Builder delete = HttpRequest.newBuilder(endpoint)
                .timeout(CONNECT_TIMEOUT)
                .header("User-Agent", userAgent)
                .DELETE();
        headers(delete);
        try {
            http.send(delete.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            err.println("cloudops mcp: could not close the session: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessionId = null;
    }
}
