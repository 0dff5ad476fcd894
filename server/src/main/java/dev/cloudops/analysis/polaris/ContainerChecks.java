package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.CPU_LIMITS_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.CPU_REQUESTS_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.LIVENESS_PROBE_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.MEMORY_LIMITS_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.MEMORY_REQUESTS_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.PULL_POLICY_NOT_ALWAYS;
import static dev.cloudops.analysis.polaris.PolarisCheck.READINESS_PROBE_MISSING;
import static dev.cloudops.analysis.polaris.PolarisCheck.TAG_NOT_SPECIFIED;

import dev.cloudops.analysis.polaris.Workload.Container;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-container efficiency and reliability checks: resources, probes, image tag and pull policy. Resource and
 * probe checks skip init containers, probe checks skip Jobs and CronJobs (their pods run to completion), as
 * Polaris does.
 */
final class ContainerChecks {

    /** Polaris's placeholders for a missing value; the person applying the fix should tune them. */
    static final String CPU_PLACEHOLDER = "100m";

    static final String MEMORY_PLACEHOLDER = "512Mi";

    private ContainerChecks() {}

    static void check(Workload w, Set<PolarisCheck> on, Verdicts v) {
        boolean runsToCompletion = "Job".equals(w.kind()) || "CronJob".equals(w.kind());
        for (Container c : w.containers()) {
            if (!c.init()) {
                Map<String, Object> resources = Json.map(c.spec(), "resources");
                resource(w, c, resources, on, v, CPU_LIMITS_MISSING, "limits", "cpu", CPU_PLACEHOLDER);
                resource(w, c, resources, on, v, CPU_REQUESTS_MISSING, "requests", "cpu", CPU_PLACEHOLDER);
                resource(w, c, resources, on, v, MEMORY_LIMITS_MISSING, "limits", "memory", MEMORY_PLACEHOLDER);
                resource(w, c, resources, on, v, MEMORY_REQUESTS_MISSING, "requests", "memory", MEMORY_PLACEHOLDER);
                if (!runsToCompletion) {
                    probe(w, c, on, v, LIVENESS_PROBE_MISSING, "livenessProbe");
                    probe(w, c, on, v, READINESS_PROBE_MISSING, "readinessProbe");
                }
            }
            if (on.contains(TAG_NOT_SPECIFIED)) {
                if (taggedImage(Json.text(c.spec(), "image"))) {
                    v.pass(TAG_NOT_SPECIFIED, w.object());
                } else {
                    v.fail(TAG_NOT_SPECIFIED, w.object(), c.name());
                }
            }
            if (on.contains(PULL_POLICY_NOT_ALWAYS)) {
                if ("Always".equals(Json.text(c.spec(), "imagePullPolicy"))) {
                    v.pass(PULL_POLICY_NOT_ALWAYS, w.object());
                } else {
                    v.fail(
                            PULL_POLICY_NOT_ALWAYS,
                            w.object(),
                            c.name(),
                            List.of(Patches.set(c.spec(), c.path(), "Always", "imagePullPolicy")));
                }
            }
        }
    }

    private static void resource(
            Workload w,
            Container c,
            Map<String, Object> resources,
            Set<PolarisCheck> on,
            Verdicts v,
            PolarisCheck check,
            String kind,
            String resource,
            String placeholder) {
        if (!on.contains(check)) {
            return;
        }
        if (Json.map(resources, kind).get(resource) != null) {
            v.pass(check, w.object());
        } else {
            v.fail(
                    check,
                    w.object(),
                    c.name(),
                    List.of(Patches.set(c.spec(), c.path(), placeholder, "resources", kind, resource)));
        }
    }

    /** No patch: a made-up probe would restart or hide a healthy container. */
    private static void probe(
            Workload w, Container c, Set<PolarisCheck> on, Verdicts v, PolarisCheck check, String field) {
        if (!on.contains(check)) {
            return;
        }
        if (c.spec().get(field) instanceof Map<?, ?>) {
            v.pass(check, w.object());
        } else {
            v.fail(check, w.object(), c.name());
        }
    }

    /** A digest, or a tag other than {@code latest}; a registry port ({@code host:5000/app}) is not a tag. */
    static boolean taggedImage(String image) {
        if (image == null || image.isEmpty()) {
            return false;
        }
        if (image.indexOf('@') >= 0) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return false;
        }
        int tagLength = image.length() - colon - 1;
        return tagLength > 0 && !(tagLength == 6 && image.endsWith("latest"));
    }
}
