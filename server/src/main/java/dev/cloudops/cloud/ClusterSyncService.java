package dev.cloudops.cloud;

import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.yaml.SafeYaml;
import dev.cloudops.resource.ObjectNormalizer;
import dev.cloudops.resource.ResourceService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Copies chosen objects from one cluster to others through the resource apply path (the same checks, dry run
 * and audit as any apply), one object at a time, and reports what happened to each object on each target. An
 * object that fails is reported and the others go on.
 */
@Service
public class ClusterSyncService {

    static final int MAX_OBJECTS = 100;
    static final int MAX_TARGETS = 20;

    private final ResourceService resources;

    ClusterSyncService(ResourceService resources) {
        this.resources = resources;
    }

    /** One object to copy. {@code namespace} is {@code _} or empty for cluster-scoped objects. */
    public record ObjectRef(String kind, String namespace, String name) {}

    /**
     * What to copy where.
     *
     * @param targetNamespace put namespaced objects in this namespace on the targets (default: their own)
     * @param dryRun let the targets' API servers check everything, write nothing
     */
    public record SyncRequest(
            Long sourceClusterId,
            List<ObjectRef> objects,
            List<Long> targetClusterIds,
            String targetNamespace,
            Boolean dryRun) {}

    /**
     * One object on one target: {@code result} is CREATED, CONFIGURED, UNCHANGED, or FAILED with the problem's
     * code and detail.
     */
    public record ObjectResult(
            long targetClusterId,
            String kind,
            String namespace,
            String name,
            String result,
            String error,
            String detail) {}

    /** The report: every object on every target, and how many failed. */
    public record SyncReport(boolean dryRun, int copied, int failed, List<ObjectResult> results) {}

    public SyncReport sync(SyncRequest request) {
        Checked checked = check(request);
        List<ObjectRef> objects = checked.objects();
        List<Long> targets = checked.targets();
        List<String> manifests = new ArrayList<>();
        for (ObjectRef ref : objects) {
            String ns = ref.namespace() == null || ref.namespace().isEmpty()
                    ? ResourceService.CLUSTER_SCOPE
                    : ref.namespace();
            manifests.add(portable(
                    resources.get(request.sourceClusterId(), ref.kind(), ns, ref.name()), request.targetNamespace()));
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        List<ObjectResult> results = new ArrayList<>();
        int failed = 0;
        for (long target : targets) {
            for (int i = 0; i < objects.size(); i++) {
                ObjectRef ref = objects.get(i);
                try {
                    List<ApplyOutcome> outcome = resources.apply(target, manifests.get(i), null, dryRun);
                    ApplyOutcome o = outcome.get(0);
                    results.add(new ObjectResult(
                            target,
                            o.kind(),
                            o.namespace(),
                            o.name(),
                            o.result().name(),
                            null,
                            null));
                } catch (ApiException e) {
                    failed++;
                    results.add(new ObjectResult(
                            target, ref.kind(), ref.namespace(), ref.name(), "FAILED", e.code(), e.getMessage()));
                }
            }
        }
        return new SyncReport(dryRun, results.size() - failed, failed, results);
    }

    /** A request that passed {@link #check}: its objects, and its targets without repeats. */
    record Checked(long source, List<ObjectRef> objects, List<Long> targets) {}

    /** Checks what to copy where without reading or writing anything; {@code 400 invalid-field} otherwise. */
    static Checked check(SyncRequest request) {
        if (request == null || request.sourceClusterId() == null) {
            throw ApiException.badRequest("invalid-field", "sourceClusterId is required", "sourceClusterId");
        }
        List<ObjectRef> objects = request.objects() == null ? List.of() : request.objects();
        if (objects.isEmpty() || objects.size() > MAX_OBJECTS) {
            throw ApiException.badRequest("invalid-field", "Name 1-" + MAX_OBJECTS + " objects", "objects");
        }
        List<Long> targets = request.targetClusterIds() == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.targetClusterIds()));
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw ApiException.badRequest(
                    "invalid-field", "Name 1-" + MAX_TARGETS + " target clusters", "targetClusterIds");
        }
        if (targets.contains(request.sourceClusterId())) {
            throw ApiException.badRequest("invalid-field", "The source cluster cannot be a target", "targetClusterIds");
        }
        for (ObjectRef ref : objects) {
            if (ref == null || ref.kind() == null || ref.name() == null) {
                throw ApiException.badRequest("invalid-field", "Every object needs kind and name", "objects");
            }
        }
        String targetNamespace = request.targetNamespace();
        if (targetNamespace != null && !targetNamespace.isBlank() && !KubeNames.isDnsLabel(targetNamespace)) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + targetNamespace + "' is not a valid namespace name", "targetNamespace");
        }
        return new Checked(request.sourceClusterId(), List.copyOf(objects), targets);
    }

    /**
     * The object as it can be applied elsewhere: its stable form without what belongs to the source cluster
     * (owner references, a Service's allocated cluster IPs), in the target namespace if one is named.
     */
    @SuppressWarnings("unchecked")
    static String portable(Map<String, Object> object, String targetNamespace) {
        Map<String, Object> content = ObjectNormalizer.normalize(object).content();
        if (content.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> metadata = (Map<String, Object>) meta;
            metadata.remove("ownerReferences");
            if (targetNamespace != null && !targetNamespace.isBlank() && metadata.containsKey("namespace")) {
                metadata.put("namespace", targetNamespace);
            }
        }
        if ("Service".equals(content.get("kind")) && content.get("spec") instanceof Map<?, ?> spec) {
            Map<String, Object> s = (Map<String, Object>) spec;
            if (!"None".equals(s.get("clusterIP"))) {
                s.remove("clusterIP");
                s.remove("clusterIPs");
            }
        }
        return SafeYaml.dump(content);
    }
}
