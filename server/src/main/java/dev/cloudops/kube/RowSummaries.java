package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one-line views kubectl prints for the hot kinds ({@code kubectl get pods} columns), built from cached
 * objects. Pure functions: no I/O.
 */
public final class RowSummaries {

    private RowSummaries() {}

    static Map<String, Object> of(HasMetadata o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", o.getKind());
        row.put("namespace", o.getMetadata().getNamespace());
        row.put("name", o.getMetadata().getName());
        row.put(
                "labels",
                o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels());
        row.put("createdAt", o.getMetadata().getCreationTimestamp());
        if (o instanceof Pod pod) {
            pod(pod, row);
        } else if (o instanceof Deployment d) {
            int desired = d.getSpec() == null || d.getSpec().getReplicas() == null
                    ? 1
                    : d.getSpec().getReplicas();
            int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0
                    : d.getStatus().getReadyReplicas();
            row.put("ready", ready + "/" + desired);
            row.put("upToDate", d.getStatus() == null ? null : d.getStatus().getUpdatedReplicas());
            row.put("available", d.getStatus() == null ? null : d.getStatus().getAvailableReplicas());
        } else if (o instanceof StatefulSet s) {
            int desired = s.getSpec() == null || s.getSpec().getReplicas() == null
                    ? 1
                    : s.getSpec().getReplicas();
            int ready = s.getStatus() == null || s.getStatus().getReadyReplicas() == null
                    ? 0
                    : s.getStatus().getReadyReplicas();
            row.put("ready", ready + "/" + desired);
        } else if (o instanceof DaemonSet ds && ds.getStatus() != null) {
            row.put("desired", ds.getStatus().getDesiredNumberScheduled());
            row.put("ready", ds.getStatus().getNumberReady());
        } else if (o instanceof Service svc && svc.getSpec() != null) {
            row.put("type", svc.getSpec().getType());
            row.put("clusterIP", svc.getSpec().getClusterIP());
            row.put(
                    "ports",
                    svc.getSpec().getPorts() == null
                            ? List.of()
                            : svc.getSpec().getPorts().stream()
                                    .map(p -> p.getPort() + "/" + p.getProtocol())
                                    .toList());
        } else if (o instanceof Node node) {
            node(node, row);
        } else if (o instanceof Namespace ns) {
            row.put("phase", ns.getStatus() == null ? null : ns.getStatus().getPhase());
        } else if (o instanceof Event e) {
            row.put("type", e.getType());
            row.put("reason", e.getReason());
            row.put(
                    "object",
                    e.getInvolvedObject() == null
                            ? null
                            : e.getInvolvedObject().getKind() + "/"
                                    + e.getInvolvedObject().getName());
            row.put("message", e.getMessage());
            row.put("count", e.getCount());
            row.put("lastSeen", e.getLastTimestamp());
        }
        return row;
    }

    private static void pod(Pod pod, Map<String, Object> row) {
        List<ContainerStatus> statuses =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of()
                        : pod.getStatus().getContainerStatuses();
        int containers = pod.getSpec() == null
                ? statuses.size()
                : pod.getSpec().getContainers().size();
        long ready =
                statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        int restarts = statuses.stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .sum();
        row.put("ready", ready + "/" + containers);
        row.put("status", podStatus(pod, statuses));
        row.put("restarts", restarts);
        row.put("node", pod.getSpec() == null ? null : pod.getSpec().getNodeName());
        row.put("podIP", pod.getStatus() == null ? null : pod.getStatus().getPodIP());
    }

    /** The STATUS column of kubectl: a waiting or terminated reason wins over the phase. */
    static String podStatus(Pod pod, List<ContainerStatus> statuses) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        for (ContainerStatus s : statuses) {
            if (s.getState() != null
                    && s.getState().getWaiting() != null
                    && s.getState().getWaiting().getReason() != null) {
                return s.getState().getWaiting().getReason();
            }
            if (s.getState() != null
                    && s.getState().getTerminated() != null
                    && s.getState().getTerminated().getReason() != null
                    && !"Completed".equals(s.getState().getTerminated().getReason())) {
                return s.getState().getTerminated().getReason();
            }
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) ? "Completed" : phase;
    }

    private static void node(Node node, Map<String, Object> row) {
        List<NodeCondition> conditions =
                node.getStatus() == null || node.getStatus().getConditions() == null
                        ? List.of()
                        : node.getStatus().getConditions();
        boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        row.put("status", ready ? "Ready" : "NotReady");
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        row.put(
                "roles",
                labels.keySet().stream()
                        .filter(k -> k.startsWith("node-role.kubernetes.io/"))
                        .map(k -> k.substring("node-role.kubernetes.io/".length()))
                        .collect(Collectors.joining(",")));
        row.put(
                "version",
                node.getStatus() == null || node.getStatus().getNodeInfo() == null
                        ? null
                        : node.getStatus().getNodeInfo().getKubeletVersion());
    }

    private static final java.util.Set<String> COMMON_FIELDS = java.util.Set.of("metadata.name", "metadata.namespace");
    private static final java.util.Set<String> POD_FIELDS = java.util.Set.of(
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName");

    /** Refuses, as kube-apiserver does, a field selector naming a field the kind does not index. */
    public static void checkFields(CachedKind kind, java.util.Set<String> fields) {
        for (String f : fields) {
            if (!COMMON_FIELDS.contains(f) && !(kind == CachedKind.PODS && POD_FIELDS.contains(f))) {
                throw dev.cloudops.platform.error.ApiException.badRequest(
                        "invalid-selector",
                        "field label not supported: " + f + " (on " + kind.plural() + ")",
                        "fieldSelector");
            }
        }
    }

    /** The values of every field a field selector may name on this object, as kube-apiserver indexes them. */
    static Map<String, String> fields(HasMetadata o) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("metadata.name", o.getMetadata().getName());
        fields.put("metadata.namespace", nullToEmpty(o.getMetadata().getNamespace()));
        if (o instanceof Pod pod) {
            var spec = pod.getSpec();
            var status = pod.getStatus();
            fields.put("spec.nodeName", spec == null ? "" : nullToEmpty(spec.getNodeName()));
            fields.put("spec.restartPolicy", spec == null ? "" : nullToEmpty(spec.getRestartPolicy()));
            fields.put("spec.schedulerName", spec == null ? "" : nullToEmpty(spec.getSchedulerName()));
            fields.put("spec.serviceAccountName", spec == null ? "" : nullToEmpty(spec.getServiceAccountName()));
            fields.put("status.phase", status == null ? "" : nullToEmpty(status.getPhase()));
            fields.put("status.podIP", status == null ? "" : nullToEmpty(status.getPodIP()));
            fields.put("status.nominatedNodeName", status == null ? "" : nullToEmpty(status.getNominatedNodeName()));
        }
        return fields;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
