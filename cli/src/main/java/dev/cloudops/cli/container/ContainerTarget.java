package dev.cloudops.cli.container;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One container, addressed as the server's container endpoints address it.
 *
 * @param clusterId platform id of the cluster
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the container's name
 */
record ContainerTarget(long clusterId, String namespace, String pod, String container) {

    /** {@code /api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}}, each name encoded as a path segment. */
    String path() {
        return "/api/k8s/containers/" + clusterId + "/" + segment(namespace) + "/" + segment(pod) + "/"
                + segment(container);
    }

    /** {@code namespace/pod/container}, for messages. */
    String label() {
        return namespace + "/" + pod + "/" + container;
    }

    /**
     * A name as one path segment: names come from the command line, and a slash or question mark in one must not
     * address another endpoint.
     */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
