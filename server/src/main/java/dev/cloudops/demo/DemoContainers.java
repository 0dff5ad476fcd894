package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container specs of a workload as its template declares them: image, ports, environment, resources, probes and
 * security context. Templates without resources or probes are left that way on purpose.
 */
final class DemoContainers {

    static final String SIDECAR = "envoy";
    static final String SIDECAR_IMAGE = "docker.io/envoyproxy/envoy:v1.31.2";

    private static final Pattern SEMVER_TAG = Pattern.compile("^(.*:v?)(\\d+)\\.(\\d+)\\.(\\d+)(.*)$");

    private DemoContainers() {}

    static List<Container> of(DemoWorkload w) {
        List<Container> containers = new ArrayList<>();
        containers.add(main(w));
        if (w.sidecar) {
            containers.add(new ContainerBuilder()
                    .withName(SIDECAR)
                    .withImage(SIDECAR_IMAGE)
                    .withImagePullPolicy("IfNotPresent")
                    .withArgs("--config-path", "/etc/envoy/envoy.yaml")
                    .addNewPort()
                    .withName("admin")
                    .withContainerPort(9901)
                    .withProtocol("TCP")
                    .endPort()
                    .withResources(resources(new DemoWorkload.Resources("100m", "128Mi", "500m", "256Mi"), false))
                    .withReadinessProbe(httpProbe("/ready", 9901, 5))
                    .withTerminationMessagePath("/dev/termination-log")
                    .withTerminationMessagePolicy("File")
                    .build());
        }
        return containers;
    }

    private static Container main(DemoWorkload w) {
        ContainerBuilder c = new ContainerBuilder()
                .withName(w.container())
                .withImage(w.image)
                .withImagePullPolicy(w.image.endsWith(":latest") ? "Always" : "IfNotPresent")
                .withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy("File");
        if (!w.command.isEmpty()) {
            c.withCommand(w.command);
        }
        if (w.port != null) {
            c.addNewPort()
                    .withName(portName(w.port))
                    .withContainerPort(w.port)
                    .withProtocol(w.port == 53 ? "UDP" : "TCP")
                    .endPort();
        }
        w.env.forEach(
                (name, value) -> c.addNewEnv().withName(name).withValue(value).endEnv());
        for (String source : w.envFrom) {
            String name = source.substring(source.indexOf('/') + 1);
            if (source.startsWith("secret/")) {
                c.addNewEnvFrom()
                        .withNewSecretRef()
                        .withName(name)
                        .endSecretRef()
                        .endEnvFrom();
            } else {
                c.addNewEnvFrom()
                        .withNewConfigMapRef()
                        .withName(name)
                        .endConfigMapRef()
                        .endEnvFrom();
            }
        }
        if (w.resources != null || w.gpu) {
            c.withResources(resources(w.resources, w.gpu));
        } else {
            c.withResources(new ResourceRequirements());
        }
        if (w.hardened && w.port != null) {
            boolean tcp = w.tier.equals("database") || w.tier.equals("cache") || w.port == 53;
            c.withLivenessProbe(tcp ? tcpProbe(w.port, 20) : httpProbe("/healthz", w.port, 20));
            c.withReadinessProbe(tcp ? tcpProbe(w.port, 10) : httpProbe("/ready", w.port, 10));
        }
        if (w.hardened) {
            c.withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(!w.tier.equals("database"))
                    .withNewCapabilities()
                    .withDrop("ALL")
                    .endCapabilities()
                    .endSecurityContext();
        } else if (w.hostNetwork && w.namespace.equals("kube-system")) {
            c.withNewSecurityContext().withPrivileged(true).endSecurityContext();
        }
        if (w.storage != null) {
            c.addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount();
        }
        return c.build();
    }

    static String portName(int port) {
        return switch (port) {
            case 53 -> "dns";
            case 5432 -> "postgres";
            case 6379 -> "redis";
            case 9090, 9093, 9100, 10250 -> "metrics";
            default -> "http";
        };
    }

    static ResourceRequirements resources(DemoWorkload.Resources r, boolean gpu) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (r != null) {
            putIfSet(requests, "cpu", r.cpuRequest());
            putIfSet(requests, "memory", r.memoryRequest());
            putIfSet(limits, "cpu", r.cpuLimit());
            putIfSet(limits, "memory", r.memoryLimit());
        }
        if (gpu) {
            requests.put("nvidia.com/gpu", new Quantity("1"));
            limits.put("nvidia.com/gpu", new Quantity("1"));
        }
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
        if (!requests.isEmpty()) {
            b.withRequests(requests);
        }
        if (!limits.isEmpty()) {
            b.withLimits(limits);
        }
        return b.build();
    }

    private static void putIfSet(Map<String, Quantity> map, String key, String value) {
        if (value != null) {
            map.put(key, new Quantity(value));
        }
    }

    static Probe httpProbe(String path, int port, int period) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(port))
                .withScheme("HTTP")
                .endHttpGet()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(3)
                .build();
    }

    private static Probe tcpProbe(int port, int period) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(port))
                .endTcpSocket()
                .withInitialDelaySeconds(10)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(3)
                .build();
    }

    /**
     * The image the previous revision ran: one patch release earlier ({@code 2.14.3} → {@code 2.14.2}), or one minor
     * earlier for {@code x.y.0}; an image without a numeric tag stays as it is.
     */
    static String previousImage(String image) {
        Matcher m = SEMVER_TAG.matcher(image);
        if (!m.matches()) {
            return image;
        }
        int minor = Integer.parseInt(m.group(3));
        int patch = Integer.parseInt(m.group(4));
        if (patch > 0) {
            return m.group(1) + m.group(2) + "." + minor + "." + (patch - 1) + m.group(5);
        }
        return minor > 0 ? m.group(1) + m.group(2) + "." + (minor - 1) + ".0" + m.group(5) : image;
    }
}
