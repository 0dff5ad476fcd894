package dev.cloudops.cli;

import dev.cloudops.cli.auth.LoginCommand;
import dev.cloudops.cli.cluster.ClusterCommand;
import dev.cloudops.cli.cluster.ClusterCreateCommand;
import dev.cloudops.cli.cluster.ClusterDeleteCommand;
import dev.cloudops.cli.cluster.ClusterListCommand;
import dev.cloudops.cli.container.ExecCommand;
import dev.cloudops.cli.container.ExecHistoryCommand;
import dev.cloudops.cli.container.LogsCommand;
import dev.cloudops.cli.core.CliContext;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import dev.cloudops.cli.core.Version;
import dev.cloudops.cli.mcp.McpCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code cloudops}, the command-line client of CloudOps K8s. It owns the options every subcommand inherits
 * ({@code --config}, {@code --verbose}) and hands each subcommand a {@link Session} built from them.
 *
 * <p>Exit codes: 0 success, 1 API or local error, 2 usage error, 3 server unreachable; {@code exec} exits with the
 * command's own exit code once the command ran.
 */
@Command(
        name = "cloudops",
        mixinStandardHelpOptions = true,
        versionProvider = CloudOps.VersionProvider.class,
        description = "Operate the Kubernetes clusters managed by a CloudOps K8s server.",
        footer = {
            "",
            "Environment:",
            "  CLOUDOPS_SERVER      server URL, overrides the saved one",
            "  CLOUDOPS_TOKEN       bearer token, overrides the saved one",
            "  CLOUDOPS_CONFIG_DIR  config directory (default: ~/.cloudops)",
            "",
            "Exit codes:",
            "  0  success",
            "  1  error answered by the server, or bad local state",
            "  2  usage error",
            "  3  server unreachable",
            "  cloudops exec: the command's own exit code once it ran; 124 if it timed out"
        })
public final class CloudOps implements Callable<Integer>, SessionFactory {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Config directory holding config.json (default: $CLOUDOPS_CONFIG_DIR, then ~/.cloudops).")
    private Path configDir;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Log each request's method and URL to standard error.")
    private boolean verbose;

    private CloudOps(CliContext context) {
        this.context = context;
    }

    /** Runs the CLI in this process and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(newCommandLine(CliContext.system()).execute(args));
    }

    /**
     * The full command tree bound to {@code context}. Set out and err on the result (they reach every
     * subcommand; they must write to the same place as {@code context.stdio()}) and call
     * {@link CommandLine#execute}.
     *
     * <p>{@code @file} arguments are not expanded: after {@code exec … --} an argument is the remote command's,
     * and {@code cat @/etc/hosts} must not send a local file's lines instead.
     */
    public static CommandLine newCommandLine(CliContext context) {
        CloudOps root = new CloudOps(context);
        CommandLine cluster = new CommandLine(new ClusterCommand())
                .addSubcommand(new ClusterListCommand(root))
                .addSubcommand(new ClusterCreateCommand(root))
                .addSubcommand(new ClusterDeleteCommand(root));
        return new CommandLine(root)
                .addSubcommand(new LoginCommand(root))
                .addSubcommand(cluster)
                .addSubcommand(new ExecCommand(root))
                .addSubcommand(new ExecHistoryCommand(root))
                .addSubcommand(new LogsCommand(root))
                .addSubcommand(new McpCommand(root))
                .setExpandAtFiles(false)
                .setExecutionExceptionHandler(new ErrorHandler(() -> root.verbose));
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "Missing required subcommand: login, cluster, exec, exec-history, logs or mcp");
    }

    @Override
    public Session open(CommandSpec command) {
        return new Session(
                context,
                configDir,
                verbose,
                command.commandLine().getOut(),
                command.commandLine().getErr());
    }

    /** {@code cloudops --version}: the CLI version and the Java runtime it runs on. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cloudops " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
