package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compact informer store")
class CompactStoreTest {

    private final CompactStore<Pod> store = new CompactStore<>(new KubernetesSerialization(), Pod.class);

    private static Pod pod(String name, String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .addToLabels("app", "web")
                .addToAnnotations(CompactStore.LAST_APPLIED, "{\"big\":true}")
                .addToAnnotations("team", "a")
                .withManagedFields(
                        new ManagedFieldsEntryBuilder().withManager("kubectl").build())
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .addNewContainer()
                .withName("c")
                .withImage("web:1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    @Test
    @DisplayName(
            "rebuilds objects whole but without managedFields and last-applied; keeps labels and other annotations")
    void rebuilds() {
        store.put("shop/a", pod("a", "Running"));
        Pod cached = store.get("shop/a");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("team");
        assertThat(cached.getSpec().getContainers().get(0).getImage()).isEqualTo("web:1");
        assertThat(store.getKey(cached)).isEqualTo("shop/a");
    }

    @Test
    @DisplayName("rows carry coordinates, labels, the kubectl summary and the selectable fields without rebuilding")
    void rows() {
        store.put("shop/a", pod("a", "Running"));
        store.put("shop/b", pod("b", "Pending"));
        var rows = store.rows()
                .sorted(java.util.Comparator.comparing(CachedRow::name))
                .toList();
        assertThat(rows).extracting(CachedRow::key).containsExactly("shop/a", "shop/b");
        assertThat(rows.get(1).field("status.phase")).isEqualTo("Pending");
        assertThat(rows.get(0).field("spec.nodeName")).isEqualTo("node-1");
        assertThat(rows.get(0).field("no.such.field")).isEmpty();
        assertThat(rows.get(0).labels()).containsEntry("app", "web");
        assertThat(rows.get(0).summary()).containsEntry("status", "Running").containsEntry("node", "node-1");
    }

    @Test
    @DisplayName("put and remove answer the previous object; size, keys and values follow")
    void lifecycle() {
        assertThat(store.put("shop/a", pod("a", "Pending"))).isNull();
        assertThat(store.put("shop/a", pod("a", "Running")).getStatus().getPhase())
                .isEqualTo("Pending");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.keySet()).containsExactly("shop/a");
        assertThat(store.values().map(p -> p.getStatus().getPhase())).containsExactly("Running");
        assertThat(store.remove("shop/a").getMetadata().getName()).isEqualTo("a");
        assertThat(store.remove("shop/a")).isNull();
        assertThat(store.get("shop/a")).isNull();
    }
}
