package dev.cloudops.cli.core;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
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
    private static final String PROBLEM = "application/problem+json";
    /** How much of an error answer to a streamed request is read to find the problem document in it. */
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;

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
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), REQUEST_TIMEOUT);
    }

    /** POSTs {@code body} as JSON and returns the JSON answer. */
    public JsonNode post(String path, Object body) {
        return post(path, body, REQUEST_TIMEOUT);
    }

    /**
     * POSTs {@code body} as JSON and waits up to {@code timeout} for the answer: for requests the server itself
     * may take minutes to answer, such as a command run in a container.
     */
    public JsonNode post(String path, Object body, Duration timeout) {
        String json = Json.write(body);
        return send("POST", path, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), timeout);
    }

    /** DELETEs {@code path}; any body of the answer is ignored. */
    public void delete(String path) {
        send("DELETE", path, HttpRequest.BodyPublishers.noBody(), REQUEST_TIMEOUT);
    }

    /**
     * GETs {@code pathAndQuery} and hands back the body as it arrives, for answers too long or too lasting to
     * hold (a log, an event stream). Only the wait for the status line is bounded; reading the body is not.
     * The caller closes the stream; closing it early drops the connection.
     *
     * @param accept the media type asked for, e.g. {@code text/plain}
     * @param headers further request headers, e.g. {@code Last-Event-ID}
     * @throws ApiException for an error status, with the problem the server sent
     */
    public InputStream stream(String pathAndQuery, String accept, Map<String, String> headers) {
        HttpRequest.Builder request = request("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), REQUEST_TIMEOUT)
                .setHeader("Accept", accept + ", " + PROBLEM);
        headers.forEach(request::header);
        HttpResponse<InputStream> response =
                exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream(), REQUEST_TIMEOUT);
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return response.body();
        }
        String text;
        try (InputStream body = response.body()) {
            text = new String(body.readNBytes(MAX_PROBLEM_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = null;
        }
        throw new ApiException(status, problemOf(status, contentType(response), text));
    }

    private JsonNode send(String method, String pathAndQuery, HttpRequest.BodyPublisher body, Duration timeout) {
        HttpRequest.Builder request = request(method, pathAndQuery, body, timeout);
        if (!"GET".equals(method) && !"DELETE".equals(method)) {
            request.header("Content-Type", JSON);
        }
        HttpResponse<String> response =
                exchange(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), timeout);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ApiException(status, problemOf(status, contentType(response), response.body()));
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(
                    "unexpected answer from " + response.uri() + ": HTTP " + status + " with a body that is not JSON",
                    ExitCode.ERROR,
                    e);
        }
    }

    private HttpRequest.Builder request(
            String method, String pathAndQuery, HttpRequest.BodyPublisher body, Duration timeout) {
        URI uri = URI.create(server + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", JSON + ", " + PROBLEM)
                .header("User-Agent", userAgent)
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (verboseLog != null) {
            verboseLog.println("> " + method + " " + uri);
            verboseLog.flush();
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ServerUnreachableException(server, reason(e, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + server, ExitCode.ERROR, e);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    private static Problem problemOf(int status, String contentType, String text) {
        if (contentType.contains("json") && text != null && !text.isBlank()) {
            try {
                return Json.read(text, Problem.class).completedWith(status);
            } catch (JacksonException e) {
                return Problem.ofStatus(status);
            }
        }
        return Problem.ofStatus(status);
    }

    private static String reason(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out after " + CONNECT_TIMEOUT.toSeconds() + "s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + "s";
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
