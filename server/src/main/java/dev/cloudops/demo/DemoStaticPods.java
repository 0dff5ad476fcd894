package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The control plane's static pods, mirrored into the API by the kubelet and owned by their node. */
final class DemoStaticPods {

    private record Component(String name, String image, String cpu, String memory, int port, String scheme) {}

    private static final List<Component> COMPONENTS = List.of(
            new Component("etcd", "registry.k8s.io/etcd:3.5.15-0", "100m", "100Mi", 2381, "HTTP"),
            new Component(
                    "kube-apiserver",
                    "registry.k8s.io/kube-apiserver:" + DemoNodes.KUBELET_VERSION,
                    "250m",
                    null,
                    6443,
                    "HTTPS"),
            new Component(
                    "kube-controller-manager",
                    "registry.k8s.io/kube-controller-manager:" + DemoNodes.KUBELET_VERSION,
                    "200m",
                    null,
                    10257,
                    "HTTPS"),
            new Component(
                    "kube-scheduler",
                    "registry.k8s.io/kube-scheduler:" + DemoNodes.KUBELET_VERSION,
                    "100m",
                    null,
                    10259,
                    "HTTPS"));

    private DemoStaticPods() {}

    static List<Pod> pods(Instant now) {
        return COMPONENTS.stream().map(c -> pod(c, now)).toList();
    }

    private static Pod pod(Component c, Instant now) {
        String node = DemoNodes.CONTROL_PLANE;
        String name = c.name() + "-" + node;
        String ip = DemoNodes.internalIp(node);
        Instant started = now.minus(Duration.ofDays(31)).plusSeconds(40);
        ContainerBuilder container = new ContainerBuilder()
                .withName(c.name())
                .withImage(c.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(c.name())
                .withNewResources()
                .addToRequests("cpu", new Quantity(c.cpu()))
                .endResources()
                .withLivenessProbe(new ProbeBuilder(
                                DemoContainers.httpProbe(c.name().equals("etcd") ? "/health" : "/livez", c.port(), 10))
                        .editHttpGet()
                        .withHost("127.0.0.1")
                        .withScheme(c.scheme())
                        .endHttpGet()
                        .withFailureThreshold(8)
                        .build())
                .withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy("File");
        if (c.memory() != null) {
            container
                    .editResources()
                    .addToRequests("memory", new Quantity(c.memory()))
                    .endResources();
        }
        String ready = DemoIds.time(started.plusSeconds(15));
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("kube-system")
                .withName(name)
                .withUid(DemoIds.uid("Pod/kube-system/" + name))
                .withCreationTimestamp(DemoIds.time(started))
                .withLabels(Map.of(
                        "component", c.name(),
                        "tier", "control-plane",
                        "app.kubernetes.io/name", c.name(),
                        "app.kubernetes.io/part-of", "kubernetes",
                        "env", "prod"))
                .addToAnnotations("kubernetes.io/config.source", "file")
                .addToAnnotations("kubernetes.io/config.hash", DemoIds.hex("config/" + name, 32))
                .addToAnnotations("kubernetes.io/config.mirror", DemoIds.hex("config/" + name, 32))
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(node)
                .withUid(DemoIds.uid("Node/" + node))
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withContainers(container.build())
                .withNodeName(node)
                .withHostNetwork(true)
                .withPriorityClassName("system-node-critical")
                .withPriority(2000001000)
                .withRestartPolicy("Always")
                .withDnsPolicy("ClusterFirst")
                .withSchedulerName("default-scheduler")
                .withTerminationGracePeriodSeconds(30L)
                .addNewToleration()
                .withOperator("Exists")
                .withEffect("NoExecute")
                .endToleration()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withQosClass("Burstable")
                .withHostIP(ip)
                .withPodIP(ip)
                .withStartTime(DemoIds.time(started))
                .withConditions(
                        new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus("True")
                                .withLastTransitionTime(ready)
                                .build(),
                        new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("True")
                                .withLastTransitionTime(DemoIds.time(started))
                                .build())
                .addNewContainerStatus()
                .withName(c.name())
                .withImage(c.image())
                .withImageID(c.image().replaceFirst(":[^:/]+$", "") + "@sha256:" + DemoIds.hex(c.image(), 64))
                .withContainerID("containerd://" + DemoIds.hex("container/" + name, 64))
                .withReady(true)
                .withStarted(true)
                .withRestartCount(1)
                .withNewState()
                .withNewRunning()
                .withStartedAt(DemoIds.time(started.plusSeconds(2)))
                .endRunning()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }
}
