package dev.cloudops.cli.mcp;

import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import dev.cloudops.cli.core.Version;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cloudops mcp}: the platform's MCP server on standard input and output, for local agents. */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the CloudOps MCP tools over standard input and output (MCP's stdio transport) for a local agent,"
                    + " relaying every message to the server's /mcp endpoint with your saved login or CLOUDOPS_TOKEN.",
            "The server applies your grants and its MCP settings to every call and audits it. Standard output"
                    + " carries only MCP messages; diagnostics go to standard error."
        },
        footer = {
            "",
            "Example (an agent's MCP configuration):",
            "  {\"command\": \"cloudops\", \"args\": [\"mcp\"],",
            "   \"env\": {\"CLOUDOPS_SERVER\": \"https://cloudops.example.com\", \"CLOUDOPS_TOKEN\": \"cop_…\"}}"
        })
public final class McpCommand implements Callable<Integer> {

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    public McpCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        Session session = sessions.open(spec);
        Session.Endpoint endpoint = session.endpoint();
        if (endpoint.token() == null) {
            session.err()
                    .println(
                            "cloudops mcp: no token; run `cloudops login` or set CLOUDOPS_TOKEN (the server will answer"
                                    + " 401 to every message)");
            session.err().flush();
        }
        var out = new OutputStreamWriter(session.rawOut(), StandardCharsets.UTF_8);
        var bridge = new McpBridge(endpoint.server(), endpoint.token(), out, session.err(), Version.current());
        try {
            bridge.run(session.context().stdin());
        } catch (IOException e) {
            throw new CliException("standard input failed: " + e.getMessage(), ExitCode.ERROR, e);
        }
        return ExitCode.OK;
    }
}
