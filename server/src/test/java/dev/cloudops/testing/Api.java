package dev.cloudops.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the platform's API, as an operator's script would use it. */
public final class Api {

    /** A response: status, content type and body (parsed when it is JSON). */
    public record Response(int status, String contentType, String text, JsonNode json) {
        public String code() {
            return json == null ? null : json.path("code").asString(null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response get(String path, String token, String accept) {
        return send(request(path, token).header("Accept", accept).GET().build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public Response post(String path, Object body, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                .build());
    }

    public Response postText(String path, String body, String contentType, String token) {
        return send(request(path, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public Response put(String path, Object body, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** A response read as bytes (downloads), with its headers. */
    public record Bytes(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public Bytes getBytes(String path, String token) {
        try {
            HttpResponse<byte[]> r =
                    http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response postBytes(String path, byte[] body, String contentType, String token) {
        return send(request(path, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A multipart/form-data POST with one file part per entry (part name {@code part}, file name the key). */
    public Response postFiles(String path, String part, java.util.Map<String, byte[]> files, String token) {
        String boundary = "----cloudops-test-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return postBytes(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary, token);
    }

    public String login(String username, String password) {
        Response r = post("/api/auth/login", java.util.Map.of("username", username, "password", password), null);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.text());
        }
        return r.json().path("token").asString();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json")
                            && !type.contains("jsonl")
                            && !r.body().isEmpty()
                    ? JSON.readTree(r.body())
                    : null;
            return new Response(r.statusCode(), type, r.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
