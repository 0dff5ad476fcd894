package dev.cloudops.analysis.polaris;

import dev.cloudops.analysis.ClusterState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs a set of Polaris checks over a state: every workload once (controllers, and pods no controller owns), then
 * the objects that run no pods, then RBAC. A kind is read only when a check in the set needs it.
 */
final class PolarisScan {

    private static final Set<PolarisCheck> WORKLOAD_CHECKS =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(
                    PolarisCheck.HPA_MAX_AVAILABILITY,
                    PolarisCheck.HPA_MIN_AVAILABILITY,
                    PolarisCheck.PDB_DISRUPTIONS_IS_ZERO,
                    PolarisCheck.SENSITIVE_CONFIGMAP_CONTENT,
                    PolarisCheck.TLS_SETTINGS_MISSING,
                    PolarisCheck.CLUSTERROLE_POD_EXEC_ATTACH,
                    PolarisCheck.CLUSTERROLEBINDING_CLUSTER_ADMIN,
                    PolarisCheck.CLUSTERROLEBINDING_POD_EXEC_ATTACH,
                    PolarisCheck.ROLE_POD_EXEC_ATTACH,
                    PolarisCheck.ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE,
                    PolarisCheck.ROLEBINDING_CLUSTER_ADMIN_ROLE,
                    PolarisCheck.ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH,
                    PolarisCheck.ROLEBINDING_ROLE_POD_EXEC_ATTACH)));

    private PolarisScan() {}

    static void run(ClusterState state, Set<PolarisCheck> on, Verdicts out) {
        Verdicts v = new Exemptions(out);
        if (on.stream().anyMatch(WORKLOAD_CHECKS::contains)) {
            RelatedChecks related = new RelatedChecks(state);
            for (String kind : Workload.KINDS) {
                for (Map<String, Object> object : state.objects(kind)) {
                    Workload w = Workload.of(object);
                    if (w != null) {
                        ContainerChecks.check(w, on, v);
                        SecurityContextChecks.check(w, on, v);
                        PodChecks.check(w, on, v);
                        related.check(w, on, v);
                    }
                }
            }
        }
        ObjectChecks.check(state, on, v);
        RbacChecks.check(state, on, v);
    }
}
