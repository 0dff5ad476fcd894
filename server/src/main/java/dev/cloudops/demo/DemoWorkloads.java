package dev.cloudops.demo;

import dev.cloudops.demo.DemoWorkload.Kind;
import dev.cloudops.demo.DemoWorkload.PodState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployments (with their ReplicaSets, including the previous revision scaled to zero), StatefulSets and DaemonSets,
 * each with pods whose owner chain is the real one: Pod → ReplicaSet → Deployment, Pod → StatefulSet, Pod → DaemonSet.
 * Jobs and CronJobs are built by {@link DemoBatch}.
 */
final class DemoWorkloads {

    /** Controllers in creation order (owners before what they own), their pods, and the plans the pods came from. */
    record Built(List<HasMetadata> controllers, List<Pod> pods, List<DemoPods.Plan> plans) {}

    private final Instant now;
    private final DemoPods pods;
    private final List<HasMetadata> controllers = new ArrayList<>();
    private final List<DemoPods.Plan> plans = new ArrayList<>();

    private DemoWorkloads(Instant now) {
        this.now = now;
        this.pods = new DemoPods(now);
    }

    static Built build(List<DemoWorkload> catalog, Instant now) {
        DemoWorkloads builder = new DemoWorkloads(now);
        DemoBatch batch = new DemoBatch(now, builder.controllers, builder.plans);
        for (DemoWorkload w : catalog) {
            switch (w.kind) {
                case DEPLOYMENT -> builder.deployment(w);
                case STATEFUL_SET -> builder.statefulSet(w);
                case DAEMON_SET -> builder.daemonSet(w);
                case JOB, CRON_JOB -> batch.add(w);
            }
        }
        List<Pod> built = new ArrayList<>(DemoStaticPods.pods(now));
        builder.plans.forEach(plan -> built.add(builder.pods.pod(plan)));
        return new Built(List.copyOf(builder.controllers), List.copyOf(built), List.copyOf(builder.plans));
    }

    static Map<String, String> labels(DemoWorkload w) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", w.name);
        labels.put("app.kubernetes.io/part-of", w.partOf);
        labels.put("tier", w.tier);
        labels.put("env", DemoNamespaces.env(w.namespace));
        if (w.namespace.equals("kube-system")) {
            labels.put("k8s-app", w.name.equals("coredns") ? "kube-dns" : w.name);
        }
        return labels;
    }

    static Map<String, String> selector(DemoWorkload w) {
        return w.namespace.equals("kube-system")
                ? Map.of("k8s-app", labels(w).get("k8s-app"))
                : Map.of("app.kubernetes.io/name", w.name);
    }

    static ObjectMeta meta(DemoWorkload w, String kind, String name, Instant created, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withNamespace(w.namespace)
                .withName(name)
                .withUid(DemoIds.uid(kind + "/" + w.namespace + "/" + name))
                .withCreationTimestamp(DemoIds.time(created))
                .withLabels(labels)
                .withGeneration(1L)
                .build();
    }

    static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    static PodTemplateSpec template(DemoWorkload w, Map<String, String> labels) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withSpec(DemoPods.templateSpec(w))
                .build();
    }

    private void deployment(DemoWorkload w) {
        Instant created = now.minus(w.age);
        String oldImage = DemoContainers.previousImage(w.image);
        // A rollout needs a changed template; without an earlier image there is only the first revision.
        int revision = oldImage.equals(w.image)
                ? 1
                : 1 + (int) Math.floorMod(DemoIds.hash("revision/" + w.namespace + "/" + w.name), 4);
        String hash = DemoIds.suffix("template/" + w.namespace + "/" + w.name + "/" + w.image, 10);
        int replicas = w.pods.size();
        int ready = (int) w.pods.stream().filter(s -> s == PodState.RUNNING).count();
        boolean stuck = ready < replicas && w.age.compareTo(Duration.ofMinutes(10)) > 0;
        var deployment = new DeploymentBuilder()
                .withMetadata(meta(w, "Deployment", w.name, created, labels(w)))
                .editMetadata()
                .withGeneration((long) revision)
                .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(selector(w))
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%"))
                .withMaxUnavailable(new IntOrString("25%"))
                .endRollingUpdate()
                .endStrategy()
                .withRevisionHistoryLimit(10)
                .withProgressDeadlineSeconds(600)
                .withTemplate(template(w, labels(w)))
                .endSpec()
                .withNewStatus()
                .withObservedGeneration((long) revision)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(ready == 0 ? null : ready)
                .withAvailableReplicas(ready == 0 ? null : ready)
                .withUnavailableReplicas(ready == replicas ? null : replicas - ready)
                .withConditions(deploymentConditions(w, hash, ready == replicas, stuck, created))
                .endStatus()
                .build();
        controllers.add(deployment);
        if (revision > 1) {
            String oldHash = DemoIds.suffix("template/" + w.namespace + "/" + w.name + "/" + oldImage, 10);
            controllers.add(replicaSet(w, deployment, oldHash, revision - 1, 0, 0, oldImage, created));
        }
        ReplicaSet rs = replicaSet(w, deployment, hash, revision, replicas, ready, w.image, now.minus(w.age));
        controllers.add(rs);
        for (int i = 0; i < replicas; i++) {
            Map<String, String> podLabels = new LinkedHashMap<>(labels(w));
            podLabels.put("pod-template-hash", hash);
            String name = rs.getMetadata().getName() + "-" + DemoIds.suffix(w.namespace + "/" + w.name + "/" + i, 5);
            plans.add(new DemoPods.Plan(
                    w,
                    name,
                    i,
                    w.pods.get(i),
                    podLabels,
                    owner(rs),
                    node(w, i),
                    now.minus(w.age).plusSeconds(i)));
        }
    }

    private ReplicaSet replicaSet(
            DemoWorkload w,
            HasMetadata deployment,
            String hash,
            int revision,
            int replicas,
            int ready,
            String image,
            Instant created) {
        Map<String, String> rsLabels = new LinkedHashMap<>(labels(w));
        rsLabels.put("pod-template-hash", hash);
        Map<String, String> rsSelector = new LinkedHashMap<>(selector(w));
        rsSelector.put("pod-template-hash", hash);
        PodTemplateSpec template = template(w, rsLabels);
        template.getSpec().getContainers().get(0).setImage(image);
        Instant since = revision > 1 && replicas == 0 ? created.minus(Duration.ofDays(3)) : created;
        return new ReplicaSetBuilder()
                .withMetadata(meta(w, "ReplicaSet", w.name + "-" + hash, since, rsLabels))
                .editMetadata()
                .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
                .addToAnnotations("deployment.kubernetes.io/desired-replicas", String.valueOf(w.pods.size()))
                .addToAnnotations("deployment.kubernetes.io/max-replicas", String.valueOf(w.pods.size() + 1))
                .withOwnerReferences(owner(deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(rsSelector)
                .endSelector()
                .withTemplate(template)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(replicas)
                .withFullyLabeledReplicas(replicas == 0 ? null : replicas)
                .withReadyReplicas(ready == 0 ? null : ready)
                .withAvailableReplicas(ready == 0 ? null : ready)
                .endStatus()
                .build();
    }

    private List<DeploymentCondition> deploymentConditions(
            DemoWorkload w, String hash, boolean available, boolean stuck, Instant created) {
        String rs = "ReplicaSet \"" + w.name + "-" + hash + "\"";
        Instant changed = created.plusSeconds(14);
        return List.of(
                new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus(available ? "True" : "False")
                        .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .withMessage(
                                available
                                        ? "Deployment has minimum availability."
                                        : "Deployment does not have minimum availability.")
                        .withLastUpdateTime(DemoIds.time(changed))
                        .withLastTransitionTime(DemoIds.time(changed))
                        .build(),
                new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus(stuck ? "False" : "True")
                        .withReason(
                                stuck
                                        ? "ProgressDeadlineExceeded"
                                        : available ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
                        .withMessage(
                                stuck
                                        ? rs + " has timed out progressing."
                                        : available ? rs + " has successfully progressed." : rs + " is progressing.")
                        .withLastUpdateTime(DemoIds.time(stuck ? created.plusSeconds(600) : changed))
                        .withLastTransitionTime(DemoIds.time(stuck ? created.plusSeconds(600) : created))
                        .build());
    }

    private void statefulSet(DemoWorkload w) {
        Instant created = now.minus(w.age);
        String revision = w.name + "-" + DemoIds.suffix("sts/" + w.namespace + "/" + w.name, 10);
        int replicas = w.pods.size();
        int ready = (int) w.pods.stream().filter(s -> s == PodState.RUNNING).count();
        var sts = new StatefulSetBuilder()
                .withMetadata(meta(w, "StatefulSet", w.name, created, labels(w)))
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(w.name)
                .withPodManagementPolicy("OrderedReady")
                .withNewSelector()
                .withMatchLabels(selector(w))
                .endSelector()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withPartition(0)
                .endRollingUpdate()
                .endUpdateStrategy()
                .withRevisionHistoryLimit(10)
                .withTemplate(template(w, labels(w)));
        if (w.storage != null) {
            sts.addNewVolumeClaimTemplate()
                    .withNewMetadata()
                    .withName("data")
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(w.storageClass)
                    .withNewResources()
                    .addToRequests("storage", new Quantity(w.storage))
                    .endResources()
                    .withVolumeMode("Filesystem")
                    .endSpec()
                    .endVolumeClaimTemplate();
        }
        HasMetadata statefulSet = sts.endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withCurrentRevision(revision)
                .withUpdateRevision(revision)
                .withCollisionCount(0)
                .endStatus()
                .build();
        controllers.add(statefulSet);
        for (int i = 0; i < replicas; i++) {
            String name = w.name + "-" + i;
            Map<String, String> podLabels = new LinkedHashMap<>(labels(w));
            podLabels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
            podLabels.put("controller-revision-hash", revision);
            podLabels.put("statefulset.kubernetes.io/pod-name", name);
            plans.add(new DemoPods.Plan(
                    w,
                    name,
                    i,
                    w.pods.get(i),
                    podLabels,
                    owner(statefulSet),
                    node(w, i),
                    created.plusSeconds(i * 30L)));
        }
    }

    private void daemonSet(DemoWorkload w) {
        Instant created = now.minus(w.age);
        String revision = DemoIds.suffix("ds/" + w.namespace + "/" + w.name, 10);
        int nodes = DemoNodes.NAMES.size();
        HasMetadata daemonSet = new DaemonSetBuilder()
                .withMetadata(meta(w, "DaemonSet", w.name, created, labels(w)))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(selector(w))
                .endSelector()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(1))
                .withMaxSurge(new IntOrString(0))
                .endRollingUpdate()
                .endUpdateStrategy()
                .withRevisionHistoryLimit(10)
                .withTemplate(template(w, labels(w)))
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withDesiredNumberScheduled(nodes)
                .withCurrentNumberScheduled(nodes)
                .withUpdatedNumberScheduled(nodes)
                .withNumberReady(nodes)
                .withNumberAvailable(nodes)
                .withNumberMisscheduled(0)
                .endStatus()
                .build();
        controllers.add(daemonSet);
        for (int i = 0; i < nodes; i++) {
            Map<String, String> podLabels = new LinkedHashMap<>(labels(w));
            podLabels.put("controller-revision-hash", revision);
            podLabels.put("pod-template-generation", "1");
            String name = w.name + "-" + DemoIds.suffix(w.namespace + "/" + w.name + "/" + i, 5);
            plans.add(new DemoPods.Plan(
                    w, name, i, PodState.RUNNING, podLabels, owner(daemonSet), node(w, i), created.plusSeconds(i)));
        }
    }

    /** Where the scheduler put replica {@code index} of the workload. */
    static String node(DemoWorkload w, int index) {
        if (w.kind == Kind.DAEMON_SET) {
            return DemoNodes.NAMES.get(index % DemoNodes.NAMES.size());
        }
        if (w.toleratesControlPlane) {
            return index % 2 == 0 ? DemoNodes.CONTROL_PLANE : DemoNodes.WORKER_A;
        }
        return w.node;
    }
}
