package dev.cloudops.cli.cluster;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cloudops cluster delete}: unregister a cluster by id or by name. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Unregister a cluster. Nothing in the cluster itself is changed.")
public final class ClusterDeleteCommand implements Callable<Integer> {

    /** Page size used while looking a name up; the server may cap it lower, paging copes with that. */
    static final int LOOKUP_PAGE_SIZE = 100;

    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,18}");

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "ID|NAME",
            description = "Cluster id, or its name (a value of digits only is taken as an id).")
    private String cluster;

    /** The command, opening its session from {@code sessions}. */
    public ClusterDeleteCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        Session session = sessions.open(spec);
        ApiClient client = session.client();
        long id;
        String label;
        if (NUMERIC_ID.matcher(cluster).matches()) {
            id = Long.parseLong(cluster);
            label = String.valueOf(id);
        } else {
            id = findIdByName(client, cluster)
                    .orElseThrow(() -> new CliException("cluster \"" + cluster + "\" not found (CLUSTER_NOT_FOUND)"));
            label = "\"" + cluster + "\" (id " + id + ")";
        }
        client.delete("/api/k8s/cluster/" + id);
        session.out().println("cluster " + label + " deleted");
        session.out().flush();
        return ExitCode.OK;
    }

    private static Optional<Long> findIdByName(ApiClient client, String name) {
        long seen = 0;
        for (int page = 0; ; page++) {
            ClusterPage result = Json.convert(
                    client.get(ClusterListCommand.PATH + "?page=" + page + "&size=" + LOOKUP_PAGE_SIZE),
                    ClusterPage.class);
            for (ClusterView view : result.itemsOrEmpty()) {
                if (name.equals(view.name()) && view.id() != null) {
                    return Optional.of(view.id());
                }
            }
            seen += result.itemsOrEmpty().size();
            boolean more = result.total() == null ? !result.itemsOrEmpty().isEmpty() : seen < result.total();
            if (result.itemsOrEmpty().isEmpty() || !more) {
                return Optional.empty();
            }
        }
    }
}
