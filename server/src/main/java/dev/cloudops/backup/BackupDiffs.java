package dev.cloudops.backup;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.yaml.SafeYaml;
import dev.cloudops.resource.ObjectNormalizer;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Diffs between two backups and between a backup and the live cluster, on the normalised form of each object
 * ({@link ObjectNormalizer}): what was added, removed or changed, and for the changed objects on the asked page
 * a unified diff of their YAML. Secret data never appears: each value is replaced by the start of its SHA-256, so
 * a diff shows which keys changed, not what they hold.
 */
@Service
public class BackupDiffs {

    private static final int CONTEXT = 3;

    private final BackupService backups;
    private final BackupAccess access;
    private final BackupStorage storage;
    private final ClusterService clusters;
    private final KubeResources kube;

    BackupDiffs(
            BackupService backups,
            BackupAccess access,
            BackupStorage storage,
            ClusterService clusters,
            KubeResources kube) {
        this.backups = backups;
        this.access = access;
        this.storage = storage;
        this.clusters = clusters;
        this.kube = kube;
    }

    /** A diff: counts, then one page of the objects that differ. */
    @Schema(description = "A diff between a backup and another backup or the live cluster")
    public record Diff(
            long backupId,
            @Schema(example = "backup 12") String against,

            @Schema(example = "{\"added\": 1, \"removed\": 0, \"changed\": 2, \"unchanged\": 40}")
            Map<String, Integer> summary,

            List<Item> items,
            int page,
            int size,
            long total) {}

    /** One object that differs; {@code diff} is a unified diff of its YAML when it changed. */
    public record Item(
            String apiVersion,
            String kind,
            String namespace,
            String name,

            @Schema(allowableValues = {"added", "removed", "changed"})
            String status,

            String diff) {}

    /** The stable identity of an object across backups and clusters. */
    private record Key(String group, String kind, String namespace, String name) implements Comparable<Key> {
        static Key of(ApiResourceInfo type, String namespace, String name) {
            return new Key(type.group(), type.kind(), namespace == null ? "" : namespace, name);
        }

        @Override
        public int compareTo(Key o) {
            return java.util.Comparator.comparing(Key::group)
                    .thenComparing(Key::kind)
                    .thenComparing(Key::namespace)
                    .thenComparing(Key::name)
                    .compare(this, o);
        }
    }

    private record Side(ApiResourceInfo type, String sha256, String path, String yaml) {}

    public Diff between(
            long id,
            String passphrase,
            long againstId,
            String againstPassphrase,
            String namespace,
            String kind,
            int page,
            int size) {
        BackupService.Opened from = backups.open(id, passphrase);
        BackupService.Opened to = backups.open(againstId, againstPassphrase);
        Map<Key, Side> left = sides(from);
        Map<Key, Side> right = sides(to);
        return diff(id, "backup " + againstId, left, right, namespace, kind, page, size, (keys, l, r) -> {
            Map<String, String> leftTexts = texts(from, keys, left);
            Map<String, String> rightTexts = texts(to, keys, right);
            return (key) -> new String[] {
                leftTexts.get(left.get(key).path()),
                rightTexts.get(right.get(key).path())
            };
        });
    }

    public Diff live(long id, String passphrase, Long clusterId, String namespace, String kind, int page, int size) {
        BackupService.Opened from = backups.open(id, passphrase);
        long target = clusterId != null ? clusterId : from.backup().clusterId();
        clusters.get(target);
        access.require(Action.READ, target, null);
        Map<Key, Side> left = sides(from);
        Map<Key, Side> right = liveSides(from, target);
        return diff(id, "cluster " + target + " (live)", left, right, namespace, kind, page, size, (keys, l, r) -> {
            Map<String, String> leftTexts = texts(from, keys, left);
            return key -> new String[] {
                leftTexts.get(left.get(key).path()), right.get(key).yaml()
            };
        });
    }

    @FunctionalInterface
    private interface TextSource {
        java.util.function.Function<Key, String[]> load(Set<Key> changed, Map<Key, Side> left, Map<Key, Side> right);
    }

    private Diff diff(
            long id,
            String against,
            Map<Key, Side> left,
            Map<Key, Side> right,
            String namespace,
            String kind,
            int page,
            int size,
            TextSource texts) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (String s : List.of("added", "removed", "changed", "unchanged")) {
            summary.put(s, 0);
        }
        TreeMap<Key, String> differing = new TreeMap<>();
        Set<Key> all = new HashSet<>(left.keySet());
        all.addAll(right.keySet());
        for (Key key : all) {
            Side l = left.get(key);
            Side r = right.get(key);
            ApiResourceInfo type = l != null ? l.type() : r.type();
            if ((namespace != null && !namespace.equals(key.namespace())) || (kind != null && !type.answersTo(kind))) {
                continue;
            }
            String status = l == null
                    ? "added"
                    : r == null ? "removed" : l.sha256().equals(r.sha256()) ? "unchanged" : "changed";
            summary.merge(status, 1, Integer::sum);
            if (!status.equals("unchanged")) {
                differing.put(key, status);
            }
        }
        List<Key> keys = new ArrayList<>(differing.keySet());
        int fromIndex = Math.min(keys.size(), Math.multiplyExact(page, size));
        List<Key> onPage = keys.subList(fromIndex, Math.min(keys.size(), fromIndex + size));
        Set<Key> changed = new HashSet<>();
        onPage.stream().filter(k -> differing.get(k).equals("changed")).forEach(changed::add);
        var loaded = texts.load(changed, left, right);
        List<Item> items = new ArrayList<>();
        for (Key key : onPage) {
            Side side = left.get(key) != null ? left.get(key) : right.get(key);
            String diff = null;
            if (changed.contains(key)) {
                String[] pair = loaded.apply(key);
                diff = unified(pair[0], pair[1]);
            }
            items.add(new Item(
                    side.type().apiVersion(),
                    key.kind(),
                    key.namespace().isEmpty() ? null : key.namespace(),
                    key.name(),
                    differing.get(key),
                    diff));
        }
        return new Diff(id, against, summary, items, page, size, keys.size());
    }

    private static Map<Key, Side> sides(BackupService.Opened o) {
        Map<Key, Side> out = new HashMap<>();
        for (Manifest.Entry e : o.manifest().entries()) {
            ApiResourceInfo type = o.manifest().kinds().get(e.kind()).type();
            out.put(Key.of(type, e.namespace(), e.name()), new Side(type, e.sha256(), e.path(), null));
        }
        return out;
    }

    /** The live objects of the backup's kinds and namespaces, as its definition's scope would select them. */
    private Map<Key, Side> liveSides(BackupService.Opened o, long target) {
        Scope scope = o.definition().scope();
        Map<Key, Side> out = new HashMap<>();
        List<ApiResourceInfo> kinds = new ArrayList<>();
        o.manifest().kinds().forEach(k -> kinds.add(k.type()));
        Set<String> custom = Selection.customKinds(kinds);
        for (ApiResourceInfo type : kinds) {
            ApiResourceInfo served;
            try {
                served = kube.resolve(target, type.apiVersion(), type.kind());
            } catch (ApiException e) {
                continue; // the kind is gone from the cluster: every object of it is "removed"
            }
            boolean structural = Selection.isNamespaceKind(type) || Selection.isCrdKind(type);
            List<String> in = new ArrayList<>();
            if (served.namespaced() && !scope.namespaces().isEmpty()) {
                in.addAll(scope.namespaces());
            } else {
                in.add(null);
            }
            for (String ns : in) {
                String cont = null;
                do {
                    ObjectPage page = kube.list(
                            target,
                            served,
                            ns,
                            structural ? null : scope.labelSelector(),
                            null,
                            BackupRunner.PAGE,
                            cont);
                    for (Map<String, Object> object : page.items()) {
                        Map<?, ?> metadata = Selection.map(object.get("metadata"));
                        String name = String.valueOf(metadata.get("name"));
                        String namespace = served.namespaced() ? (String) metadata.get("namespace") : null;
                        if (!Selection.takes(new ObjectRef(type, namespace, name), object, scope, custom)) {
                            continue;
                        }
                        Map<String, Object> complete = new LinkedHashMap<>(object);
                        complete.put("apiVersion", type.apiVersion());
                        complete.put("kind", type.kind());
                        ObjectNormalizer.Normalized n = ObjectNormalizer.normalize(complete);
                        out.put(Key.of(type, namespace, name), new Side(type, n.sha256(), null, n.yaml()));
                    }
                    cont = page.continueToken();
                } while (cont != null);
            }
        }
        return out;
    }

    /** The YAML texts of the given keys' archive entries, read in one pass over the archive. */
    private Map<String, String> texts(BackupService.Opened o, Set<Key> keys, Map<Key, Side> sides) {
        Set<String> paths = new HashSet<>();
        keys.forEach(k -> {
            Side s = sides.get(k);
            if (s != null && s.path() != null) {
                paths.add(s.path());
            }
        });
        Map<String, String> out = new HashMap<>();
        if (paths.isEmpty()) {
            return out;
        }
        try (InputStream in = storage.open(o.backup().storageKey() + "/" + ArchiveFiles.ARCHIVE);
                ArchiveFiles.Reader reader =
                        new ArchiveFiles.Reader(in, o.key(), o.backup().id(), o.manifest())) {
            ArchiveFiles.Item item;
            while (out.size() < paths.size() && (item = reader.next()) != null) {
                if (paths.contains(item.entry().path())) {
                    out.put(item.entry().path(), item.yaml());
                }
            }
        } catch (TamperedException e) {
            throw BackupProblems.tampered(o.backup().id(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A unified diff of two YAML texts, Secret values replaced by hashes first. */
    static String unified(String before, String after) {
        List<String> a = List.of(redact(before).split("\n", -1));
        List<String> b = List.of(redact(after).split("\n", -1));
        var patch = DiffUtils.diff(a, b);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("backup", "other", a, patch, CONTEXT));
    }

    /** A Secret's data and stringData values become {@code sha256:<12 hex>}; other objects stay as they are. */
    @SuppressWarnings("unchecked")
    static String redact(String yaml) {
        if (yaml == null) {
            return "";
        }
        Object doc = SafeYaml.documents(yaml, 4 << 20).iterator().next();
        if (!(doc instanceof Map<?, ?> map) || !"Secret".equals(map.get("kind"))) {
            return yaml;
        }
        Map<String, Object> copy = new TreeMap<>((Map<String, Object>) map);
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> hashed = new TreeMap<>();
                values.forEach((k, v) -> hashed.put(
                        String.valueOf(k),
                        "sha256:" + ObjectNormalizer.sha256(String.valueOf(v)).substring(0, 12)));
                copy.put(field, hashed);
            }
        }
        return SafeYaml.dump(copy);
    }
}
