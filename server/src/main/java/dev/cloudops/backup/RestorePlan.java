package dev.cloudops.backup;

import java.util.BitSet;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * A restore checked and ready to run: the backup and its opened key and manifest, the entries selected, the
 * target and how names map. Built by {@link BackupService} before any job starts.
 *
 * @param selected the manifest entries to restore, by index
 * @param existingNamespaces namespaces (target names) that exist in the target cluster
 */
record RestorePlan(
        Backup backup,
        SecretKey key,
        Manifest manifest,
        BitSet selected,
        long targetClusterId,
        Map<String, String> namespaceMapping,
        RestoreRequest.Existing existing,
        java.util.Set<String> existingNamespaces) {

    String targetNamespace(String source) {
        return source == null ? null : namespaceMapping.getOrDefault(source, source);
    }

    /** The target name of an entry: a Namespace's name is mapped like a namespace. */
    String targetName(Manifest.Entry e) {
        return Selection.isNamespaceKind(manifest.kinds().get(e.kind()).type()) ? targetNamespace(e.name()) : e.name();
    }
}
