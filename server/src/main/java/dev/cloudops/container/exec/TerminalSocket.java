package dev.cloudops.container.exec;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The terminal WebSocket, {@code /api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/ws?ticket=…}.
 * The handshake checks the Origin first (the platform's own, or one of {@code cloudops.exec.allowed-origins};
 * clients that send none, such as CLIs, pass) and only then consumes the ticket, so a foreign page cannot burn a
 * user's ticket. Frames are JSON text: {@code {"op":"stdin","data":…}}, {@code {"op":"resize","cols":…,"rows":…}}
 * in; {@code {"op":"stdout","data":…}} and finally {@code {"op":"closed","data":reason,"code":exit}} out.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TerminalSocket implements WebSocketConfigurer {

    static final String PATH = "/api/k8s/containers/*/*/*/*/exec/ws";
    private static final String ATTACHMENT = "cloudops.terminal";
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_BYTES = 512 * 1024;
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final TerminalService terminals;
    private final JsonMapper json;
    private final List<String> allowedOrigins;

    TerminalSocket(TerminalService terminals, JsonMapper json, CloudOpsProperties properties) {
        this.terminals = terminals;
        this.json = json;
        this.allowedOrigins = properties.exec().allowedOrigins();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Handler(), PATH)
                .addInterceptors(new Handshake())
                // The Origin is checked by Handshake, before the ticket is consumed.
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        return container;
    }

    /** The WebSocket in the OpenAPI document, which has no words for one: a GET answered by 101. */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer terminalSocketDocument() {
        return openApi -> {
            var operation = new io.swagger.v3.oas.models.Operation()
                    .addTagsItem("Terminal")
                    .operationId("attachTerminal")
                    .summary("Attach to a terminal (WebSocket)")
                    .description("Upgrades to a WebSocket carrying JSON text frames: {\"op\":\"stdin\",\"data\"},"
                            + " {\"op\":\"resize\",\"cols\",\"rows\"} in; {\"op\":\"stdout\",\"data\"} and"
                            + " finally {\"op\":\"closed\",\"data\",\"code\"} out. Authenticated by the single-use"
                            + " ticket from POST …/exec/terminal, not by a bearer token. Refusals (problem JSON"
                            + " instead of 101): 403 origin-not-allowed, 401 ticket-invalid / ticket-used /"
                            + " ticket-expired. See docs/exec.md.")
                    .responses(new io.swagger.v3.oas.models.responses.ApiResponses()
                            .addApiResponse(
                                    "101",
                                    new io.swagger.v3.oas.models.responses.ApiResponse()
                                            .description("Switching Protocols: the terminal is attached"))
                            .addApiResponse(
                                    "401",
                                    new io.swagger.v3.oas.models.responses.ApiResponse()
                                            .description("ticket-invalid, ticket-used or ticket-expired"))
                            .addApiResponse(
                                    "403",
                                    new io.swagger.v3.oas.models.responses.ApiResponse()
                                            .description("origin-not-allowed")));
            for (String name : List.of("clusterId", "namespace", "pod", "container")) {
                operation.addParametersItem(new io.swagger.v3.oas.models.parameters.PathParameter()
                        .name(name)
                        .schema(new io.swagger.v3.oas.models.media.StringSchema()));
            }
            operation.addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter()
                    .name("ticket")
                    .required(true)
                    .schema(new io.swagger.v3.oas.models.media.StringSchema()));
            openApi.path(
                    "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/ws",
                    new io.swagger.v3.oas.models.PathItem().get(operation));
        };
    }

    /** Checks the Origin, then consumes the ticket; refusals are RFC 9457 problems on the HTTP answer. */
    private final class Handshake implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes)
                throws IOException {
            String origin = request.getHeaders().getOrigin();
            if (origin != null && !WebUtils.isSameOrigin(request) && !allowedOrigins.contains(origin)) {
                return refuse(
                        response,
                        new ApiException(
                                HttpStatus.FORBIDDEN,
                                "origin-not-allowed",
                                "WebSocket from origin " + origin + " refused; allow it with"
                                        + " cloudops.exec.allowed-origins"));
            }
            try {
                String ticket = UriComponentsBuilder.fromUri(request.getURI())
                        .build()
                        .getQueryParams()
                        .getFirst("ticket");
                String clientIp = request.getRemoteAddress() == null
                        ? null
                        : request.getRemoteAddress().getAddress().getHostAddress();
                attributes.put(ATTACHMENT, terminals.attach(ticket, target(request.getURI()), clientIp));
                return true;
            } catch (ApiException e) {
                return refuse(response, e);
            }
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
            // Nothing to do: the session starts in afterConnectionEstablished.
        }

        private boolean refuse(ServerHttpResponse response, ApiException e) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://cloudops.dev/problems/" + e.code());
            problem.put("title", e.status().getReasonPhrase());
            problem.put("status", e.status().value());
            problem.put("detail", e.getMessage());
            problem.put("code", e.code());
            response.setStatusCode(e.status());
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getBody().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
            return false;
        }
    }

    /** {@code /api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/exec/ws}. */
    private static ContainerRef target(URI uri) {
        String[] s = uri.getPath().split("/");
        try {
            return new ContainerRef(Long.parseLong(s[4]), s[5], s[6], s[7]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "ticket-invalid", "Unknown terminal ticket");
        }
    }

    private final class Handler extends TextWebSocketHandler {

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            var attachment =
                    (TerminalService.Attachment) session.getAttributes().get(ATTACHMENT);
            terminals.begin(
                    attachment,
                    new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES));
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            LiveTerminal terminal = terminal(session);
            if (terminal == null) {
                return;
            }
            JsonNode frame;
            try {
                frame = json.readTree(message.getPayload());
            } catch (RuntimeException e) {
                return;
            }
            switch (frame.path("op").asString("")) {
                case "stdin" -> terminal.input(frame.path("data").asString(""));
                case "resize" -> {
                    int cols = frame.path("cols").asInt(0);
                    int rows = frame.path("rows").asInt(0);
                    if (cols > 0 && cols <= 1000 && rows > 0 && rows <= 500) {
                        terminal.resize(cols, rows);
                    }
                }
                default -> {
                    // Unknown operations are ignored, as the Go project's handler does.
                }
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            LiveTerminal terminal = terminal(session);
            if (terminal != null) {
                terminal.close("client closed", null);
            }
        }

        private LiveTerminal terminal(WebSocketSession session) {
            var attachment =
                    (TerminalService.Attachment) session.getAttributes().get(ATTACHMENT);
            return attachment == null
                    ? null
                    : terminals.live(attachment.session().id());
        }
    }
}
