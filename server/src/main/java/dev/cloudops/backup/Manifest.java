package dev.cloudops.backup;

import dev.cloudops.kube.ApiResourceInfo;
import java.util.List;

/**
 * What a backup holds, in archive order: the kinds (as the source cluster's discovery described them) and one
 * entry per object with the SHA-256 of its YAML text. Stored encrypted beside the archive.
 *
 * @param format the manifest's format version
 */
record Manifest(int format, long backupId, long clusterId, long createdAt, List<Kind> kinds, List<Entry> entries) {

    static final int FORMAT = 1;

    Manifest {
        kinds = List.copyOf(kinds);
        entries = List.copyOf(entries);
    }

    /** A kind as discovery described it. */
    record Kind(
            String group,
            String version,
            String kind,
            String plural,
            String singular,
            boolean namespaced,
            List<String> shortNames) {

        static Kind of(ApiResourceInfo type) {
            return new Kind(
                    type.group(),
                    type.version(),
                    type.kind(),
                    type.plural(),
                    type.singular(),
                    type.namespaced(),
                    type.shortNames());
        }

        ApiResourceInfo type() {
            return new ApiResourceInfo(
                    group, version, kind, plural, singular, namespaced, List.of("create", "get", "list"), shortNames);
        }
    }

    /**
     * One object.
     *
     * @param kind index into {@link #kinds}
     * @param namespace null for cluster-scoped objects
     * @param path the entry's name in the archive
     * @param sha256 SHA-256 (hex) of the object's normalised YAML, the bytes of its archive entry
     */
    record Entry(int kind, String namespace, String name, String path, String sha256, long bytes) {}

    ObjectRef ref(Entry e) {
        return new ObjectRef(kinds.get(e.kind()).type(), e.namespace(), e.name());
    }
}
