package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The informer store of the hot kinds. A fabric8 object graph costs about 13 KB per pod (an empty map and list
 * per nested object, every string its own copy); this store keeps each object as its JSON bytes plus the small
 * {@link CachedRow} that lists and selectors read, about a third of that. Objects are rebuilt only when asked
 * for whole. {@code managedFields} and the last-applied annotation are dropped before anything is kept.
 */
final class CompactStore<T extends HasMetadata> implements ItemStore<T> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private record Entry(byte[] json, CachedRow row) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final KubernetesSerialization serialization;
    private final Class<T> type;

    CompactStore(KubernetesSerialization serialization, Class<T> type) {
        this.serialization = serialization;
        this.type = type;
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public T put(String key, T object) {
        slim(object);
        byte[] json = serialization.asJson(object).getBytes(StandardCharsets.UTF_8);
        Entry previous = entries.put(key, new Entry(json, row(object)));
        return previous == null ? null : rebuild(previous);
    }

    @Override
    public T remove(String key) {
        Entry previous = entries.remove(key);
        return previous == null ? null : rebuild(previous);
    }

    @Override
    public Stream<String> keySet() {
        return entries.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return entries.values().stream().map(this::rebuild);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public T get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : rebuild(entry);
    }

    /** The rows of every object, without rebuilding any. */
    Stream<CachedRow> rows() {
        return entries.values().stream().map(Entry::row);
    }

    private T rebuild(Entry entry) {
        return serialization.unmarshal(new String(entry.json(), StandardCharsets.UTF_8), type);
    }

    static void slim(HasMetadata object) {
        var meta = object.getMetadata();
        if (meta != null) {
            meta.setManagedFields(null);
            if (meta.getAnnotations() != null) {
                meta.getAnnotations().remove(LAST_APPLIED);
            }
        }
    }

    /** Strings repeated across thousands of objects (label keys and values, namespaces, nodes) are shared. */
    private static CachedRow row(HasMetadata object) {
        var meta = object.getMetadata();
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (meta.getLabels() != null) {
            meta.getLabels().forEach((k, v) -> labels.put(k.intern(), v == null ? null : v.intern()));
        }
        Map<String, Object> summary = RowSummaries.of(object);
        summary.replaceAll((k, v) -> v instanceof String s && s.length() < 64 ? s.intern() : v);
        summary.put("labels", labels);
        Map<String, String> fields = RowSummaries.fields(object);
        fields.replaceAll((k, v) -> v.intern());
        String namespace =
                meta.getNamespace() == null ? null : meta.getNamespace().intern();
        return new CachedRow(namespace, meta.getName(), labels, summary, fields);
    }
}
