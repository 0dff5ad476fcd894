package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.Category.EFFICIENCY;
import static dev.cloudops.analysis.Category.RELIABILITY;
import static dev.cloudops.analysis.Category.SECURITY;
import static dev.cloudops.analysis.Severity.CRITICAL;
import static dev.cloudops.analysis.Severity.WARNING;

import dev.cloudops.analysis.Category;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.Severity;

/**
 * The Polaris check set: ids are Polaris's names, severities its {@code default.yaml} (danger is critical),
 * messages its check definitions. Efficiency and reliability checks make up the {@code config} analyzer, security
 * checks (RBAC ones included) the {@code security} analyzer.
 */
enum PolarisCheck {
    // Efficiency
    CPU_LIMITS_MISSING(
            "cpuLimitsMissing",
            EFFICIENCY,
            WARNING,
            "CPU limits should be set",
            "Set resources.limits.cpu to the most CPU the container may use."),
    CPU_REQUESTS_MISSING(
            "cpuRequestsMissing",
            EFFICIENCY,
            WARNING,
            "CPU requests should be set",
            "Set resources.requests.cpu to the CPU the container needs reserved."),
    MEMORY_LIMITS_MISSING(
            "memoryLimitsMissing",
            EFFICIENCY,
            WARNING,
            "Memory limits should be set",
            "Set resources.limits.memory to the most memory the container may use."),
    MEMORY_REQUESTS_MISSING(
            "memoryRequestsMissing",
            EFFICIENCY,
            WARNING,
            "Memory requests should be set",
            "Set resources.requests.memory to the memory the container needs reserved."),
    // Reliability
    DEPLOYMENT_MISSING_REPLICAS(
            "deploymentMissingReplicas",
            RELIABILITY,
            WARNING,
            "Only one replica is scheduled",
            "Run at least two replicas (spec.replicas) so one pod can fail or be evicted without an outage."),
    HPA_MAX_AVAILABILITY(
            "hpaMaxAvailability",
            RELIABILITY,
            WARNING,
            "HPA maxReplicas and minReplicas should be different",
            "Set maxReplicas above minReplicas, or the autoscaler can never scale."),
    HPA_MIN_AVAILABILITY(
            "hpaMinAvailability",
            RELIABILITY,
            WARNING,
            "HPA minReplicas should be 2 or more",
            "Set minReplicas to 2 or more so a scale-in never leaves a single pod."),
    LIVENESS_PROBE_MISSING(
            "livenessProbeMissing",
            RELIABILITY,
            WARNING,
            "Liveness probe should be configured",
            "Add a livenessProbe that fails when the process is stuck, so the kubelet restarts it."),
    READINESS_PROBE_MISSING(
            "readinessProbeMissing",
            RELIABILITY,
            WARNING,
            "Readiness probe should be configured",
            "Add a readinessProbe so traffic only reaches the pod once it can serve it."),
    METADATA_AND_INSTANCE_MISMATCHED(
            "metadataAndInstanceMismatched",
            RELIABILITY,
            WARNING,
            "Label app.kubernetes.io/instance must match metadata.name",
            "Set the app.kubernetes.io/instance label to the object's name."),
    MISSING_POD_DISRUPTION_BUDGET(
            "missingPodDisruptionBudget",
            RELIABILITY,
            WARNING,
            "Should have a PodDisruptionBudget",
            "Add a PodDisruptionBudget whose selector matches the pod template's labels."),
    PDB_DISRUPTIONS_IS_ZERO(
            "pdbDisruptionsIsZero",
            RELIABILITY,
            WARNING,
            "Voluntary evictions are not possible",
            "Allow at least one disruption (maxUnavailable above 0, minAvailable below 100%), or node drains hang."),
    PDB_MIN_AVAILABLE_GREATER_THAN_HPA_MIN_REPLICAS(
            "pdbMinAvailableGreaterThanHPAMinReplicas",
            RELIABILITY,
            WARNING,
            "PDB minAvailable is greater than HPA minReplicas",
            "Lower the PodDisruptionBudget's minAvailable to at most the autoscaler's minReplicas."),
    PRIORITY_CLASS_NOT_SET(
            "priorityClassNotSet",
            RELIABILITY,
            WARNING,
            "Priority class should be set",
            "Set spec.priorityClassName so the scheduler knows what to evict first under pressure."),
    PULL_POLICY_NOT_ALWAYS(
            "pullPolicyNotAlways",
            RELIABILITY,
            WARNING,
            "Image pull policy should be \"Always\"",
            "Set imagePullPolicy: Always so every start uses the registry's image and checks pull credentials."),
    TAG_NOT_SPECIFIED(
            "tagNotSpecified",
            RELIABILITY,
            CRITICAL,
            "Image tag should be specified",
            "Pin the image to a version tag or digest instead of latest or no tag."),
    TOPOLOGY_SPREAD_CONSTRAINT(
            "topologySpreadConstraint",
            RELIABILITY,
            WARNING,
            "Pod should be configured with a valid topology spread constraint",
            "Add a topologySpreadConstraint (maxSkew, topologyKey, whenUnsatisfiable) to spread replicas over"
                    + " nodes or zones."),
    // Security
    AUTOMOUNT_SERVICE_ACCOUNT_TOKEN(
            "automountServiceAccountToken",
            SECURITY,
            WARNING,
            "The ServiceAccount will be automounted",
            "Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the API."),
    CLUSTERROLE_POD_EXEC_ATTACH(
            "clusterrolePodExecAttach",
            SECURITY,
            CRITICAL,
            "The ClusterRole allows Pods/exec or pods/attach",
            "Remove pods/exec and pods/attach (and wildcards covering them) from the ClusterRole's rules."),
    CLUSTERROLEBINDING_CLUSTER_ADMIN(
            "clusterrolebindingClusterAdmin",
            SECURITY,
            CRITICAL,
            "The ClusterRoleBinding references the default cluster-admin ClusterRole or one with wildcard"
                    + " permissions",
            "Bind a ClusterRole that grants only the resources and verbs the subjects need."),
    CLUSTERROLEBINDING_POD_EXEC_ATTACH(
            "clusterrolebindingPodExecAttach",
            SECURITY,
            CRITICAL,
            "The ClusterRoleBinding references a ClusterRole that allows Pods/exec, allows pods/attach, or that"
                    + " does not exist",
            "Bind an existing ClusterRole that does not grant pods/exec or pods/attach."),
    DANGEROUS_CAPABILITIES(
            "dangerousCapabilities",
            SECURITY,
            CRITICAL,
            "Container should not have dangerous capabilities",
            "Remove ALL, SYS_ADMIN and NET_ADMIN from securityContext.capabilities.add."),
    HOST_IPC_SET(
            "hostIPCSet",
            SECURITY,
            CRITICAL,
            "Host IPC should not be configured",
            "Remove hostIPC: true so the pod cannot see the node's IPC namespace."),
    HOST_NETWORK_SET(
            "hostNetworkSet",
            SECURITY,
            CRITICAL,
            "Host network should not be configured",
            "Remove hostNetwork: true so the pod gets its own network namespace."),
    HOST_PID_SET(
            "hostPIDSet",
            SECURITY,
            CRITICAL,
            "Host PID should not be configured",
            "Remove hostPID: true so the pod cannot see the node's processes."),
    HOST_PATH_SET(
            "hostPathSet",
            SECURITY,
            WARNING,
            "HostPath volumes must be forbidden",
            "Replace hostPath volumes with persistent volumes, configMaps or emptyDir."),
    HOST_PORT_SET(
            "hostPortSet",
            SECURITY,
            WARNING,
            "Host port should not be configured",
            "Remove hostPort and expose the container through a Service."),
    HOST_PROCESS(
            "hostProcess",
            SECURITY,
            WARNING,
            "Privileged access to the host is disallowed",
            "Remove securityContext.windowsOptions.hostProcess: true."),
    INSECURE_CAPABILITIES(
            "insecureCapabilities",
            SECURITY,
            WARNING,
            "Container should not have insecure capabilities",
            "Drop ALL capabilities (securityContext.capabilities.drop: [ALL]) and add back only what is needed."),
    LINUX_HARDENING(
            "linuxHardening",
            SECURITY,
            WARNING,
            "None of AppArmor, Seccomp, SELinux, or dropping Linux Capabilities is used to restrict the container",
            "Set a seccompProfile (RuntimeDefault), SELinux options or an AppArmor profile, or drop capabilities."),
    MISSING_NETWORK_POLICY(
            "missingNetworkPolicy",
            SECURITY,
            WARNING,
            "A NetworkPolicy should match pod labels and contain applied egress and ingress rules",
            "Add a NetworkPolicy selecting the pods with policyTypes Ingress and Egress."),
    NOT_READ_ONLY_ROOT_FILESYSTEM(
            "notReadOnlyRootFilesystem",
            SECURITY,
            WARNING,
            "Filesystem should be read only",
            "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where it must write."),
    PRIVILEGE_ESCALATION_ALLOWED(
            "privilegeEscalationAllowed",
            SECURITY,
            CRITICAL,
            "Privilege escalation should not be allowed",
            "Set securityContext.allowPrivilegeEscalation: false."),
    PROC_MOUNT(
            "procMount",
            SECURITY,
            WARNING,
            "Proc mount must not be changed from the default",
            "Remove securityContext.procMount or set it to Default."),
    ROLE_POD_EXEC_ATTACH(
            "rolePodExecAttach",
            SECURITY,
            CRITICAL,
            "The Role allows Pods/exec or pods/attach",
            "Remove pods/exec and pods/attach (and wildcards covering them) from the Role's rules."),
    ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE(
            "rolebindingClusterAdminClusterRole",
            SECURITY,
            CRITICAL,
            "The RoleBinding references the default cluster-admin ClusterRole or one with wildcard permissions",
            "Bind a Role or ClusterRole that grants only the resources and verbs the subjects need."),
    ROLEBINDING_CLUSTER_ADMIN_ROLE(
            "rolebindingClusterAdminRole",
            SECURITY,
            CRITICAL,
            "The RoleBinding references a Role with wildcard permissions",
            "Bind a Role that grants only the resources and verbs the subjects need."),
    ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH(
            "rolebindingClusterRolePodExecAttach",
            SECURITY,
            CRITICAL,
            "The RoleBinding references a ClusterRole that allows Pods/exec, allows pods/attach, or that does not"
                    + " exist",
            "Bind an existing ClusterRole that does not grant pods/exec or pods/attach."),
    ROLEBINDING_ROLE_POD_EXEC_ATTACH(
            "rolebindingRolePodExecAttach",
            SECURITY,
            CRITICAL,
            "The RoleBinding references a Role that allows Pods/exec, allows pods/attach, or that does not exist",
            "Bind an existing Role that does not grant pods/exec or pods/attach."),
    RUN_AS_PRIVILEGED(
            "runAsPrivileged",
            SECURITY,
            CRITICAL,
            "Should not be running as privileged",
            "Remove securityContext.privileged: true; grant single capabilities instead."),
    RUN_AS_ROOT_ALLOWED(
            "runAsRootAllowed",
            SECURITY,
            CRITICAL,
            "Should not be allowed to run as root",
            "Set securityContext.runAsNonRoot: true (and a non-zero runAsUser if the image has no user)."),
    SENSITIVE_CONFIGMAP_CONTENT(
            "sensitiveConfigmapContent",
            SECURITY,
            CRITICAL,
            "Potentially sensitive content is detected in the ConfigMap keys or values",
            "Move credentials and keys into a Secret and reference it."),
    SENSITIVE_CONTAINER_ENV_VAR(
            "sensitiveContainerEnvVar",
            SECURITY,
            CRITICAL,
            "The container sets potentially sensitive environment variables",
            "Read the value from a Secret (env.valueFrom.secretKeyRef) instead of writing it in the spec."),
    TLS_SETTINGS_MISSING(
            "tlsSettingsMissing",
            SECURITY,
            WARNING,
            "Ingress does not have TLS configured",
            "Add spec.tls with the hosts and the Secret holding their certificate.");

    private final CheckInfo info;
    private final String fix;

    PolarisCheck(String id, Category category, Severity severity, String message, String fix) {
        this.info = new CheckInfo(id, category, severity, message, message + ". " + fix);
        this.fix = fix;
    }

    CheckInfo info() {
        return info;
    }

    String id() {
        return info.id();
    }

    /** Polaris's failure message. */
    String message() {
        return info.title();
    }

    String fix() {
        return fix;
    }

    boolean security() {
        return info.category() == SECURITY;
    }
}
