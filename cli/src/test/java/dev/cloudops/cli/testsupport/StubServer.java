package dev.cloudops.cli.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cloudops.cli.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server on a free loopback port that answers canned responses and records every request it
 * receives, so tests can assert what the CLI actually put on the wire.
 */
public final class StubServer implements AutoCloseable {

    /** A request as received. Header names are lower case; only the first value of each is kept. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        /** The header value, or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body parsed as JSON. */
        public JsonNode json() {
            return Json.readTree(body);
        }
    }

    /**
     * Answers one exchange itself: a body written in parts with pauses, an event stream, a connection dropped
     * half-way. Returning closes the exchange normally; throwing drops the connection without ending the body.
     */
    @FunctionalInterface
    public interface Handler {
        /** Sends the answer to {@code exchange}; {@code call} counts the calls of this handler from 1. */
        void handle(HttpExchange exchange, int call) throws IOException, InterruptedException;
    }

    private record Response(int status, String contentType, String body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Response> routes = new ConcurrentHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // One thread per exchange: a handler that holds a stream open must not hold up the next request.
        server.setExecutor(threads);
        server.start();
    }

    /** A started server. */
    public static StubServer start() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers {@code method target}; {@code target} is a path, or a path with its exact query, which then wins
     * over the plain path.
     */
    public StubServer respond(String method, String target, int status, String contentType, String body) {
        routes.put(method + " " + target, new Response(status, contentType, body));
        return this;
    }

    /** Answers {@code method target} (as in {@link #respond}) with {@code handler}, which wins over canned answers. */
    public StubServer handle(String method, String target, Handler handler) {
        handlers.put(method + " " + target, handler);
        return this;
    }

    /** Answers with an {@code application/json} body. */
    public StubServer json(String method, String target, int status, String body) {
        return respond(method, target, status, "application/json", body);
    }

    /** Answers with an RFC 9457 problem. */
    public StubServer problem(String method, String target, int status, String code, String detail, String field) {
        String fieldMember = field == null ? "" : ",\"field\":\"" + field + "\"";
        return respond(
                method,
                target,
                status,
                "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Error\",\"status\":" + status + ",\"detail\":\"" + detail
                        + "\",\"code\":\"" + code + "\"" + fieldMember + "}");
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Stops the server and drops its connections; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        requests.add(new Request(method, uri.getPath(), uri.getRawQuery(), Map.copyOf(headers), body));
        String exact = method + " " + uri.getPath() + "?" + uri.getRawQuery();
        String plain = method + " " + uri.getPath();
        String key = handlers.containsKey(exact) ? exact : plain;
        Handler handler = handlers.get(key);
        if (handler != null) {
            try {
                handler.handle(
                        exchange,
                        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stub stopped", e);
            }
            exchange.close();
            return;
        }
        try (exchange) {
            Response response = routes.get(method + " " + uri.getPath() + "?" + uri.getRawQuery());
            if (response == null) {
                response = routes.get(method + " " + uri.getPath());
            }
            if (response == null) {
                response = new Response(
                        404,
                        "application/problem+json",
                        "{\"status\":404,\"detail\":\"no stub for " + method + " " + uri.getPath()
                                + "\",\"code\":\"STUB_NO_ROUTE\"}");
            }
            byte[] bytes =
                    response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
