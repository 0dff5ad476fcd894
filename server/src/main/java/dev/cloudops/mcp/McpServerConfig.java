package dev.cloudops.mcp;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.security.CurrentUser;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server: the SDK's Streamable HTTP servlet at {@code /mcp}, behind the platform's security filter chain
 * like every other path (a request without a valid API token gets 401 before the servlet sees it), and one tool
 * specification per advertised {@link McpTool}. The caller authenticated by the filter travels with each message
 * as transport context, so tools run as that caller even off the request thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cloudops.mcp.enabled", havingValue = "true", matchIfMissing = true)
class McpServerConfig {

    static final String PATH = "/mcp";
    static final String USER = "cloudops.user";
    static final String CLIENT_IP = "cloudops.clientIp";

    @Bean
    HttpServletStreamableServerTransportProvider mcpTransport(JsonMapper json, CloudOpsProperties properties) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .mcpEndpoint(PATH)
                .maxRequestSize(
                        (int) Math.min(Integer.MAX_VALUE, properties.web().maxBodyBytes()))
                .contextExtractor(request -> {
                    Map<String, Object> context = new HashMap<>();
                    var auth = SecurityContextHolder.getContext().getAuthentication();
                    if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
                        context.put(USER, user);
                    }
                    context.put(CLIENT_IP, request.getRemoteAddr());
                    return McpTransportContext.create(context);
                })
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        var registration = new ServletRegistrationBean<>(transport, PATH);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean(destroyMethod = "closeGracefully")
    McpSyncServer mcpServer(
            HttpServletStreamableServerTransportProvider transport,
            McpTools tools,
            ToolDispatcher dispatcher,
            McpProperties properties,
            JsonMapper json) {
        var specs = tools.advertised().stream()
                .map(tool -> SyncToolSpecification.builder()
                        .tool(ToolDescriptions.describe(tool))
                        .callHandler((exchange, request) -> dispatcher.call(
                                tool,
                                request.arguments(),
                                (CurrentUser) exchange.transportContext().get(USER),
                                (String) exchange.transportContext().get(CLIENT_IP)))
                        .build())
                .toList();
        return McpServer.sync(transport)
                .serverInfo(new McpSchema.Implementation("cloudops", "CloudOps K8s", version()))
                .instructions("CloudOps K8s: analyse and operate the Kubernetes clusters you are granted. Start with"
                        + " clusters_list, then cluster_scan or health_check; narrow big answers with namespace,"
                        + " labelSelector, fields, tail or grep. Secret values are always masked.")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(new JacksonMcpJsonMapper(json))
                // The dispatcher checks arguments itself, so a bad call is audited like any other.
                .validateToolInputs(false)
                .immediateExecution(true)
                .toolFilters(filters -> filters.add((context, tool) -> !properties.readOnly()
                        || Boolean.TRUE.equals(tool.annotations().readOnlyHint())))
                .tools(specs)
                .build();
    }

    private static String version() {
        String version = McpServerConfig.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
