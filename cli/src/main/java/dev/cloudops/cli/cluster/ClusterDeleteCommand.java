package dev.cloudops.cli.cluster;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.util.concurrent.Callable;
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
        if (ClusterLookup.isId(cluster)) {
            id = Long.parseLong(cluster);
            label = String.valueOf(id);
        } else {
            id = ClusterLookup.findIdByName(client, cluster).orElseThrow(() -> ClusterLookup.notFound(cluster));
            label = "\"" + cluster + "\" (id " + id + ")";
        }
        client.delete("/api/k8s/cluster/" + id);
        session.out().println("cluster " + label + " deleted");
        session.out().flush();
        return ExitCode.OK;
    }
}
