package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.DANGEROUS_CAPABILITIES;
import static dev.cloudops.analysis.polaris.PolarisCheck.HOST_PORT_SET;
import static dev.cloudops.analysis.polaris.PolarisCheck.INSECURE_CAPABILITIES;
import static dev.cloudops.analysis.polaris.PolarisCheck.LINUX_HARDENING;
import static dev.cloudops.analysis.polaris.PolarisCheck.NOT_READ_ONLY_ROOT_FILESYSTEM;
import static dev.cloudops.analysis.polaris.PolarisCheck.PRIVILEGE_ESCALATION_ALLOWED;
import static dev.cloudops.analysis.polaris.PolarisCheck.PROC_MOUNT;
import static dev.cloudops.analysis.polaris.PolarisCheck.RUN_AS_PRIVILEGED;
import static dev.cloudops.analysis.polaris.PolarisCheck.RUN_AS_ROOT_ALLOWED;
import static dev.cloudops.analysis.polaris.PolarisCheck.SENSITIVE_CONTAINER_ENV_VAR;

import dev.cloudops.analysis.polaris.Workload.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-container security checks: the container's securityContext, its ports and its environment. */
final class SecurityContextChecks {

    static final List<String> DANGEROUS = List.of("ALL", "SYS_ADMIN", "NET_ADMIN");

    /** Docker's default capabilities: dropping every one of them is as good as dropping ALL. */
    static final List<String> INSECURE = List.of(
            "NET_ADMIN",
            "CHOWN",
            "DAC_OVERRIDE",
            "FSETID",
            "FOWNER",
            "MKNOD",
            "NET_RAW",
            "SETGID",
            "SETUID",
            "SETFCAP",
            "SETPCAP",
            "NET_BIND_SERVICE",
            "SYS_CHROOT",
            "KILL",
            "AUDIT_WRITE");

    static final String APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    /** The seccomp annotations Kubernetes read before the seccompProfile field (1.19). */
    static final String SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";

    static final String SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

    private SecurityContextChecks() {}

    static void check(Workload w, Set<PolarisCheck> on, Verdicts v) {
        for (Container c : w.containers()) {
            Map<String, Object> sc = c.securityContext();
            Map<String, Object> caps = Json.map(sc, "capabilities");
            if (on.contains(HOST_PORT_SET)) {
                hostPort(w, c, v);
            }
            if (on.contains(DANGEROUS_CAPABILITIES)) {
                dangerous(w, c, caps, v);
            }
            if (on.contains(INSECURE_CAPABILITIES)) {
                insecure(w, c, caps, v);
            }
            if (on.contains(LINUX_HARDENING)) {
                verdict(v, LINUX_HARDENING, w, c, hardened(w, c, sc, caps));
            }
            if (on.contains(NOT_READ_ONLY_ROOT_FILESYSTEM)) {
                verdict(v, NOT_READ_ONLY_ROOT_FILESYSTEM, w, c, Json.isTrue(sc, "readOnlyRootFilesystem"));
            }
            if (on.contains(PRIVILEGE_ESCALATION_ALLOWED)) {
                privilegeEscalation(w, c, sc, caps, v);
            }
            if (on.contains(RUN_AS_PRIVILEGED)) {
                verdict(v, RUN_AS_PRIVILEGED, w, c, !Json.isTrue(sc, "privileged"));
            }
            if (on.contains(RUN_AS_ROOT_ALLOWED)) {
                runAsRoot(w, c, sc, v);
            }
            if (on.contains(PROC_MOUNT)) {
                Object procMount = sc.get("procMount");
                verdict(v, PROC_MOUNT, w, c, procMount == null || "Default".equals(procMount));
            }
            if (on.contains(SENSITIVE_CONTAINER_ENV_VAR)) {
                verdict(v, SENSITIVE_CONTAINER_ENV_VAR, w, c, !sensitiveEnv(c));
            }
        }
    }

    private static void verdict(Verdicts v, PolarisCheck check, Workload w, Container c, boolean passes) {
        if (passes) {
            v.pass(check, w.object());
        } else {
            v.fail(check, w.object(), c.name());
        }
    }

    private static void hostPort(Workload w, Container c, Verdicts v) {
        List<Object> ports = Json.list(c.spec(), "ports");
        List<Map<String, Object>> patch = new ArrayList<>(0);
        for (int i = 0; i < ports.size(); i++) {
            Long hostPort = Json.number(Json.map(ports.get(i)), "hostPort");
            if (hostPort != null && hostPort != 0) {
                patch.add(Patches.remove(c.path() + "/ports/" + i + "/hostPort"));
            }
        }
        if (patch.isEmpty()) {
            v.pass(HOST_PORT_SET, w.object());
        } else {
            v.fail(HOST_PORT_SET, w.object(), c.name(), patch);
        }
    }

    /** The fix removes only the dangerous capabilities, and the emptied list (or capabilities) with them. */
    private static void dangerous(Workload w, Container c, Map<String, Object> caps, Verdicts v) {
        List<Object> add = Json.list(caps, "add");
        List<Object> kept = new ArrayList<>(add.size());
        for (Object cap : add) {
            if (cap == null || !Json.containsIgnoreCase(DANGEROUS, cap.toString())) {
                kept.add(cap);
            }
        }
        if (kept.size() == add.size()) {
            v.pass(DANGEROUS_CAPABILITIES, w.object());
            return;
        }
        String capsPath = c.path() + "/securityContext/capabilities";
        Map<String, Object> op;
        if (!kept.isEmpty()) {
            op = Patches.replace(capsPath + "/add", kept);
        } else if (caps.size() == 1) {
            op = Patches.remove(capsPath);
        } else {
            op = Patches.remove(capsPath + "/add");
        }
        v.fail(DANGEROUS_CAPABILITIES, w.object(), c.name(), List.of(op));
    }

    private static void insecure(Workload w, Container c, Map<String, Object> caps, Verdicts v) {
        List<Object> drop = Json.list(caps, "drop");
        if (Json.containsIgnoreCase(drop, "ALL") || dropsAll(drop)) {
            v.pass(INSECURE_CAPABILITIES, w.object());
            return;
        }
        List<Map<String, Object>> patch = new ArrayList<>(2);
        patch.add(Patches.set(c.spec(), c.path(), List.of("ALL"), "securityContext", "capabilities", "drop"));
        if (Json.containsIgnoreCase(Json.list(caps, "add"), "ALL")) {
            patch.add(Patches.remove(c.path() + "/securityContext/capabilities/add"));
        }
        v.fail(INSECURE_CAPABILITIES, w.object(), c.name(), patch);
    }

    private static boolean dropsAll(List<Object> drop) {
        if (drop.size() < INSECURE.size()) {
            return false;
        }
        for (String cap : INSECURE) {
            if (!Json.containsIgnoreCase(drop, cap)) {
                return false;
            }
        }
        return true;
    }

    /** Any one of a seccomp profile, SELinux options, an AppArmor profile or dropped capabilities. */
    private static boolean hardened(Workload w, Container c, Map<String, Object> sc, Map<String, Object> caps) {
        Map<String, Object> podSc = w.podSecurityContext();
        Object containerSeccomp = sc.get("seccompProfile");
        Object seccomp = containerSeccomp instanceof Map<?, ?> ? containerSeccomp : podSc.get("seccompProfile");
        if (confines(seccomp)) {
            return true;
        }
        if (!Json.map(sc, "seLinuxOptions").isEmpty()
                || !Json.map(podSc, "seLinuxOptions").isEmpty()) {
            return true;
        }
        Object containerAppArmor = sc.get("appArmorProfile");
        Object appArmor = containerAppArmor instanceof Map<?, ?> ? containerAppArmor : podSc.get("appArmorProfile");
        if (confines(appArmor)) {
            return true;
        }
        Map<String, Object> annotations = Json.map(w.podMeta(), "annotations");
        if (!annotations.isEmpty() && c.name() != null) {
            if (confinesByAnnotation(annotations.get(APPARMOR_PREFIX + c.name()))) {
                return true;
            }
            Object containerProfile = annotations.get(SECCOMP_CONTAINER_PREFIX + c.name());
            if (confinesByAnnotation(
                    containerProfile != null ? containerProfile : annotations.get(SECCOMP_POD_ANNOTATION))) {
                return true;
            }
        }
        return !Json.list(caps, "drop").isEmpty() && !Json.containsIgnoreCase(Json.list(caps, "add"), "ALL");
    }

    private static boolean confinesByAnnotation(Object profile) {
        return profile instanceof String p && !p.isBlank() && !"unconfined".equals(p);
    }

    private static boolean confines(Object profile) {
        Object type = Json.map(profile).get("type");
        return type != null && !"Unconfined".equals(type);
    }

    /**
     * The fix sets {@code allowPrivilegeEscalation: false}, except where the API server would refuse it: on a
     * privileged container or one that adds SYS_ADMIN.
     */
    private static void privilegeEscalation(
            Workload w, Container c, Map<String, Object> sc, Map<String, Object> caps, Verdicts v) {
        if (Json.isFalse(sc, "allowPrivilegeEscalation")) {
            v.pass(PRIVILEGE_ESCALATION_ALLOWED, w.object());
            return;
        }
        boolean refused = Json.isTrue(sc, "privileged")
                || Json.containsIgnoreCase(Json.list(caps, "add"), "SYS_ADMIN")
                || Json.containsIgnoreCase(Json.list(caps, "add"), "ALL");
        List<Map<String, Object>> patch = refused
                ? List.of()
                : List.of(Patches.set(c.spec(), c.path(), false, "securityContext", "allowPrivilegeEscalation"));
        v.fail(PRIVILEGE_ESCALATION_ALLOWED, w.object(), c.name(), patch);
    }

    /** Passes when runAsNonRoot is true, or the user it runs as is not root; the container's setting wins. */
    private static void runAsRoot(Workload w, Container c, Map<String, Object> sc, Verdicts v) {
        Map<String, Object> podSc = w.podSecurityContext();
        boolean nonRoot =
                sc.get("runAsNonRoot") != null ? Json.isTrue(sc, "runAsNonRoot") : Json.isTrue(podSc, "runAsNonRoot");
        Long user = Json.number(sc, "runAsUser");
        if (user == null) {
            user = Json.number(podSc, "runAsUser");
        }
        if (nonRoot || (user != null && user > 0)) {
            v.pass(RUN_AS_ROOT_ALLOWED, w.object());
        } else {
            v.fail(
                    RUN_AS_ROOT_ALLOWED,
                    w.object(),
                    c.name(),
                    List.of(Patches.set(c.spec(), c.path(), true, "securityContext", "runAsNonRoot")));
        }
    }

    private static boolean sensitiveEnv(Container c) {
        for (Object item : Json.list(c.spec(), "env")) {
            Map<String, Object> env = Json.map(item);
            Object value = env.get("value");
            if (value != null && (Sensitive.name(Json.text(env, "name")) || Sensitive.value(value.toString()))) {
                return true;
            }
        }
        return false;
    }
}
