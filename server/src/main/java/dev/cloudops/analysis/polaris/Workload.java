package dev.cloudops.analysis.polaris;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An object that runs pods, seen through its pod template: a Pod, or a controller (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob, ReplicationController). Findings go on the controller, one per container.
 *
 * @param podMeta the pod template's metadata (the Pod's own for a Pod)
 * @param specPath the JSON pointer of the pod spec inside the object, for patches
 * @param containers its init containers, then its app containers
 */
record Workload(
        Map<String, Object> object,
        String kind,
        Map<String, Object> podMeta,
        Map<String, Object> podSpec,
        String specPath,
        List<Container> containers) {

    static final List<String> KINDS = List.of(
            "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController");

    private static final Set<String> CONTROLLERS = Set.copyOf(KINDS);

    /** One container of the pod spec, with the JSON pointer of it inside the object. */
    record Container(Map<String, Object> spec, String name, String path, boolean init) {

        Map<String, Object> securityContext() {
            return Json.map(spec, "securityContext");
        }
    }

    /**
     * The workload an object is, or null when it is a pod (or ReplicaSet, Job) made by one of the controllers
     * above: its findings are reported once, on that controller.
     */
    static Workload of(Map<String, Object> object) {
        String kind = Json.text(object, "kind");
        if (kind == null || ownedByController(object)) {
            return null;
        }
        Map<String, Object> spec = Json.map(object, "spec");
        return switch (kind) {
            case "Pod" -> of(object, kind, Json.map(object, "metadata"), spec, "/spec");
            case "CronJob" -> {
                Map<String, Object> template = Json.map(Json.map(Json.map(spec, "jobTemplate"), "spec"), "template");
                yield of(
                        object,
                        kind,
                        Json.map(template, "metadata"),
                        Json.map(template, "spec"),
                        "/spec/jobTemplate/spec/template/spec");
            }
            default -> {
                Map<String, Object> template = Json.map(spec, "template");
                yield of(
                        object,
                        kind,
                        Json.map(template, "metadata"),
                        Json.map(template, "spec"),
                        "/spec/template/spec");
            }
        };
    }

    private static boolean ownedByController(Map<String, Object> object) {
        for (Object ref : Json.list(Json.map(object, "metadata"), "ownerReferences")) {
            Map<String, Object> owner = Json.map(ref);
            if (Json.isTrue(owner, "controller") && CONTROLLERS.contains(Json.text(owner, "kind"))) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return Json.name(object);
    }

    String namespace() {
        return Json.namespace(object);
    }

    Map<String, Object> podLabels() {
        return Json.map(podMeta, "labels");
    }

    Map<String, Object> podSecurityContext() {
        return Json.map(podSpec, "securityContext");
    }

    private static Workload of(
            Map<String, Object> object,
            String kind,
            Map<String, Object> podMeta,
            Map<String, Object> podSpec,
            String specPath) {
        List<Container> containers = new ArrayList<>();
        add(containers, podSpec, specPath, "initContainers", true);
        add(containers, podSpec, specPath, "containers", false);
        return new Workload(object, kind, podMeta, podSpec, specPath, containers);
    }

    private static void add(
            List<Container> out, Map<String, Object> podSpec, String specPath, String field, boolean init) {
        List<Object> list = Json.list(podSpec, field);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> c = Json.map(list.get(i));
            out.add(new Container(c, Json.text(c, "name"), specPath + "/" + field + "/" + i, init));
        }
    }
}
