package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN;
import static dev.cloudops.analysis.polaris.PolarisCheck.DEPLOYMENT_MISSING_REPLICAS;
import static dev.cloudops.analysis.polaris.PolarisCheck.MISSING_NETWORK_POLICY;
import static dev.cloudops.analysis.polaris.PolarisCheck.MISSING_POD_DISRUPTION_BUDGET;
import static dev.cloudops.analysis.polaris.PolarisCheck.PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS;

import dev.cloudops.analysis.ClusterState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of a workload against the other objects of its namespace: its PodDisruptionBudget, autoscaler,
 * NetworkPolicies and ServiceAccount. Each related kind is read and indexed once, and only when a check needs it.
 */
final class RelatedChecks {

    private static final String DEFAULT_SERVICE_ACCOUNT = "default";

    private final ClusterState state;
    private Map<String, List<Map<String, Object>>> pdbs;
    private Map<String, List<Map<String, Object>>> networkPolicies;
    private Map<String, Map<String, Object>> hpas;
    private Map<String, Map<String, Object>> serviceAccounts;

    RelatedChecks(ClusterState state) {
        this.state = state;
    }

    void check(Workload w, Set<PolarisCheck> on, Verdicts v) {
        boolean replicated = "Deployment".equals(w.kind()) || "StatefulSet".equals(w.kind());
        if (replicated && on.contains(MISSING_POD_DISRUPTION_BUDGET)) {
            if (pdbFor(w) != null) {
                v.pass(MISSING_POD_DISRUPTION_BUDGET, w.object());
            } else {
                v.fail(MISSING_POD_DISRUPTION_BUDGET, w.object(), null);
            }
        }
        boolean replicaChecks = "Deployment".equals(w.kind()) && on.contains(DEPLOYMENT_MISSING_REPLICAS);
        if (replicated && on.contains(PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS) || replicaChecks) {
            Map<String, Object> hpa = hpaFor(w);
            if (replicated && on.contains(PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS)) {
                pdbAgainstHpa(w, hpa, v);
            }
            if (replicaChecks) {
                replicas(w, hpa, v);
            }
        }
        if (on.contains(MISSING_NETWORK_POLICY)) {
            networkPolicy(w, v);
        }
        if (on.contains(AUTOMOUNT_SERVICE_ACCOUNT_TOKEN)) {
            automount(w, v);
        }
    }

    private Map<String, Object> pdbFor(Workload w) {
        if (pdbs == null) {
            pdbs = byNamespace("PodDisruptionBudget");
        }
        Map<String, Object> labels = w.podLabels();
        for (Map<String, Object> pdb : pdbs.getOrDefault(w.namespace(), List.of())) {
            if (Selectors.matches(Json.map(pdb, "spec").get("selector"), labels)) {
                return pdb;
            }
        }
        return null;
    }

    private Map<String, Object> hpaFor(Workload w) {
        if (hpas == null) {
            hpas = new HashMap<>();
            for (Map<String, Object> hpa : state.objects("HorizontalPodAutoscaler")) {
                Map<String, Object> target = Json.map(Json.map(hpa, "spec"), "scaleTargetRef");
                hpas.putIfAbsent(
                        Json.namespace(hpa) + "/" + Json.text(target, "kind") + "/" + Json.text(target, "name"), hpa);
            }
        }
        return hpas.get(w.namespace() + "/" + w.kind() + "/" + w.name());
    }

    /**
     * Fails when the budget keeps more pods up than the autoscaler may scale down to: no pod could ever be evicted
     * at the minimum. A percentage is taken of the workload's replicas, as Polaris does.
     */
    private void pdbAgainstHpa(Workload w, Map<String, Object> hpa, Verdicts v) {
        Long minReplicas = hpa == null ? null : Json.number(Json.map(hpa, "spec"), "minReplicas");
        Map<String, Object> pdb = minReplicas == null ? null : pdbFor(w);
        Object minAvailable = pdb == null ? null : Json.map(pdb, "spec").get("minAvailable");
        if (minAvailable == null) {
            v.pass(PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS, w.object());
            return;
        }
        Long replicas = Json.number(Json.map(w.object(), "spec"), "replicas");
        long required = IntOrPercent.scaled(minAvailable, replicas == null ? 1 : replicas);
        if (required > minReplicas) {
            v.fail(
                    PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS,
                    w.object(),
                    null,
                    "PDB " + Json.name(pdb) + " keeps " + required + " pods available but HPA " + Json.name(hpa)
                            + " may scale down to " + minReplicas,
                    List.of());
        } else {
            v.pass(PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS, w.object());
        }
    }

    /** An autoscaler owns the replica count; unset replicas are left to it or to the default. */
    private static void replicas(Workload w, Map<String, Object> hpa, Verdicts v) {
        Long replicas = Json.number(Json.map(w.object(), "spec"), "replicas");
        if (replicas == null || replicas >= 2 || hpa != null) {
            v.pass(DEPLOYMENT_MISSING_REPLICAS, w.object());
        } else {
            v.fail(DEPLOYMENT_MISSING_REPLICAS, w.object(), null, List.of(Patches.replace("/spec/replicas", 3)));
        }
    }

    /**
     * Passes when policies selecting the pods isolate them both ways: a policy isolates ingress when its
     * policyTypes include Ingress (or it has no policyTypes), egress when they include Egress (or, without
     * policyTypes, it has egress rules). A deny-all policy with no rules isolates as well as one with rules.
     */
    private void networkPolicy(Workload w, Verdicts v) {
        if (networkPolicies == null) {
            networkPolicies = byNamespace("NetworkPolicy");
        }
        boolean ingress = false;
        boolean egress = false;
        Map<String, Object> labels = w.podLabels();
        for (Map<String, Object> policy : networkPolicies.getOrDefault(w.namespace(), List.of())) {
            Map<String, Object> spec = Json.map(policy, "spec");
            Object selector = spec.get("podSelector");
            if (!Selectors.matches(selector == null ? Map.of() : selector, labels)) {
                continue;
            }
            List<Object> types = Json.list(spec, "policyTypes");
            if (types.isEmpty()) {
                ingress = true;
                egress |= spec.get("egress") != null;
            } else {
                ingress |= types.contains("Ingress");
                egress |= types.contains("Egress");
            }
        }
        if (ingress && egress) {
            v.pass(MISSING_NETWORK_POLICY, w.object());
        } else {
            String missing = ingress ? "egress" : egress ? "ingress" : "ingress and egress";
            v.fail(
                    MISSING_NETWORK_POLICY,
                    w.object(),
                    null,
                    "No NetworkPolicy selecting the pods restricts their " + missing,
                    List.of());
        }
    }

    /** The pod's own setting wins; without one, its ServiceAccount's; without either the token is mounted. */
    private void automount(Workload w, Verdicts v) {
        Map<String, Object> spec = w.podSpec();
        boolean mounted;
        if (spec.get("automountServiceAccountToken") != null) {
            mounted = !Json.isFalse(spec, "automountServiceAccountToken");
        } else {
            if (serviceAccounts == null) {
                serviceAccounts = new HashMap<>();
                for (Map<String, Object> sa : state.objects("ServiceAccount")) {
                    serviceAccounts.put(Json.namespace(sa) + "/" + Json.name(sa), sa);
                }
            }
            String name = Json.text(spec, "serviceAccountName");
            if (name == null || name.isEmpty()) {
                name = Json.text(spec, "serviceAccount");
            }
            Map<String, Object> sa = serviceAccounts.get(
                    w.namespace() + "/" + (name == null || name.isEmpty() ? DEFAULT_SERVICE_ACCOUNT : name));
            mounted = sa == null || !Json.isFalse(sa, "automountServiceAccountToken");
        }
        // No patch: a pod that calls the API server needs its token, and only its owner knows whether it does.
        if (mounted) {
            v.fail(AUTOMOUNT_SERVICE_ACCOUNT_TOKEN, w.object(), null);
        } else {
            v.pass(AUTOMOUNT_SERVICE_ACCOUNT_TOKEN, w.object());
        }
    }

    private Map<String, List<Map<String, Object>>> byNamespace(String kind) {
        Map<String, List<Map<String, Object>>> index = new HashMap<>();
        for (Map<String, Object> object : state.objects(kind)) {
            index.computeIfAbsent(Json.namespace(object), ns -> new ArrayList<>())
                    .add(object);
        }
        return index;
    }
}
