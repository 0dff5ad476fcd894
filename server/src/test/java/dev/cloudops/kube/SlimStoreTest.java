package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlimStoreTest {

    @Test
    @DisplayName("cached objects keep labels and other annotations but drop managedFields and last-applied")
    void slims() {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("n")
                .addToLabels("app", "web")
                .addToAnnotations(SlimStore.LAST_APPLIED, "{\"big\":true}")
                .addToAnnotations("team", "a")
                .withManagedFields(
                        new ManagedFieldsEntryBuilder().withManager("kubectl").build())
                .endMetadata()
                .build();
        SlimStore<Pod> store = new SlimStore<>();
        store.put(store.getKey(pod), pod);

        Pod cached = store.get("n/p");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("team");
        assertThat(cached.getMetadata().getLabels()).containsEntry("app", "web");
    }
}
