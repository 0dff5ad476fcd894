package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Services — ClusterIP for every serving workload, headless for StatefulSets, one NodePort ({@code monitoring/grafana})
 * and one LoadBalancer ({@code shop/web}) — and the HorizontalPodAutoscalers (autoscaling/v2) of three deployments.
 */
final class DemoNetwork {

    /** An autoscaler and what it currently sees; {@code podCpuMillis} is the pods' summed cpu request. */
    private record Autoscaler(
            String namespace,
            String name,
            int min,
            int max,
            int cpuTarget,
            int cpuNow,
            int replicas,
            int podCpuMillis) {}

    private static final List<Autoscaler> AUTOSCALERS = List.of(
            new Autoscaler("shop", "web", 3, 10, 70, 42, 3, 250),
            new Autoscaler("shop", "cart", 2, 6, 75, 55, 2, 200),
            new Autoscaler("payments", "payments-api", 3, 12, 60, 18, 3, 600));

    private DemoNetwork() {}

    static List<Service> services(List<DemoWorkload> catalog, Instant now) {
        List<Service> services = new ArrayList<>();
        services.add(new ServiceBuilder()
                .withMetadata(DemoNamespaces.meta("Service", "default", "kubernetes", now))
                .editMetadata()
                .addToLabels("component", "apiserver")
                .addToLabels("provider", "kubernetes")
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96.0.1")
                .withClusterIPs("10.96.0.1")
                .withPorts(port("https", 443, "TCP", new IntOrString(6443)))
                .withSessionAffinity("None")
                .withIpFamilies("IPv4")
                .withIpFamilyPolicy("SingleStack")
                .withInternalTrafficPolicy("Cluster")
                .endSpec()
                .build());
        int index = 1;
        for (DemoWorkload w : catalog) {
            if (w.port == null || w.isBatch()) {
                continue;
            }
            services.add(service(w, index++, now));
        }
        return services;
    }

    private static Service service(DemoWorkload w, int index, Instant now) {
        boolean headless = w.kind == DemoWorkload.Kind.STATEFUL_SET;
        boolean dns = w.name.equals("coredns");
        String ip = dns ? "10.96.0.10" : "10.96." + (16 + index * 7 % 200) + "." + (10 + index * 37 % 240);
        List<ServicePort> ports = new ArrayList<>();
        if (dns) {
            ports.add(port("dns", 53, "UDP", new IntOrString(53)));
            ports.add(port("dns-tcp", 53, "TCP", new IntOrString(53)));
            ports.add(port("metrics", 9153, "TCP", new IntOrString(9153)));
        } else if (w.name.equals("metrics-server")) {
            ports.add(port("https", 443, "TCP", new IntOrString(w.port)));
        } else {
            String name = DemoContainers.portName(w.port);
            int exposed = w.port == 8080 && w.tier.equals("frontend") ? 80 : w.port;
            ports.add(port(name, exposed, "TCP", new IntOrString(name)));
        }
        String type = "ClusterIP";
        if (w.namespace.equals("shop") && w.name.equals("web")) {
            type = "LoadBalancer";
            ports.get(0).setNodePort(31080);
        } else if (w.namespace.equals("monitoring") && w.name.equals("grafana")) {
            type = "NodePort";
            ports.get(0).setNodePort(30300);
        }
        ObjectMeta meta =
                DemoWorkloads.meta(w, "Service", dns ? "kube-dns" : w.name, now.minus(w.age), DemoWorkloads.labels(w));
        meta.setGeneration(null);
        var service = new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withType(type)
                .withSelector(DemoWorkloads.selector(w))
                .withPorts(ports)
                .withClusterIP(headless ? "None" : ip)
                .withClusterIPs(headless ? "None" : ip)
                .withSessionAffinity("None")
                .withIpFamilies("IPv4")
                .withIpFamilyPolicy("SingleStack")
                .withInternalTrafficPolicy("Cluster")
                .withPublishNotReadyAddresses(headless ? Boolean.TRUE : null)
                .endSpec();
        if (!type.equals("ClusterIP")) {
            service.editSpec().withExternalTrafficPolicy("Cluster").endSpec();
        }
        if (type.equals("LoadBalancer")) {
            service.withNewStatus()
                    .withNewLoadBalancer()
                    .addNewIngress()
                    .withIp("203.0.113.10")
                    .withIpMode("VIP")
                    .endIngress()
                    .endLoadBalancer()
                    .endStatus();
        }
        return service.build();
    }

    private static ServicePort port(String name, int port, String protocol, IntOrString target) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withProtocol(protocol)
                .withTargetPort(target)
                .build();
    }

    static List<HasMetadata> autoscalers(Instant now) {
        List<HasMetadata> out = new ArrayList<>();
        for (Autoscaler a : AUTOSCALERS) {
            boolean atMinimum = a.cpuNow() < a.cpuTarget() / 2;
            Instant lastScale = now.minus(Duration.ofHours(3 + a.min()));
            out.add(new HorizontalPodAutoscalerBuilder()
                    .withMetadata(DemoNamespaces.meta("HorizontalPodAutoscaler", a.namespace(), a.name(), now))
                    .editMetadata()
                    .withLabels(Map.of("app.kubernetes.io/name", a.name()))
                    .endMetadata()
                    .withNewSpec()
                    .withNewScaleTargetRef()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(a.name())
                    .endScaleTargetRef()
                    .withMinReplicas(a.min())
                    .withMaxReplicas(a.max())
                    .withMetrics(new MetricSpecBuilder()
                            .withType("Resource")
                            .withNewResource()
                            .withName("cpu")
                            .withNewTarget()
                            .withType("Utilization")
                            .withAverageUtilization(a.cpuTarget())
                            .endTarget()
                            .endResource()
                            .build())
                    .endSpec()
                    .withNewStatus()
                    .withCurrentReplicas(a.replicas())
                    .withDesiredReplicas(a.replicas())
                    .withLastScaleTime(DemoIds.time(lastScale))
                    .withCurrentMetrics(new MetricStatusBuilder()
                            .withType("Resource")
                            .withNewResource()
                            .withName("cpu")
                            .withNewCurrent()
                            .withAverageUtilization(a.cpuNow())
                            .withAverageValue(new Quantity((a.podCpuMillis() * a.cpuNow() / 100) + "m"))
                            .endCurrent()
                            .endResource()
                            .build())
                    .withConditions(
                            hpaCondition(
                                    "AbleToScale",
                                    "True",
                                    "ReadyForNewScale",
                                    "recommended size matches current size",
                                    lastScale),
                            hpaCondition(
                                    "ScalingActive",
                                    "True",
                                    "ValidMetricFound",
                                    "the HPA was able to successfully calculate a replica count from cpu resource "
                                            + "utilization (percentage of request)",
                                    lastScale),
                            atMinimum
                                    ? hpaCondition(
                                            "ScalingLimited",
                                            "True",
                                            "TooFewReplicas",
                                            "the desired replica count is less than the minimum replica count",
                                            lastScale)
                                    : hpaCondition(
                                            "ScalingLimited",
                                            "False",
                                            "DesiredWithinRange",
                                            "the desired count is within the acceptable range",
                                            lastScale))
                    .endStatus()
                    .build());
        }
        return out;
    }

    private static HorizontalPodAutoscalerCondition hpaCondition(
            String type, String status, String reason, String message, Instant at) {
        return new HorizontalPodAutoscalerConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(DemoIds.time(at))
                .build();
    }
}
