package dev.cloudops.resource;

import dev.cloudops.platform.yaml.SafeYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stable form of a Kubernetes object that versions, backups and diffs compare: what its author wrote, without
 * what the API server adds or changes on its own. Dropped: {@code status}, and from {@code metadata} the
 * {@code managedFields}, {@code resourceVersion}, {@code uid}, {@code generation}, {@code creationTimestamp},
 * {@code selfLink}, {@code deletionTimestamp}, {@code deletionGracePeriodSeconds}, the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation and the annotations controllers keep as
 * their own bookkeeping ({@code deployment.kubernetes.io/revision}, {@code deprecated.daemonset.template.generation}:
 * they change at every rollout without anyone having changed the object); empty annotation and label maps go too.
 * Keys are sorted at every level, so equal content gives equal text and an equal hash.
 */
public final class ObjectNormalizer {

    /** An object in stable form, its YAML text and the SHA-256 of that text (hex). */
    public record Normalized(Map<String, Object> content, String yaml, String sha256) {}

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** Annotations a controller writes to count rollouts; not part of what anyone wrote. */
    static final Set<String> CONTROLLER_ANNOTATIONS =
            Set.of("deployment.kubernetes.io/revision", "deprecated.daemonset.template.generation");

    private static final Set<String> SERVER_METADATA = Set.of(
            "managedFields",
            "resourceVersion",
            "uid",
            "generation",
            "creationTimestamp",
            "selfLink",
            "deletionTimestamp",
            "deletionGracePeriodSeconds");

    private ObjectNormalizer() {}

    public static Normalized normalize(Map<String, Object> object) {
        Map<String, Object> content = sorted(object);
        content.remove("status");
        if (content.get("metadata") instanceof Map<?, ?> metadata) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) metadata;
            SERVER_METADATA.forEach(meta::remove);
            if (meta.get("annotations") instanceof Map<?, ?> annotations) {
                annotations.remove(LAST_APPLIED);
                CONTROLLER_ANNOTATIONS.forEach(annotations::remove);
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            }
            if (meta.get("labels") instanceof Map<?, ?> labels && labels.isEmpty()) {
                meta.remove("labels");
            }
        }
        String yaml = SafeYaml.dump(content);
        return new Normalized(content, yaml, sha256(yaml));
    }

    /** A deep copy with every map's keys sorted. */
    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), copyOf(value)));
        return copy;
    }

    private static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            return sorted(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyOf(item)));
            return copy;
        }
        return value;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
