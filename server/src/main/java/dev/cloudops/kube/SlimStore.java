package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The informer store of the hot kinds, keeping what the platform reads and dropping what only costs memory:
 * {@code managedFields} and the {@code last-applied-configuration} annotation (together often half of an
 * object's size on a real cluster, as client-go's transform examples note).
 */
final class SlimStore<T extends HasMetadata> extends BasicItemStore<T> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    SlimStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T object) {
        return super.put(key, slim(object));
    }

    static <T extends HasMetadata> T slim(T object) {
        ObjectMeta meta = object.getMetadata();
        if (meta != null) {
            meta.setManagedFields(null);
            if (meta.getAnnotations() != null && meta.getAnnotations().containsKey(LAST_APPLIED)) {
                meta.getAnnotations().remove(LAST_APPLIED);
            }
        }
        return object;
    }
}
