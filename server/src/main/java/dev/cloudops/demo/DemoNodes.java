package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three nodes: a tainted control plane and two workers in two zones, the second one a tainted GPU node. */
final class DemoNodes {

    static final String CONTROL_PLANE = "demo-control-plane";
    static final String WORKER_A = "demo-worker-a";
    static final String WORKER_B = "demo-worker-b";
    static final List<String> NAMES = List.of(CONTROL_PLANE, WORKER_A, WORKER_B);
    static final String REGION = "eu-west-1";
    static final String KUBELET_VERSION = "v1.31.4";

    private record Shape(
            String name,
            String zone,
            String instanceType,
            String cpu,
            String allocatableCpu,
            String memoryKi,
            String allocatableMemoryKi,
            int index) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape(CONTROL_PLANE, REGION + "a", "m6i.xlarge", "4", "3800m", "7901404Ki", "7799004Ki", 0),
            new Shape(WORKER_A, REGION + "a", "m6i.4xlarge", "16", "15800m", "32553428Ki", "32451028Ki", 1),
            new Shape(WORKER_B, REGION + "b", "g5.2xlarge", "8", "7800m", "32374260Ki", "32271860Ki", 2));

    private DemoNodes() {}

    /** The node's InternalIP, also the address of its host-network pods. */
    static String internalIp(String node) {
        return "192.168.10." + (10 + NAMES.indexOf(node));
    }

    /** The first three octets of the node's pod CIDR, e.g. {@code 10.244.1}. */
    static String podNetwork(String node) {
        return "10.244." + NAMES.indexOf(node);
    }

    static List<Node> nodes(Instant now) {
        return SHAPES.stream().map(shape -> node(shape, now)).toList();
    }

    private static Node node(Shape shape, Instant now) {
        Instant created = now.minus(Duration.ofDays(92)).plusSeconds(shape.index() * 180L);
        Instant booted = now.minus(Duration.ofDays(shape.index() == 2 ? 15 : 31));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", shape.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", shape.instanceType());
        labels.put("topology.kubernetes.io/region", REGION);
        labels.put("topology.kubernetes.io/zone", shape.zone());
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(shape.cpu()));
        capacity.put("ephemeral-storage", new Quantity("101430960Ki"));
        capacity.put("memory", new Quantity(shape.memoryKi()));
        capacity.put("pods", new Quantity("110"));
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        allocatable.put("cpu", new Quantity(shape.allocatableCpu()));
        allocatable.put("ephemeral-storage", new Quantity("93478772582"));
        allocatable.put("memory", new Quantity(shape.allocatableMemoryKi()));
        allocatable.put("pods", new Quantity("110"));
        Taint taint = null;
        if (shape.name().equals(CONTROL_PLANE)) {
            labels.put("node-role.kubernetes.io/control-plane", "");
            labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
            taint = new TaintBuilder()
                    .withKey("node-role.kubernetes.io/control-plane")
                    .withEffect("NoSchedule")
                    .build();
        } else if (shape.name().equals(WORKER_B)) {
            labels.put("dedicated", "gpu");
            labels.put("nvidia.com/gpu.present", "true");
            capacity.put("nvidia.com/gpu", new Quantity("1"));
            allocatable.put("nvidia.com/gpu", new Quantity("1"));
            taint = new TaintBuilder()
                    .withKey("dedicated")
                    .withValue("gpu")
                    .withEffect("NoSchedule")
                    .build();
        }
        String ip = internalIp(shape.name());
        return new NodeBuilder()
                .withNewMetadata()
                .withName(shape.name())
                .withUid(DemoIds.uid("Node/" + shape.name()))
                .withCreationTimestamp(DemoIds.time(created))
                .withLabels(labels)
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata()
                .withNewSpec()
                .withPodCIDR(podNetwork(shape.name()) + ".0/24")
                .withPodCIDRs(podNetwork(shape.name()) + ".0/24")
                .withProviderID("aws:///" + shape.zone() + "/i-0" + DemoIds.hex(shape.name(), 16))
                .withTaints(taint == null ? List.of() : List.of(taint))
                .endSpec()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(ip)
                .endAddress()
                .addNewAddress()
                .withType("Hostname")
                .withAddress(shape.name())
                .endAddress()
                .withCapacity(capacity)
                .withAllocatable(allocatable)
                .withConditions(
                        condition(
                                "MemoryPressure",
                                "False",
                                "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available",
                                booted,
                                now),
                        condition(
                                "DiskPressure",
                                "False",
                                "KubeletHasNoDiskPressure",
                                "kubelet has no disk pressure",
                                booted,
                                now),
                        condition(
                                "PIDPressure",
                                "False",
                                "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available",
                                booted,
                                now),
                        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", booted, now))
                .withNewDaemonEndpoints()
                .withNewKubeletEndpoint()
                .withPort(10250)
                .endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture("amd64")
                .withBootID(DemoIds.uid("boot/" + shape.name()))
                .withContainerRuntimeVersion("containerd://1.7.23")
                .withKernelVersion("6.8.0-1016-aws")
                .withKubeProxyVersion(KUBELET_VERSION)
                .withKubeletVersion(KUBELET_VERSION)
                .withMachineID(DemoIds.hex("machine/" + shape.name(), 32))
                .withOperatingSystem("linux")
                .withOsImage("Ubuntu 24.04.1 LTS")
                .withSystemUUID(DemoIds.uid("system/" + shape.name()))
                .endNodeInfo()
                .endStatus()
                .build();
    }

    private static NodeCondition condition(
            String type, String status, String reason, String message, Instant transition, Instant now) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastHeartbeatTime(DemoIds.time(now.minusSeconds(17)))
                .withLastTransitionTime(DemoIds.time(transition))
                .build();
    }
}
