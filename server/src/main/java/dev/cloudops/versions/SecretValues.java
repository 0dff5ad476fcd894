package dev.cloudops.versions;

import dev.cloudops.platform.crypto.SecretSealer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps Secret values out of stored versions. Each value of {@code data} and {@code stringData} is replaced by
 * {@code sealed:} and a keyed fingerprint of it (so a changed value still changes the version, and shows in a
 * diff, without the value itself); the values are sealed together with the platform key and kept beside the
 * version, so that a rollback can restore them.
 */
@Component
class SecretValues {

    static final String PREFIX = "sealed:";
    private static final List<String> FIELDS = List.of("data", "stringData");

    /** A Secret with its values replaced, and the sealed values (null when it has none). */
    record Protected(Map<String, Object> object, String sealed) {}

    private final SecretSealer sealer;
    private final JsonMapper json;

    SecretValues(SecretSealer sealer, JsonMapper json) {
        this.sealer = sealer;
        this.json = json;
    }

    Protected protect(Map<String, Object> secret) {
        Map<String, Object> object = new LinkedHashMap<>(secret);
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (object.get(field) instanceof Map<?, ?> map && !map.isEmpty()) {
                Map<String, Object> fingerprints = new LinkedHashMap<>();
                Map<String, String> originals = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    String value = v == null ? "" : v.toString();
                    fingerprints.put(String.valueOf(k), PREFIX + sealer.fingerprint(value));
                    originals.put(String.valueOf(k), value);
                });
                object.put(field, fingerprints);
                values.put(field, originals);
            }
        }
        return new Protected(object, values.isEmpty() ? null : sealer.seal(json.writeValueAsString(values)));
    }

    /** The stored content with its values put back from {@code sealed}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> restore(Map<String, Object> content, String sealed) {
        if (sealed == null) {
            return content;
        }
        Map<String, Map<String, String>> values = json.readValue(sealer.unseal(sealed), LinkedHashMap.class);
        Map<String, Object> object = new LinkedHashMap<>(content);
        for (String field : FIELDS) {
            if (object.get(field) instanceof Map<?, ?> map && values.get(field) != null) {
                Map<String, Object> restored = new LinkedHashMap<>();
                map.forEach((k, v) ->
                        restored.put(String.valueOf(k), values.get(field).getOrDefault(k, String.valueOf(v))));
                object.put(field, restored);
            }
        }
        return object;
    }
}
