package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of the simulated demo cluster: three nodes, six namespaces, 35 workloads with their ReplicaSets and
 * pods in mixed states (Running, Pending, CrashLoopBackOff, ImagePullBackOff, Succeeded, Failed), services, config,
 * quotas, limit ranges, autoscalers, volumes, events and a custom resource definition with instances.
 *
 * <p>Pure and deterministic: the same clock gives the same objects, including names, uids and IPs. The list is in
 * creation order — definitions and namespaces first, every owner before what it owns.
 */
public final class DemoFixtures {

    /** The group of the demo's custom resource. */
    public static final String CRD_GROUP = DemoBackups.GROUP;

    /** The version of the demo's custom resource. */
    public static final String CRD_VERSION = DemoBackups.VERSION;

    /** The kind of the demo's custom resource. */
    public static final String CRD_KIND = DemoBackups.KIND;

    /** The name of the demo's custom resource definition. */
    public static final String CRD_NAME = DemoBackups.CRD_NAME;

    /** The namespaces the demo cluster has. */
    public static final List<String> NAMESPACES = DemoNamespaces.NAMES;

    /** The kubelet and API server version the demo cluster reports. */
    public static final String KUBERNETES_VERSION = DemoNodes.KUBELET_VERSION;

    private DemoFixtures() {}

    /** Every object of the demo cluster as of the clock's instant, in creation order. */
    public static List<HasMetadata> objects(Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<DemoWorkload> catalog = DemoCatalog.workloads();
        DemoWorkloads.Built built = DemoWorkloads.build(catalog, now);
        List<HasMetadata> storage = DemoStorage.volumes(catalog, built.pods());
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(DemoBackups.definition(now));
        objects.addAll(DemoMetrics.definitions(now));
        objects.add(DemoStorage.storageClass(now));
        objects.addAll(DemoNamespaces.namespaces(now));
        objects.addAll(DemoNodes.nodes(now));
        objects.addAll(DemoNamespaces.serviceAccounts(catalog, now));
        objects.addAll(DemoNamespaces.configMaps(now));
        objects.addAll(DemoNamespaces.secrets(now));
        objects.addAll(DemoQuotas.limitRanges(now));
        objects.addAll(DemoQuotas.quotas(built.pods(), now));
        objects.addAll(storage);
        objects.addAll(built.controllers());
        objects.addAll(built.pods());
        objects.addAll(DemoNetwork.services(catalog, now));
        objects.addAll(DemoNetwork.autoscalers(now));
        objects.addAll(DemoEvents.events(built, storage, now));
        objects.addAll(DemoBackups.instances(now));
        objects.addAll(DemoMetrics.objects(built.pods(), DemoNodes.NAMES, now));
        return List.copyOf(objects);
    }
}
