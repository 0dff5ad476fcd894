package dev.cloudops.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deterministic, realistic pods for one simulated cluster: Deployment-owned pods with labels, probes,
 * resources, a service-account volume and a running status, as {@code kubectl get pod -o json} shows them
 * (without managedFields).
 *
 * <p>Pods are laid out in blocks of 100. In each block, slots 0–4 are {@code app=checkout,tier=web} and slots
 * 5–9 {@code app=search,tier=api}: these ten are the hits of {@link #SELECTOR}, and only they carry
 * {@link #HIT_LABEL}{@code =}{@link #HIT_VALUE}. Slots 10–13 are {@code checkout}/{@code search} pods with
 * {@code tier=batch}, which the set-based {@code app in (…)} term alone would match, so the {@code tier!=batch}
 * term does real work. The other 86 slots are 16 other apps. Exactly 10 % of a multiple of 100 pods match.
 */
public final class PodFactory {

    /** The selector CloudOps is asked for: set-based plus an inequality. */
    public static final String SELECTOR = "app in (checkout,search),tier!=batch";

    /**
     * The fabric8 mock ignores set-based selectors, so kubectl (through the mock) is asked for this
     * equality label, which is on exactly the pods {@link #SELECTOR} matches.
     */
    public static final String HIT_LABEL = "bench-group";

    public static final String HIT_VALUE = "hit";

    public static final String KUBECTL_SELECTOR = HIT_LABEL + "=" + HIT_VALUE;

    private static final String[] OTHER_APPS = {
        "cart", "catalog", "payments", "orders", "inventory", "shipping", "users", "auth",
        "recommendations", "reviews", "notifications", "pricing", "gateway", "frontend", "analytics", "prometheus"
    };
    private static final Instant EPOCH = Instant.parse("2025-01-06T08:00:00Z");
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** The label values of one pod slot. */
    record Role(String app, String tier, String namespace, String team) {}

    private final String cluster;
    private final int nodes;

    /**
     * @param cluster the cluster's name; it seeds names and IPs so clusters differ
     * @param nodes how many nodes the pods are spread over
     */
    public PodFactory(String cluster, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1");
        }
        this.cluster = cluster;
        this.nodes = nodes;
    }

    /** True when the pod with this index matches {@link #SELECTOR} (and carries the hit label). */
    public static boolean isHit(int index) {
        return index % 100 < 10;
    }

    /** How many of the first {@code pods} pods match {@link #SELECTOR}. */
    public static int expectedMatches(int pods) {
        int count = 0;
        for (int i = 0; i < pods; i++) {
            if (isHit(i)) {
                count++;
            }
        }
        return count;
    }

    static Role role(int index) {
        int slot = index % 100;
        if (slot < 5) {
            return new Role("checkout", "web", "shop", "payments");
        }
        if (slot < 10) {
            return new Role("search", "api", "search", "discovery");
        }
        if (slot < 12) {
            return new Role("checkout", "batch", "shop", "payments");
        }
        if (slot < 14) {
            return new Role("search", "batch", "search", "discovery");
        }
        String app = OTHER_APPS[(slot - 14) % OTHER_APPS.length];
        String namespace = switch (app) {
            case "gateway", "auth", "users" -> "platform";
            case "analytics" -> "data";
            case "prometheus" -> "monitoring";
            default -> "shop";
        };
        String tier = switch (app) {
            case "frontend", "gateway" -> "web";
            case "analytics" -> "batch";
            default -> "api";
        };
        return new Role(app, tier, namespace, namespace.equals("shop") ? "commerce" : namespace);
    }

    /** The namespaces the pods live in. */
    public List<Namespace> namespaces(int pods) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < Math.min(pods, 100); i++) {
            names.add(role(i).namespace());
        }
        List<Namespace> out = new ArrayList<>();
        for (String name : names) {
            out.add(new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name)
                    .withCreationTimestamp(EPOCH.toString())
                    .endMetadata()
                    .withNewStatus()
                    .withPhase("Active")
                    .endStatus()
                    .build());
        }
        return out;
    }

    /** The cluster's nodes, all Ready. */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            String name = nodeName(n);
            out.add(new NodeBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels("kubernetes.io/hostname", name)
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("node.kubernetes.io/instance-type", "m6i.4xlarge")
                    .addToLabels("topology.kubernetes.io/zone", "eu-west-1" + (char) ('a' + n % 3))
                    .withCreationTimestamp(EPOCH.toString())
                    .endMetadata()
                    .withNewSpec()
                    .withPodCIDR("10." + clusterOctet() + "." + n + ".0/24")
                    .endSpec()
                    .withNewStatus()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .endCondition()
                    .addToCapacity("cpu", new Quantity("16"))
                    .addToCapacity("memory", new Quantity("64Gi"))
                    .addToCapacity("pods", new Quantity("1100"))
                    .withNewNodeInfo()
                    .withKubeletVersion("v1.32.4")
                    .withContainerRuntimeVersion("containerd://1.7.27")
                    .withOsImage("Bottlerocket OS 1.36.0")
                    .withArchitecture("amd64")
                    .withOperatingSystem("linux")
                    .endNodeInfo()
                    .endStatus()
                    .build());
        }
        return out;
    }

    /** Pod number {@code index} of this cluster. */
    public Pod pod(int index) {
        Role role = role(index);
        String hash = token(role.app().hashCode() + cluster.hashCode(), 10);
        String name = role.app() + (role.tier().equals("batch") ? "-worker-" : "-") + hash + "-" + suffix(index);
        Instant created = EPOCH.plus(index % 720, ChronoUnit.MINUTES);
        String podIp = "10." + clusterOctet() + "." + (index / 250) + "." + (index % 250 + 2);
        boolean crashing = index % 97 == 42;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", role.app());
        labels.put("tier", role.tier());
        labels.put("app.kubernetes.io/name", role.app());
        labels.put("app.kubernetes.io/part-of", "webshop");
        labels.put("app.kubernetes.io/version", "1." + (index % 7) + ".3");
        labels.put("team", role.team());
        labels.put("env", "prod");
        labels.put("pod-template-hash", hash);
        if (isHit(index)) {
            labels.put(HIT_LABEL, HIT_VALUE);
        }
        String image = "registry.example.com/webshop/" + role.app() + ":1." + (index % 7) + ".3";
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(role.namespace())
                .withUid(uid(index))
                .withCreationTimestamp(created.toString())
                .withLabels(labels)
                .addToAnnotations("prometheus.io/scrape", "true")
                .addToAnnotations("prometheus.io/port", "9090")
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", EPOCH.toString())
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(role.app() + "-" + hash)
                .withUid(uid(index / 100 + 1_000_000))
                .withController(true)
                .withBlockOwnerDeletion(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName(role.app())
                        .withImage(image)
                        .withImagePullPolicy("IfNotPresent")
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(8080)
                        .withProtocol("TCP")
                        .endPort()
                        .addNewPort()
                        .withName("metrics")
                        .withContainerPort(9090)
                        .withProtocol("TCP")
                        .endPort()
                        .addNewEnv()
                        .withName("SPRING_PROFILES_ACTIVE")
                        .withValue("prod")
                        .endEnv()
                        .addNewEnv()
                        .withName("JAVA_TOOL_OPTIONS")
                        .withValue("-XX:MaxRAMPercentage=75")
                        .endEnv()
                        .addNewEnv()
                        .withName("POD_NAME")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("metadata.name")
                        .endFieldRef()
                        .endValueFrom()
                        .endEnv()
                        .withNewResources()
                        .addToRequests("cpu", new Quantity("250m"))
                        .addToRequests("memory", new Quantity("512Mi"))
                        .addToLimits("memory", new Quantity("1Gi"))
                        .endResources()
                        .withNewReadinessProbe()
                        .withNewHttpGet()
                        .withPath("/actuator/health/readiness")
                        .withNewPort("http")
                        .endHttpGet()
                        .withPeriodSeconds(10)
                        .endReadinessProbe()
                        .withNewLivenessProbe()
                        .withNewHttpGet()
                        .withPath("/actuator/health/liveness")
                        .withNewPort("http")
                        .endHttpGet()
                        .withInitialDelaySeconds(30)
                        .endLivenessProbe()
                        .addNewVolumeMount()
                        .withName("kube-api-access")
                        .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .build())
                .withNodeName(nodeName(index % nodes))
                .withServiceAccountName(role.app())
                .withRestartPolicy("Always")
                .withSchedulerName("default-scheduler")
                .withTerminationGracePeriodSeconds(30L)
                .withDnsPolicy("ClusterFirst")
                .addNewToleration()
                .withKey("node.kubernetes.io/not-ready")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .endToleration()
                .addNewVolume()
                .withName("kube-api-access")
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withPath("token")
                .withExpirationSeconds(3607L)
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .endVolume()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withQosClass("Burstable")
                .withHostIP("10." + clusterOctet() + ".255." + (index % nodes + 1))
                .withPodIP(podIp)
                .addNewPodIP(podIp)
                .withStartTime(created.toString())
                .withConditions(
                        new PodConditionBuilder()
                                .withType("Initialized")
                                .withStatus("True")
                                .build(),
                        new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus(crashing ? "False" : "True")
                                .build(),
                        new PodConditionBuilder()
                                .withType("ContainersReady")
                                .withStatus(crashing ? "False" : "True")
                                .build(),
                        new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("True")
                                .build())
                .addToContainerStatuses(new ContainerStatusBuilder()
                        .withName(role.app())
                        .withImage(image)
                        .withImageID("registry.example.com/webshop/" + role.app() + "@sha256:" + token(index, 64))
                        .withContainerID("containerd://" + token(index * 31, 64))
                        .withReady(!crashing)
                        .withStarted(!crashing)
                        .withRestartCount(crashing ? 7 : index % 3 == 0 ? 1 : 0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(created.plusSeconds(12).toString())
                        .endRunning()
                        .endState()
                        .build())
                .endStatus()
                .build();
    }

    String nodeName(int n) {
        return "ip-10-" + clusterOctet() + "-255-" + (n + 1) + ".eu-west-1.compute.internal";
    }

    private int clusterOctet() {
        return Math.floorMod(cluster.hashCode(), 200) + 20;
    }

    private static String uid(int seed) {
        String hex = Long.toHexString(mix(seed)) + Long.toHexString(mix(seed + 7_777_777));
        hex = (hex + "00000000000000000000000000000000").substring(0, 32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** A five-letter pod suffix, distinct for every index below 27^5 (a bijection, so names never clash). */
    static String suffix(int index) {
        long space = 27L * 27 * 27 * 27 * 27;
        long x = Math.floorMod(index * 4_194_301L + 1_234_567L, space);
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt((int) (x % ALPHABET.length())));
            x /= ALPHABET.length();
        }
        return sb.toString();
    }

    /** Kubernetes-style random strings, deterministic in the seed. */
    static String token(int seed, int length) {
        StringBuilder sb = new StringBuilder(length);
        long x = mix(seed);
        for (int i = 0; i < length; i++) {
            if (i % 12 == 11) {
                x = mix((int) x + i);
            }
            sb.append(ALPHABET.charAt((int) Math.floorMod(x, (long) ALPHABET.length())));
            x /= ALPHABET.length();
        }
        return sb.toString();
    }

    private static long mix(long seed) {
        long z = seed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
