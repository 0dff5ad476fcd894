package dev.cloudops.backup;

import dev.cloudops.kube.ApiResourceInfo;

/** An object's coordinates: its kind, namespace (null when cluster-scoped) and name. */
record ObjectRef(ApiResourceInfo type, String namespace, String name) {

    /** {@code apiVersion Kind namespace/name}, as the reports and diffs show it. */
    String display() {
        return type.apiVersion() + " " + type.kind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
