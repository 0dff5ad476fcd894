package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PodFactoryTest {

    private final PodFactory factory = new PodFactory("c07", 2);

    /** What SELECTOR means, evaluated independently of the generator's own isHit. */
    private static boolean selectorMatches(Map<String, String> labels) {
        String app = labels.get("app");
        return ("checkout".equals(app) || "search".equals(app)) && !"batch".equals(labels.get("tier"));
    }

    @Test
    void exactlyTenPercentMatchTheSelectorAndCarryTheHitLabel() {
        List<Pod> pods = IntStream.range(0, 2000).mapToObj(factory::pod).toList();

        long selected = pods.stream()
                .filter(p -> selectorMatches(p.getMetadata().getLabels()))
                .count();
        long labelled = pods.stream()
                .filter(p ->
                        PodFactory.HIT_VALUE.equals(p.getMetadata().getLabels().get(PodFactory.HIT_LABEL)))
                .count();

        assertThat(selected).isEqualTo(200).isEqualTo(PodFactory.expectedMatches(2000));
        assertThat(labelled).isEqualTo(200);
        for (int i = 0; i < pods.size(); i++) {
            Map<String, String> labels = pods.get(i).getMetadata().getLabels();
            assertThat(selectorMatches(labels))
                    .as("pod %d", i)
                    .isEqualTo(labels.containsKey(PodFactory.HIT_LABEL))
                    .isEqualTo(PodFactory.isHit(i));
        }
    }

    @Test
    void theSetBasedTermAloneWouldMatchMoreSoTheInequalityMatters() {
        long appOnly = IntStream.range(0, 2000)
                .mapToObj(factory::pod)
                .map(p -> p.getMetadata().getLabels().get("app"))
                .filter(app -> app.equals("checkout") || app.equals("search"))
                .count();

        assertThat(appOnly).isEqualTo(280);
        assertThat(PodFactory.SELECTOR).contains(" in (").contains("!=");
    }

    @Test
    void podNamesAreUniqueWithinAClusterAndLookGenerated() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Pod pod = factory.pod(i);
            String key =
                    pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            assertThat(names.add(key)).as("duplicate %s", key).isTrue();
            assertThat(pod.getMetadata().getName()).matches("[a-z]+(-worker)?-[a-z0-9]{10}-[a-z0-9]{5}");
        }
        assertThat(PodFactory.suffix(0)).isNotEqualTo(PodFactory.suffix(1)).hasSize(5);
    }

    @Test
    void podsAreRealisticAndScheduledOnTheClustersNodes() {
        Pod pod = factory.pod(3);
        Set<String> nodeNames = new HashSet<>();
        factory.nodes().forEach(n -> nodeNames.add(n.getMetadata().getName()));

        assertThat(nodeNames).hasSize(2).contains(pod.getSpec().getNodeName());
        assertThat(pod.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("ReplicaSet"));
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getReadinessProbe()).isNotNull();
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        });
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getPodIP()).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(pod.getStatus().getContainerStatuses())
                .singleElement()
                .satisfies(s -> assertThat(s.getReady()).isTrue());
    }

    @Test
    void someContainersCrashLoopLikeInARealFleet() {
        long notReady = IntStream.range(0, 2000)
                .mapToObj(factory::pod)
                .filter(p -> !p.getStatus().getContainerStatuses().get(0).getReady())
                .count();

        assertThat(notReady).isBetween(1L, 100L);
    }

    @Test
    void differentClustersGetDifferentAddressesButTheSameLayout() {
        Pod here = factory.pod(0);
        Pod there = new PodFactory("c08", 2).pod(0);

        assertThat(there.getStatus().getPodIP()).isNotEqualTo(here.getStatus().getPodIP());
        assertThat(there.getMetadata().getLabels())
                .isEqualTo(withHash(here.getMetadata().getLabels(), there));
    }

    private static Map<String, String> withHash(Map<String, String> labels, Pod other) {
        var copy = new java.util.LinkedHashMap<>(labels);
        copy.put("pod-template-hash", other.getMetadata().getLabels().get("pod-template-hash"));
        return copy;
    }

    @Test
    void namespacesCoverEveryPodsNamespace() {
        Set<String> namespaces = new HashSet<>();
        factory.namespaces(2000).forEach(n -> namespaces.add(n.getMetadata().getName()));

        IntStream.range(0, 200)
                .forEach(i -> assertThat(namespaces)
                        .contains(factory.pod(i).getMetadata().getNamespace()));
        assertThat(namespaces).containsExactlyInAnyOrder("shop", "search", "platform", "data", "monitoring");
    }

    @Test
    void refusesAClusterWithoutNodes() {
        assertThatThrownBy(() -> new PodFactory("c01", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expectedMatchesCountsPartialBlocks() {
        assertThat(PodFactory.expectedMatches(105)).isEqualTo(15);
        assertThat(PodFactory.expectedMatches(0)).isZero();
    }
}
