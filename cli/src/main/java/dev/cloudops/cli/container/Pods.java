package dev.cloudops.cli.container;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the CLI reads from a pod object ({@code GET /api/k8s/resources/{clusterId}/pods/{namespace}/{pod}}): which
 * container to use when none is named, and whether a container is running. The reading is pure, on the JSON the
 * server returns, so it is tested without a server.
 */
final class Pods {

    /** The annotation kubectl reads to pick a pod's container when none is named. */
    static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    private Pods() {}

    /** The pod object, as JSON. */
    static JsonNode get(ApiClient client, long clusterId, String namespace, String pod) {
        return client.get("/api/k8s/resources/" + clusterId + "/pods/" + ContainerTarget.segment(namespace) + "/"
                + ContainerTarget.segment(pod));
    }

    /** The names of the pod's (regular) containers, in spec order. */
    static List<String> containers(JsonNode pod) {
        List<String> names = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            String name = container.path("name").asString("");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The container to use when none was named: the only one, or the one the pod's
     * {@value #DEFAULT_CONTAINER_ANNOTATION} annotation names, as kubectl does.
     *
     * @throws CliException listing the containers when the choice is the user's
     */
    static String defaultContainer(JsonNode pod, String namespace, String podName) {
        List<String> names = containers(pod);
        if (names.size() == 1) {
            return names.get(0);
        }
        String annotated = pod.path("metadata")
                .path("annotations")
                .path(DEFAULT_CONTAINER_ANNOTATION)
                .asString("");
        if (names.contains(annotated)) {
            return annotated;
        }
        if (names.isEmpty()) {
            throw new CliException("pod " + namespace + "/" + podName + " lists no containers; name one with -c");
        }
        throw new CliException("pod " + namespace + "/" + podName + " has " + names.size() + " containers ("
                + String.join(", ", names) + "); choose one with -c");
    }

    /**
     * Whether {@code container} (regular, init or ephemeral) is running, by the pod's status; empty when the
     * status does not mention it.
     */
    static Optional<Boolean> running(JsonNode pod, String container) {
        JsonNode status = pod.path("status");
        for (String list : List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
            for (JsonNode entry : status.path(list)) {
                if (container.equals(entry.path("name").asString(""))) {
                    return Optional.of(entry.path("state").has("running"));
                }
            }
        }
        return Optional.empty();
    }
}
