package dev.cloudops.container;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.KubeExec;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns the {@code {clusterId}/{namespace}/{pod}/{container}} of a request into a container that exec, terminals
 * and file operations may reach: names valid, cluster known, the caller allowed, the cluster real (not the
 * simulated demo, whose containers run nothing) and the container running. Checks run in that order, so a caller
 * without rights learns nothing about the pod.
 */
@Service
public class ContainerTargets {

    private final ClusterService clusters;
    private final AccessPolicy access;
    private final KubeExec kube;

    ContainerTargets(ClusterService clusters, AccessPolicy access, KubeExec kube) {
        this.clusters = clusters;
        this.access = access;
        this.kube = kube;
    }

    /**
     * Checks everything but the container's state; for what must be decided before reaching the cluster.
     *
     * @throws ApiException 400 for invalid names, 404 {@code cluster-not-found}, 403 without {@code action},
     *     501 {@code simulated-cluster}
     */
    public ContainerRef authorize(long clusterId, String namespace, String pod, String container, Action action) {
        checkNames(namespace, pod, container);
        ClusterView cluster = clusters.get(clusterId);
        access.require(action, clusterId, namespace);
        if (cluster.simulated()) {
            throw new ApiException(
                    HttpStatus.NOT_IMPLEMENTED,
                    "simulated-cluster",
                    "Not available on a simulated cluster: the containers of '" + cluster.name()
                            + "' run no processes. Register a real cluster to exec, open terminals or manage files.");
        }
        return new ContainerRef(clusterId, namespace, pod, container);
    }

    /**
     * {@link #authorize} and then requires the container to be running.
     *
     * @throws ApiException also 404 {@code kube-not-found} or {@code container-not-found}, 409
     *     {@code container-not-running}
     */
    public ContainerRef running(long clusterId, String namespace, String pod, String container, Action action) {
        ContainerRef ref = authorize(clusterId, namespace, pod, container, action);
        kube.requireRunning(ref);
        return ref;
    }

    private static void checkNames(String namespace, String pod, String container) {
        if (!KubeNames.isDnsLabel(namespace)) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + namespace + "' is not a valid namespace name", "namespace");
        }
        if (!KubeNames.isDnsSubdomain(pod)) {
            throw ApiException.badRequest("invalid-name", "'" + pod + "' is not a valid pod name", "pod");
        }
        if (!KubeNames.isDnsLabel(container)) {
            throw ApiException.badRequest(
                    "invalid-name", "'" + container + "' is not a valid container name", "container");
        }
    }
}
