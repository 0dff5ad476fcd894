package dev.cloudops.cli.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The server's REST API over {@link HttpClient}: JSON in and out, a bearer token when there is one, and every
 * failure translated once — an error status into {@link ApiException} (from the RFC 9457 problem document
 * when the server sent one), no answer at all into {@link ServerUnreachableException}.
 *
 * <p>The token is only ever put in the {@code Authorization} header; {@code --verbose} logs the method and URL.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI server;
    private final String token;
    private final PrintWriter verboseLog;
    private final String userAgent;

    /**
     * A client for {@code server}.
     *
     * @param server normalised base URL (see {@link ServerUrl#parse})
     * @param token bearer token, or {@code null} for anonymous calls
     * @param verboseLog where to log each request's method and URL, or {@code null} for silence
     * @param version CLI version, sent in the {@code User-Agent}
     */
    public ApiClient(URI server, String token, PrintWriter verboseLog, String version) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.server = server;
        this.token = token;
        this.verboseLog = verboseLog;
        this.userAgent = "cloudops-cli/" + version;
    }

    /** The server base URL. */
    public URI server() {
        return server;
    }

    /** GETs {@code pathAndQuery} (already encoded) and returns the JSON body. */
    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody());
    }

    /** POSTs {@code body} as JSON and returns the JSON answer. */
    public JsonNode post(String path, Object body) {
        String json = Json.write(body);
        return send("POST", path, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** DELETEs {@code path}; any body of the answer is ignored. */
    public void delete(String path) {
        send("DELETE", path, HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode send(String method, String pathAndQuery, HttpRequest.BodyPublisher body) {
        URI uri = URI.create(server + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON + ", application/problem+json")
                .header("User-Agent", userAgent)
                .method(method, body);
        if (!"GET".equals(method) && !"DELETE".equals(method)) {
            request.header("Content-Type", JSON);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (verboseLog != null) {
            verboseLog.println("> " + method + " " + uri);
            verboseLog.flush();
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServerUnreachableException(server, reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + server, ExitCode.ERROR, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ApiException(status, problemOf(response));
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(
                    "unexpected answer from " + uri + ": HTTP " + status + " with a body that is not JSON",
                    ExitCode.ERROR,
                    e);
        }
    }

    private static Problem problemOf(HttpResponse<String> response) {
        int status = response.statusCode();
        String contentType =
                response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String text = response.body();
        if (contentType.contains("json") && text != null && !text.isBlank()) {
            try {
                return Json.read(text, Problem.class).completedWith(status);
            } catch (JacksonException e) {
                return Problem.ofStatus(status);
            }
        }
        return Problem.ofStatus(status);
    }

    private static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out after " + CONNECT_TIMEOUT.toSeconds() + "s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed (" + e.getMessage() + ")";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            String message = null;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                message = cause.getMessage() == null ? message : cause.getMessage();
            }
            return message == null ? "connection refused" : message.toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
