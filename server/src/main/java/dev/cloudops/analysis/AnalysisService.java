package dev.cloudops.analysis;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.resource.ManifestParser;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * Analyses a registered cluster as the caller may see it, or manifests that are not applied yet. The caller's
 * grants bound what is read: a namespace outside them is a 403 before anything is read, and without a
 * cluster-wide grant only the granted namespaces (and no cluster-scoped objects) are examined.
 */
@Service
public class AnalysisService {

    private final AnalysisEngine engine;
    private final ClusterService clusters;
    private final KubeResources kube;
    private final AccessPolicy access;
    private final Clock clock;

    AnalysisService(
            AnalysisEngine engine, ClusterService clusters, KubeResources kube, AccessPolicy access, Clock clock) {
        this.engine = engine;
        this.clusters = clusters;
        this.kube = kube;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Runs the named analyzers (all when empty) on a cluster.
     *
     * @param namespace only this namespace; null for every namespace the caller may read
     */
    public AnalysisResult analyze(long clusterId, String namespace, Collection<String> analyzers) {
        engine.choose(analyzers);
        return engine.run(state(clusterId, namespace), analyzers);
    }

    /**
     * The cluster as the caller may read it, checked now (on the caller's thread): an unknown cluster is a 404, an
     * invalid namespace a 400, one outside the caller's grants a 403, all before anything is read. The state reads
     * lazily and needs no caller afterwards, so a background job (a scan, the anomaly detector running as the
     * platform) or a feature reading it its own way (the cost breakdown) can use it.
     *
     * @param namespace only this namespace; null for every namespace the caller may read
     */
    public ClusterState state(long clusterId, String namespace) {
        ClusterView cluster = clusters.get(clusterId);
        Optional<Set<String>> readable = access.readableNamespaces(clusterId);
        Predicate<String> scope;
        if (namespace != null && !namespace.isEmpty()) {
            if (!KubeNames.isDnsLabel(namespace)) {
                throw ApiException.badRequest(
                        "invalid-namespace", "'" + namespace + "' is not a valid namespace name", "namespace");
            }
            access.require(Action.READ, clusterId, namespace);
            scope = namespace::equals;
        } else if (readable.isPresent()) {
            if (readable.get().isEmpty()) {
                access.require(Action.READ, clusterId, null);
            }
            scope = Set.copyOf(readable.get())::contains;
        } else {
            scope = ns -> true;
        }
        boolean clusterWide = readable.isEmpty() && (namespace == null || namespace.isEmpty());
        return new LiveClusterState(clusterId, cluster.name(), kube, scope, clusterWide, clock.instant());
    }

    /**
     * Runs the spec-reading analyzers (all of them when {@code analyzers} is empty) on manifests. Text that is not
     * YAML, or YAML that is not Kubernetes objects (a bare word, a list of numbers), is a 400 invalid-yaml.
     */
    public AnalysisResult analyzeManifests(String manifests, Collection<String> analyzers) {
        engine.choose(analyzers);
        List<Map<String, Object>> documents;
        try {
            documents = ManifestParser.parse(manifests);
        } catch (ApiException e) {
            if ("invalid-document".equals(e.code())) {
                throw ApiException.badRequest(
                        "invalid-yaml", e.getMessage() + ": manifests are YAML mappings (Kubernetes objects)", "body");
            }
            throw e;
        }
        return engine.run(new ManifestState(documents, clock.instant()), analyzers);
    }
}
