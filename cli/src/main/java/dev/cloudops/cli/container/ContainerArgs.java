package dev.cloudops.cli.container;

import dev.cloudops.cli.cluster.ClusterLookup;
import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.Session;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code CLUSTER NAMESPACE POD [-c CONTAINER]}, mixed into every container command. */
final class ContainerArgs {

    @Parameters(
            index = "0",
            paramLabel = "CLUSTER",
            description = "Cluster id, or its name (a value of digits only is taken as an id).")
    private String cluster;

    @Parameters(index = "1", paramLabel = "NAMESPACE", description = "The pod's namespace.")
    private String namespace;

    @Parameters(index = "2", paramLabel = "POD", description = "The pod's name.")
    private String pod;

    @Option(
            names = {"-c", "--container"},
            paramLabel = "CONTAINER",
            description = "Container name (default: the pod's only container, or the one its"
                    + " kubectl.kubernetes.io/default-container annotation names).")
    private String container;

    /**
     * The container these arguments name: the cluster name resolved to its id, and the container looked up in the
     * pod when {@code -c} was not given.
     */
    ContainerTarget resolve(ApiClient client, Session session) {
        long clusterId = ClusterLookup.idOf(client, cluster);
        String name = container;
        if (name == null) {
            name = Pods.defaultContainer(Pods.get(client, clusterId, namespace, pod), namespace, pod);
            if (session.verbose()) {
                session.err().println("container: " + name + " (not given with -c)");
                session.err().flush();
            }
        }
        return new ContainerTarget(clusterId, namespace, pod, name);
    }
}
