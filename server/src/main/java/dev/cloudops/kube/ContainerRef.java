package dev.cloudops.kube;

/** One container of one pod in a registered cluster: the target of exec, terminals and file operations. */
public record ContainerRef(long clusterId, String namespace, String pod, String container) {

    /** {@code namespace/pod/container}, as shown in messages, history and the audit trail. */
    public String path() {
        return namespace + "/" + pod + "/" + container;
    }
}
