package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.HPA_MAX_AVAILABILITY;
import static dev.cloudops.analysis.polaris.PolarisCheck.HPA_MIN_AVAILABILITY;
import static dev.cloudops.analysis.polaris.PolarisCheck.PDB_DISRUPTIONS_IS_ZERO;
import static dev.cloudops.analysis.polaris.PolarisCheck.SENSITIVE_CONFIGMAP_CONTENT;
import static dev.cloudops.analysis.polaris.PolarisCheck.TLS_SETTINGS_MISSING;

import dev.cloudops.analysis.ClusterState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of single objects that run no pods: autoscalers, disruption budgets, ConfigMaps and Ingresses. */
final class ObjectChecks {

    private ObjectChecks() {}

    static void check(ClusterState state, Set<PolarisCheck> on, Verdicts v) {
        if (on.contains(HPA_MAX_AVAILABILITY) || on.contains(HPA_MIN_AVAILABILITY)) {
            for (Map<String, Object> hpa : state.objects("HorizontalPodAutoscaler")) {
                hpa(hpa, on, v);
            }
        }
        if (on.contains(PDB_DISRUPTIONS_IS_ZERO)) {
            for (Map<String, Object> pdb : state.objects("PodDisruptionBudget")) {
                Map<String, Object> spec = Json.map(pdb, "spec");
                Object minAvailable = spec.get("minAvailable");
                Object maxUnavailable = spec.get("maxUnavailable");
                if ((minAvailable != null && IntOrPercent.wholePercent(minAvailable))
                        || (maxUnavailable != null && IntOrPercent.zero(maxUnavailable))) {
                    v.fail(PDB_DISRUPTIONS_IS_ZERO, pdb, null);
                } else {
                    v.pass(PDB_DISRUPTIONS_IS_ZERO, pdb);
                }
            }
        }
        if (on.contains(SENSITIVE_CONFIGMAP_CONTENT)) {
            for (Map<String, Object> configMap : state.objects("ConfigMap")) {
                String key = sensitiveKey(configMap);
                if (key == null) {
                    v.pass(SENSITIVE_CONFIGMAP_CONTENT, configMap);
                } else {
                    v.fail(
                            SENSITIVE_CONFIGMAP_CONTENT,
                            configMap,
                            null,
                            "Key " + key + " looks like a credential; ConfigMaps are not kept secret",
                            List.of());
                }
            }
        }
        if (on.contains(TLS_SETTINGS_MISSING)) {
            for (Map<String, Object> ingress : state.objects("Ingress")) {
                if (Json.list(Json.map(ingress, "spec"), "tls").isEmpty()) {
                    v.fail(TLS_SETTINGS_MISSING, ingress, null);
                } else {
                    v.pass(TLS_SETTINGS_MISSING, ingress);
                }
            }
        }
    }

    private static void hpa(Map<String, Object> hpa, Set<PolarisCheck> on, Verdicts v) {
        Map<String, Object> spec = Json.map(hpa, "spec");
        Long min = Json.number(spec, "minReplicas");
        Long max = Json.number(spec, "maxReplicas");
        if (on.contains(HPA_MAX_AVAILABILITY)) {
            if (min != null && max != null && max <= min) {
                v.fail(HPA_MAX_AVAILABILITY, hpa, null);
            } else {
                v.pass(HPA_MAX_AVAILABILITY, hpa);
            }
        }
        if (on.contains(HPA_MIN_AVAILABILITY)) {
            if (min != null && min < 2) {
                // Raising minReplicas past maxReplicas would be refused: no patch then.
                v.fail(
                        HPA_MIN_AVAILABILITY,
                        hpa,
                        null,
                        max != null && max >= 2 ? List.of(Patches.replace("/spec/minReplicas", 2)) : List.of());
            } else {
                v.pass(HPA_MIN_AVAILABILITY, hpa);
            }
        }
    }

    /** The first key that names a credential or whose value holds a private key; null when there is none. */
    private static String sensitiveKey(Map<String, Object> configMap) {
        for (Map.Entry<String, Object> e : Json.map(configMap, "data").entrySet()) {
            if (Sensitive.name(e.getKey())
                    || (e.getValue() != null && Sensitive.value(e.getValue().toString()))) {
                return e.getKey();
            }
        }
        for (String key : Json.map(configMap, "binaryData").keySet()) {
            if (Sensitive.name(key)) {
                return key;
            }
        }
        return null;
    }
}
