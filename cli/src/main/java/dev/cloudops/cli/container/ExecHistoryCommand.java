package dev.cloudops.cli.container;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.OutputFormat;
import dev.cloudops.cli.core.OutputOptions;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code cloudops exec-history}: one page of what was run in a container ({@code GET …/exec/history}). A command
 * of its own rather than {@code exec history}, so that no cluster name is ever taken for a subcommand.
 */
@Command(
        name = "exec-history",
        mixinStandardHelpOptions = true,
        description = {
            "List what was run in a container, newest first: commands (refusals included) and terminal sessions.",
            "Needs read rights on the namespace."
        })
public final class ExecHistoryCommand implements Callable<Integer> {

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ContainerArgs target = new ContainerArgs();

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--page", paramLabel = "N", description = "Zero-based page number (default: ${DEFAULT-VALUE}).")
    private int page = 0;

    @Option(names = "--size", paramLabel = "N", description = "Entries per page, 1-500 (default: ${DEFAULT-VALUE}).")
    private int size = 20;

    /** The command, opening its session from {@code sessions}. */
    public ExecHistoryCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        if (page < 0) {
            throw new ParameterException(spec.commandLine(), "--page must be 0 or more but was " + page);
        }
        if (size < 1 || size > 500) {
            throw new ParameterException(spec.commandLine(), "--size must be between 1 and 500 but was " + size);
        }
        Session session = sessions.open(spec);
        ApiClient client = session.client();
        ContainerTarget container = target.resolve(client, session);
        JsonNode answer = client.get(container.path() + "/exec/history?page=" + page + "&size=" + size);
        if (output.format() != OutputFormat.TABLE) {
            session.print(output.format(), answer, () -> null);
            return ExitCode.OK;
        }
        OperationView.Page result = Json.convert(answer, OperationView.Page.class);
        if (!result.itemsOrEmpty().isEmpty()) {
            session.print(
                    OutputFormat.TABLE,
                    answer,
                    () -> HistoryTable.of(
                            result.itemsOrEmpty(), session.context().clock()));
        }
        int shown = result.itemsOrEmpty().size();
        if (shown == 0) {
            session.err()
                    .println(
                            page == 0
                                    ? "No exec history for " + container.label() + "."
                                    : "No entries on page " + page + ".");
        } else if (result.total() != null && (long) page * size + shown < result.total()) {
            session.err()
                    .printf(
                            "Showing %d of %d entries (page %d); use --page %d for more.%n",
                            shown, result.total(), page, page + 1);
        }
        session.err().flush();
        return ExitCode.OK;
    }
}
