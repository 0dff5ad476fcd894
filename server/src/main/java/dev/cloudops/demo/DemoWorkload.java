package dev.cloudops.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload of the demo cluster as the catalogue describes it: what it runs, where, and the state each of its
 * pods is in. Filled in fluently while {@link DemoCatalog} is written, read by the builders afterwards.
 */
final class DemoWorkload {

    /** The workload kinds the demo cluster uses. */
    enum Kind {
        DEPLOYMENT,
        STATEFUL_SET,
        DAEMON_SET,
        JOB,
        CRON_JOB
    }

    /** The state a pod is shown in; each maps to the phase, conditions and container statuses a kubelet reports. */
    enum PodState {
        RUNNING,
        PENDING,
        CRASH_LOOP,
        IMAGE_PULL_BACKOFF,
        SUCCEEDED,
        FAILED
    }

    /** Requests and limits of the main container; a {@code null} field is left unset. */
    record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {}

    final Kind kind;
    final String namespace;
    final String name;
    String partOf;
    String tier;
    String image;
    Integer port;
    Resources resources;
    boolean hardened;
    boolean hostNetwork;
    boolean gpu;
    boolean sidecar;
    boolean toleratesControlPlane;
    String node = DemoNodes.WORKER_A;
    List<PodState> pods = List.of(PodState.RUNNING);
    Duration age = Duration.ofDays(9);
    int restarts;
    String storage;
    String storageClass = "standard";
    String schedule;
    boolean suspended;
    String serviceAccount = "default";
    String pendingMessage;
    String pullError;
    List<String> command = List.of();
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> envFrom = new ArrayList<>();

    private DemoWorkload(Kind kind, String namespace, String name) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    static DemoWorkload of(Kind kind, String namespace, String name) {
        return new DemoWorkload(kind, namespace, name);
    }

    DemoWorkload app(String partOf, String tier) {
        this.partOf = partOf;
        this.tier = tier;
        return this;
    }

    DemoWorkload image(String image, Integer port) {
        this.image = image;
        this.port = port;
        return this;
    }

    DemoWorkload resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        this.resources = new Resources(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
        return this;
    }

    /** Probes, a non-root security context and a read-only root file system: what compliance checks look for. */
    DemoWorkload hardened() {
        this.hardened = true;
        return this;
    }

    DemoWorkload hostNetwork() {
        this.hostNetwork = true;
        return this;
    }

    /** Runs on the GPU worker: tolerates its taint and requests one GPU. */
    DemoWorkload gpu() {
        this.gpu = true;
        this.node = DemoNodes.WORKER_B;
        return this;
    }

    DemoWorkload sidecar() {
        this.sidecar = true;
        return this;
    }

    DemoWorkload onNode(String node) {
        this.node = node;
        return this;
    }

    DemoWorkload toleratesControlPlane() {
        this.toleratesControlPlane = true;
        return this;
    }

    DemoWorkload pods(PodState... states) {
        this.pods = List.of(states);
        return this;
    }

    DemoWorkload age(Duration age) {
        this.age = age;
        return this;
    }

    /** Running pods that were OOM-killed this many times before their current run. */
    DemoWorkload restarts(int restarts) {
        this.restarts = restarts;
        return this;
    }

    DemoWorkload storage(String size, String storageClass) {
        this.storage = size;
        this.storageClass = storageClass;
        return this;
    }

    DemoWorkload schedule(String schedule, boolean suspended) {
        this.schedule = schedule;
        this.suspended = suspended;
        return this;
    }

    DemoWorkload serviceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
        return this;
    }

    /** The scheduler's message for pods of this workload that stay Pending. */
    DemoWorkload pending(String message) {
        this.pendingMessage = message;
        return this;
    }

    /** The registry's answer for pods of this workload stuck in ImagePullBackOff. */
    DemoWorkload pullError(String message) {
        this.pullError = message;
        return this;
    }

    DemoWorkload command(String... command) {
        this.command = List.of(command);
        return this;
    }

    DemoWorkload env(String name, String value) {
        this.env.put(name, value);
        return this;
    }

    /** A config map ({@code configmap/NAME}) or secret ({@code secret/NAME}) whose keys become environment. */
    DemoWorkload envFrom(String source) {
        this.envFrom.add(source);
        return this;
    }

    boolean isBatch() {
        return kind == Kind.JOB || kind == Kind.CRON_JOB;
    }

    /** The container name: the workload's own name, as most charts do. */
    String container() {
        return name;
    }
}
