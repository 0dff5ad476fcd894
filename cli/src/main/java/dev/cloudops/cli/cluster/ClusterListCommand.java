package dev.cloudops.cli.cluster;

import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.OutputFormat;
import dev.cloudops.cli.core.OutputOptions;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code cloudops cluster list}: one page of registered clusters. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clusters, one page at a time.")
public final class ClusterListCommand implements Callable<Integer> {

    static final String PATH = "/api/k8s/cluster/list";

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--env", paramLabel = "ENV", description = "Only clusters of this environment.")
    private String env;

    @Option(names = "--page", paramLabel = "N", description = "Zero-based page number (default: ${DEFAULT-VALUE}).")
    private int page = 0;

    @Option(names = "--size", paramLabel = "N", description = "Clusters per page, 1-500 (default: ${DEFAULT-VALUE}).")
    private int size = 20;

    /** The command, opening its session from {@code sessions}. */
    public ClusterListCommand(SessionFactory sessions) {
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
        StringBuilder query = new StringBuilder(PATH)
                .append("?page=")
                .append(page)
                .append("&size=")
                .append(size);
        if (env != null) {
            query.append("&env=").append(URLEncoder.encode(env, StandardCharsets.UTF_8));
        }
        JsonNode answer = session.client().get(query.toString());
        ClusterPage result = Json.convert(answer, ClusterPage.class);
        if (output.format() != OutputFormat.TABLE) {
            session.print(output.format(), answer, () -> null);
            return ExitCode.OK;
        }
        if (!result.itemsOrEmpty().isEmpty()) {
            session.print(
                    OutputFormat.TABLE,
                    answer,
                    () -> ClusterTable.of(
                            result.itemsOrEmpty(), session.context().clock()));
        }
        printFooter(session, result);
        return ExitCode.OK;
    }

    private void printFooter(Session session, ClusterPage result) {
        int shown = result.itemsOrEmpty().size();
        if (shown == 0) {
            session.err().println(page == 0 ? "No clusters found." : "No clusters on page " + page + ".");
        } else if (result.total() != null && (long) page * size + shown < result.total()) {
            session.err()
                    .printf(
                            "Showing %d of %d clusters (page %d); use --page %d for more.%n",
                            shown, result.total(), page, page + 1);
        }
        session.err().flush();
    }
}
