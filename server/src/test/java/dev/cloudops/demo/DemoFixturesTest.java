package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoFixturesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Set<String> WORKLOAD_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob");

    private final List<HasMetadata> objects = DemoFixtures.objects(CLOCK);

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<Pod> pods(Predicate<Pod> filter) {
        return all(Pod.class).stream().filter(filter).toList();
    }

    private static ContainerStatus main(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }

    @Test
    @DisplayName("has at least 30 workloads of every kind, spread over the six named namespaces")
    void workloads() {
        List<HasMetadata> workloads = objects.stream()
                .filter(o -> WORKLOAD_KINDS.contains(o.getKind()))
                .toList();
        assertThat(workloads).hasSizeGreaterThanOrEqualTo(30);
        assertThat(workloads).extracting(HasMetadata::getKind).containsAll(WORKLOAD_KINDS);
        assertThat(workloads.stream().map(o -> o.getMetadata().getNamespace()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("default", "kube-system", "shop", "payments", "monitoring", "staging");
        assertThat(all(io.fabric8.kubernetes.api.model.Namespace.class))
                .extracting(n -> n.getMetadata().getName())
                .containsExactlyElementsOf(DemoFixtures.NAMESPACES);
        assertThat(workloads)
                .allSatisfy(w -> assertThat(w.getMetadata().getLabels())
                        .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/part-of", "tier", "env"));
    }

    @Test
    @DisplayName(
            "has pods Running, Pending as unschedulable, in CrashLoopBackOff, in ImagePullBackOff, Succeeded and Failed")
    void podStates() {
        assertThat(pods(p -> "Running".equals(p.getStatus().getPhase())
                        && main(p).getState().getRunning() != null))
                .hasSizeGreaterThan(20);
        assertThat(pods(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("PodScheduled") && "Unschedulable".equals(c.getReason()))))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(p -> {
                    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
                    assertThat(p.getSpec().getNodeName()).isNull();
                });
        assertThat(pods(p -> p.getStatus().getContainerStatuses() != null
                        && !p.getStatus().getContainerStatuses().isEmpty()
                        && main(p).getState().getWaiting() != null
                        && main(p).getState().getWaiting().getReason().equals("CrashLoopBackOff")))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(main(p).getRestartCount()).isGreaterThanOrEqualTo(3));
        assertThat(pods(p -> p.getStatus().getContainerStatuses() != null
                        && !p.getStatus().getContainerStatuses().isEmpty()
                        && main(p).getState().getWaiting() != null
                        && main(p).getState().getWaiting().getReason().equals("ImagePullBackOff")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(pods(p -> "Succeeded".equals(p.getStatus().getPhase()))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(pods(p -> "Failed".equals(p.getStatus().getPhase()))).isNotEmpty();
    }

    @Test
    @DisplayName("gives scheduled pods a node, an IP unique in the cluster, a start time and conditions")
    void scheduledPods() {
        List<Pod> scheduled = pods(p -> p.getSpec().getNodeName() != null);
        assertThat(scheduled).allSatisfy(p -> {
            assertThat(DemoNodes.NAMES).contains(p.getSpec().getNodeName());
            assertThat(p.getStatus().getPodIP()).isNotBlank();
            assertThat(p.getStatus().getStartTime()).isNotBlank();
            assertThat(p.getStatus().getConditions()).isNotEmpty();
            assertThat(p.getMetadata().getOwnerReferences()).hasSize(1);
        });
        List<String> podIps = scheduled.stream()
                .filter(p -> !Boolean.TRUE.equals(p.getSpec().getHostNetwork()))
                .map(p -> p.getStatus().getPodIP())
                .toList();
        assertThat(podIps).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("names every object as RFC 1123 requires: labels for namespaced names, subdomains for the rest")
    void names() {
        assertThat(objects).allSatisfy(o -> {
            String name = o.getMetadata().getName();
            assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
            if (!o.getKind().equals("Event") && !o.getKind().equals("CustomResourceDefinition")) {
                assertThat(name).as(o.getKind()).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
            }
        });
        assertThat(objects.stream().map(DemoNamespaces::key)).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("is deterministic: the same clock gives the same objects, another clock other timestamps")
    void deterministic() {
        String first = Serialization.asJson(objects);
        assertThat(Serialization.asJson(DemoFixtures.objects(CLOCK))).isEqualTo(first);
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
        List<HasMetadata> other = DemoFixtures.objects(later);
        assertThat(other).hasSameSizeAs(objects);
        assertThat(Serialization.asJson(other)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("lists every owner before what it owns, with the uid its owner references point to")
    void ownersFirst() {
        Map<String, Integer> positionByUid = new java.util.HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            positionByUid.put(objects.get(i).getMetadata().getUid(), i);
        }
        for (int i = 0; i < objects.size(); i++) {
            for (OwnerReference owner : objects.get(i).getMetadata().getOwnerReferences()) {
                assertThat(positionByUid.get(owner.getUid()))
                        .as(
                                "owner %s of %s",
                                owner.getName(), objects.get(i).getMetadata().getName())
                        .isNotNull()
                        .isLessThan(i);
            }
        }
        Set<String> podOwnerKinds = new HashSet<>();
        all(Pod.class)
                .forEach(p -> podOwnerKinds.add(
                        p.getMetadata().getOwnerReferences().get(0).getKind()));
        assertThat(podOwnerKinds).containsExactlyInAnyOrder("ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Node");
    }

    @Test
    @DisplayName("has three Ready nodes: a tainted control plane and workers in two zones, one a tainted GPU node")
    void nodes() {
        List<Node> nodes = all(Node.class);
        assertThat(nodes).hasSize(3).allSatisfy(n -> {
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.4");
            assertThat(n.getStatus().getConditions())
                    .anySatisfy(
                            c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
            assertThat(n.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods");
            assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
            assertThat(n.getMetadata().getLabels())
                    .containsKeys("topology.kubernetes.io/zone", "topology.kubernetes.io/region");
        });
        assertThat(nodes.get(0).getSpec().getTaints())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey() + ":" + t.getEffect())
                        .isEqualTo("node-role.kubernetes.io/control-plane:NoSchedule"));
        assertThat(nodes.get(2).getSpec().getTaints())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                        .isEqualTo("dedicated=gpu:NoSchedule"));
        assertThat(nodes.stream().skip(1).map(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone")))
                .containsExactly("eu-west-1a", "eu-west-1b");
    }

    @Test
    @DisplayName("has services of each type, every one selecting pods that exist")
    void services() {
        List<Service> services = all(Service.class);
        assertThat(services).extracting(s -> s.getSpec().getType()).contains("ClusterIP", "NodePort", "LoadBalancer");
        assertThat(services.stream().filter(s -> s.getSpec().getType().equals("NodePort")))
                .hasSize(1);
        assertThat(services.stream().filter(s -> s.getSpec().getType().equals("LoadBalancer")))
                .hasSize(1);
        services.stream()
                .filter(s -> s.getSpec().getSelector() != null
                        && !s.getSpec().getSelector().isEmpty())
                .forEach(s -> assertThat(pods(p -> p.getMetadata()
                                        .getNamespace()
                                        .equals(s.getMetadata().getNamespace())
                                && p.getMetadata()
                                        .getLabels()
                                        .entrySet()
                                        .containsAll(s.getSpec().getSelector().entrySet())))
                        .as(
                                "pods of service %s/%s",
                                s.getMetadata().getNamespace(), s.getMetadata().getName())
                        .isNotEmpty());
    }

    @Test
    @DisplayName(
            "has quotas and limit ranges in shop, payments and staging, with usage summed from pods and within the hard limits")
    void quotas() {
        List<ResourceQuota> quotas = all(ResourceQuota.class);
        assertThat(quotas)
                .extracting(q -> q.getMetadata().getNamespace())
                .containsExactly("shop", "payments", "staging");
        assertThat(all(io.fabric8.kubernetes.api.model.LimitRange.class))
                .extracting(l -> l.getMetadata().getNamespace())
                .containsExactly("shop", "payments", "staging");
        assertThat(quotas)
                .allSatisfy(q -> q.getStatus().getHard().forEach((resource, hard) -> {
                    Quantity used = q.getStatus().getUsed().get(resource);
                    assertThat(used.getNumericalAmount()).as(resource).isLessThanOrEqualTo(hard.getNumericalAmount());
                }));
        assertThat(quotas.get(0)
                        .getStatus()
                        .getUsed()
                        .get("pods")
                        .getNumericalAmount()
                        .intValue())
                .isEqualTo(pods(p -> p.getMetadata().getNamespace().equals("shop")
                                && !"Succeeded".equals(p.getStatus().getPhase())
                                && !"Failed".equals(p.getStatus().getPhase()))
                        .size());
    }

    @Test
    @DisplayName(
            "leaves some templates without resources or probes and gives others both, for compliance checks to tell apart")
    void complianceMix() {
        List<Deployment> deployments = all(Deployment.class);
        Predicate<Deployment> bare = d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                .allMatch(c -> c.getResources().getRequests().isEmpty() && c.getReadinessProbe() == null);
        assertThat(deployments.stream().filter(bare)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(deployments.stream().filter(bare.negate())).hasSizeGreaterThanOrEqualTo(10);
        assertThat(pods(p -> p.getMetadata().getAnnotations().containsKey("kubernetes.io/limit-ranger")))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.getSpec()
                                .getContainers()
                                .get(0)
                                .getResources()
                                .getLimits())
                        .containsKeys("cpu", "memory"));
    }

    @Test
    @DisplayName("has three autoscaling/v2 autoscalers targeting deployments that exist")
    void autoscalers() {
        List<HorizontalPodAutoscaler> hpas = all(HorizontalPodAutoscaler.class);
        assertThat(hpas).hasSize(3).allSatisfy(h -> {
            assertThat(h.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(all(Deployment.class))
                    .anyMatch(d -> d.getMetadata()
                                    .getNamespace()
                                    .equals(h.getMetadata().getNamespace())
                            && d.getMetadata()
                                    .getName()
                                    .equals(h.getSpec().getScaleTargetRef().getName()));
        });
    }

    @Test
    @DisplayName("has Warning and Normal events for the troubled pods: BackOff, FailedScheduling, Pulled, Started")
    void events() {
        List<Event> events = all(Event.class);
        Set<String> podNames =
                all(Pod.class).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(events)
                .extracting(Event::getReason)
                .contains("BackOff", "FailedScheduling", "Pulled", "Started", "Failed");
        assertThat(events).extracting(Event::getType).containsOnly("Normal", "Warning");
        events.stream()
                .filter(e -> e.getInvolvedObject().getKind().equals("Pod"))
                .forEach(
                        e -> assertThat(podNames).contains(e.getInvolvedObject().getName()));
        assertThat(events.stream().filter(e -> e.getReason().equals("FailedScheduling")))
                .allSatisfy(e -> assertThat(e.getMessage()).startsWith("0/3 nodes are available"));
    }

    @Test
    @DisplayName("defines the namespaced Backup custom resource with a schema and has three instances")
    @SuppressWarnings("unchecked")
    void customResources() {
        CustomResourceDefinition crd = all(CustomResourceDefinition.class).get(0);
        assertThat(objects.get(0)).isSameAs(crd);
        assertThat(crd.getMetadata().getName()).isEqualTo("backups.demo.cloudops.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec()
                        .getVersions()
                        .get(0)
                        .getSchema()
                        .getOpenAPIV3Schema()
                        .getProperties()
                        .get("spec")
                        .getProperties())
                .containsKeys("schedule", "target", "retention");
        List<GenericKubernetesResource> backups = all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getApiVersion().startsWith("demo.cloudops.dev/"))
                .toList();
        assertThat(backups).hasSize(3).allSatisfy(b -> {
            assertThat(b.getKind()).isEqualTo("Backup");
            assertThat(b.getApiVersion()).isEqualTo("demo.cloudops.dev/v1");
            assertThat((Map<String, Object>) b.getAdditionalProperties().get("spec"))
                    .containsKeys("schedule", "target", "retention");
        });
    }
}
