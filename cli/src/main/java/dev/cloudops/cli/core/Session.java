package dev.cloudops.cli.core;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Everything one command invocation needs: its output streams, the process context, the config store and
 * API clients built from {@code --config}, {@code --verbose}, the environment and the saved login.
 */
public final class Session {

    private final CliContext context;
    private final Path configDirOption;
    private final boolean verbose;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * A session.
     *
     * @param context the process around the CLI
     * @param configDirOption the {@code --config} directory, or {@code null}
     * @param verbose whether to log request lines to {@code err}
     * @param out where results go
     * @param err where errors, hints and the verbose log go
     */
    public Session(CliContext context, Path configDirOption, boolean verbose, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.configDirOption = configDirOption;
        this.verbose = verbose;
        this.out = out;
        this.err = err;
    }

    /** The process context. */
    public CliContext context() {
        return context;
    }

    /** Standard output of the command. */
    public PrintWriter out() {
        return out;
    }

    /** Standard error of the command. */
    public PrintWriter err() {
        return err;
    }

    /**
     * Standard output as bytes, for relaying another program's output exactly; {@link #out()} is flushed first so
     * that nothing printed before is overtaken.
     */
    public OutputStream rawOut() {
        out.flush();
        return context.stdio().out();
    }

    /** Standard error as bytes; {@link #err()} is flushed first. */
    public OutputStream rawErr() {
        err.flush();
        return context.stdio().err();
    }

    /** Whether {@code --verbose} was given: commands may then explain choices they made on their own. */
    public boolean verbose() {
        return verbose;
    }

    /** The store for the config directory chosen by {@code --config}, the environment or the default. */
    public ConfigStore configStore() {
        return new ConfigStore(ConfigStore.resolveDir(configDirOption, context));
    }

    /** A client for {@code server} sending {@code token} (or none when {@code null}). */
    public ApiClient client(URI server, String token) {
        return new ApiClient(server, token, verbose ? err : null, Version.current());
    }

    /**
     * A client for the server the user logged in to, with its token. {@code CLOUDOPS_SERVER} and
     * {@code CLOUDOPS_TOKEN} override the config file. The saved token is only sent to the server it was issued
     * by: pointing {@code CLOUDOPS_SERVER} elsewhere without {@code CLOUDOPS_TOKEN} sends no token.
     *
     * @throws CliException when no server is configured or a configured URL is invalid
     */
    public ApiClient client() {
        Endpoint endpoint = endpoint();
        return client(endpoint.server(), endpoint.token());
    }

    /** The server URL and the token {@link #client()} would use; {@code token} is null when there is none. */
    public record Endpoint(URI server, String token) {}

    /**
     * The server the user logged in to and its token, with {@code CLOUDOPS_SERVER} and {@code CLOUDOPS_TOKEN}
     * overriding the config file, for commands that speak another protocol than the REST API to it (MCP).
     *
     * @throws CliException when no server is configured or a configured URL is invalid
     */
    public Endpoint endpoint() {
        Optional<CliConfig> saved = configStore().load();
        Optional<URI> savedServer = saved.map(CliConfig::server).map(text -> parseServer(text, "config file"));
        URI server = context.envValue(CliContext.SERVER_ENV)
                .map(text -> parseServer(text, CliContext.SERVER_ENV))
                .or(() -> savedServer)
                .orElseThrow(() -> new CliException(
                        "no server configured; run `cloudops login --server URL` or set " + CliContext.SERVER_ENV));
        String token = context.envValue(CliContext.TOKEN_ENV)
                .orElseGet(() -> savedServer
                        .filter(server::equals)
                        .flatMap(ignored -> saved.map(CliConfig::token))
                        .orElse(null));
        return new Endpoint(server, token);
    }

    /** Prints {@code node} as JSON or YAML, or the table {@code table} builds, then flushes. */
    public void print(OutputFormat format, JsonNode node, Supplier<Table> table) {
        switch (format) {
            case JSON -> out.println(Json.pretty(node));
            case YAML -> out.print(Json.yaml(node));
            case TABLE -> out.print(table.get().render());
        }
        out.flush();
    }

    private static URI parseServer(String text, String source) {
        try {
            return ServerUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " (from " + source + ")", ExitCode.ERROR, e);
        }
    }
}
