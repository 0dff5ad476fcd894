package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The store of a watch-only informer: per object its coordinates and resourceVersion, nothing else. That is all
 * an informer needs to tell an add from an update, to skip what did not change and to find deletions after a
 * relist; the objects themselves go to the listener and are not kept.
 */
final class KeyOnlyStore implements ItemStore<GenericKubernetesResource> {

    private record Entry(String apiVersion, String kind, String namespace, String name, String resourceVersion) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public String getKey(GenericKubernetesResource object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource object) {
        var meta = object.getMetadata();
        Entry previous = entries.put(
                key,
                new Entry(
                        object.getApiVersion(),
                        object.getKind(),
                        meta.getNamespace(),
                        meta.getName(),
                        meta.getResourceVersion()));
        return previous == null ? null : skeleton(previous);
    }

    @Override
    public GenericKubernetesResource remove(String key) {
        Entry previous = entries.remove(key);
        return previous == null ? null : skeleton(previous);
    }

    @Override
    public Stream<String> keySet() {
        return entries.keySet().stream();
    }

    @Override
    public Stream<GenericKubernetesResource> values() {
        return entries.values().stream().map(KeyOnlyStore::skeleton);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public GenericKubernetesResource get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : skeleton(entry);
    }

    private static GenericKubernetesResource skeleton(Entry e) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(e.apiVersion());
        object.setKind(e.kind());
        object.setMetadata(new ObjectMetaBuilder()
                .withNamespace(e.namespace())
                .withName(e.name())
                .withResourceVersion(e.resourceVersion())
                .build());
        return object;
    }
}
