package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.Cluster;
import com.huaweicloud.sdk.cce.v3.model.ClusterMetadata;
import com.huaweicloud.sdk.cce.v3.model.ClusterSpec;
import com.huaweicloud.sdk.cce.v3.model.ContainerNetwork;
import com.huaweicloud.sdk.cce.v3.model.CreateClusterRequest;
import com.huaweicloud.sdk.cce.v3.model.HostNetwork;
import dev.cloudops.cloud.KubeVersions;
import dev.cloudops.cloud.NewCluster;
import dev.cloudops.platform.error.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the platform asks of CCE when it creates a cluster or changes its basic settings, checked before any call.
 * Pure.
 */
final class CceClusterSpecs {

    /** CCE cluster names: 4-128 characters, lower-case letters, digits and '-', starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{2,126}[a-z0-9]");

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{8,64}");
    private static final Pattern FLAVOR = Pattern.compile("cce\\.[a-z0-9]+\\.[a-z0-9]+(\\.[a-z0-9]+)?");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    static final Set<String> OPTIONS = Set.of(
            "flavor",
            "containerNetworkMode",
            "containerNetworkCidr",
            "category",
            "type",
            "description",
            "kubeProxyMode");
    static final Set<String> NETWORK_MODES = Set.of("overlay_l2", "vpc-router", "eni");
    /** The basic settings UpdateCluster changes. */
    static final Set<String> SETTINGS = Set.of("description", "alias", "deletionProtection");

    private CceClusterSpecs() {}

    static void check(NewCluster spec) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw invalid(
                    "invalid-name",
                    "CCE cluster names are 4-128 lower-case letters, digits and '-', starting with a letter and"
                            + " ending with a letter or digit",
                    "name");
        }
        for (String option : spec.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw invalid(
                        "invalid-field", "Unknown CCE option '" + option + "'; known: " + OPTIONS, "options." + option);
            }
        }
        var o = spec.options();
        if (o.get("flavor") == null || !FLAVOR.matcher(o.get("flavor")).matches()) {
            throw invalid(
                    "invalid-field",
                    "CCE needs options.flavor, the control plane size such as cce.s1.small or cce.s2.medium",
                    "options.flavor");
        }
        if (spec.vpcId() == null || !ID.matcher(spec.vpcId()).matches()) {
            throw invalid("invalid-field", "CCE needs vpcId, the id of the cluster's VPC", "vpcId");
        }
        if (spec.subnetIds().size() != 1 || !ID.matcher(spec.subnetIds().get(0)).matches()) {
            throw invalid(
                    "invalid-field",
                    "CCE needs exactly one subnet id (the subnet's network id) in subnetIds",
                    "subnetIds");
        }
        if (spec.securityGroupIds().size() > 1) {
            throw invalid("invalid-field", "CCE takes at most one security group for its nodes", "securityGroupIds");
        }
        if (!spec.tags().isEmpty()) {
            throw invalid(
                    "invalid-field", "CCE cluster tags are not supported by this adapter; leave tags empty", "tags");
        }
        String mode = o.getOrDefault("containerNetworkMode", "overlay_l2");
        if (!NETWORK_MODES.contains(mode)) {
            throw invalid(
                    "invalid-field",
                    "containerNetworkMode must be one of " + NETWORK_MODES,
                    "options.containerNetworkMode");
        }
        String cidr = o.get("containerNetworkCidr");
        if (cidr != null && !CIDR.matcher(cidr).matches()) {
            throw invalid(
                    "invalid-field", "containerNetworkCidr must be an IPv4 CIDR block", "options.containerNetworkCidr");
        }
        oneOf(o.get("category"), Set.of("CCE", "Turbo"), "options.category");
        oneOf(o.get("type"), Set.of("VirtualMachine", "ARM64"), "options.type");
        oneOf(o.get("kubeProxyMode"), Set.of("iptables", "ipvs"), "options.kubeProxyMode");
        if (spec.version() != null) {
            KubeVersions.parse(spec.version(), "version");
        }
    }

    static CreateClusterRequest request(NewCluster spec) {
        var o = spec.options();
        var network = new HostNetwork()
                .withVpc(spec.vpcId())
                .withSubnet(spec.subnetIds().get(0));
        if (!spec.securityGroupIds().isEmpty()) {
            network.withSecurityGroup(spec.securityGroupIds().get(0));
        }
        var clusterSpec = new ClusterSpec()
                .withFlavor(o.get("flavor"))
                .withVersion(spec.version() == null ? null : version(spec.version()))
                .withDescription(o.get("description"))
                .withCategory(ClusterSpec.CategoryEnum.fromValue(o.getOrDefault("category", "CCE")))
                .withType(ClusterSpec.TypeEnum.fromValue(o.getOrDefault("type", "VirtualMachine")))
                .withHostNetwork(network)
                .withContainerNetwork(new ContainerNetwork()
                        .withMode(ContainerNetwork.ModeEnum.fromValue(
                                o.getOrDefault("containerNetworkMode", "overlay_l2")))
                        .withCidr(o.get("containerNetworkCidr")));
        if (o.get("kubeProxyMode") != null) {
            clusterSpec.withKubeProxyMode(ClusterSpec.KubeProxyModeEnum.fromValue(o.get("kubeProxyMode")));
        }
        return new CreateClusterRequest()
                .withBody(new Cluster()
                        .withKind("Cluster")
                        .withApiVersion("v3")
                        .withMetadata(new ClusterMetadata().withName(spec.name()))
                        .withSpec(clusterSpec));
    }

    static void checkSettings(Map<String, String> settings) {
        for (var entry : settings.entrySet()) {
            String field = "settings." + entry.getKey();
            if (!SETTINGS.contains(entry.getKey())) {
                throw invalid(
                        "invalid-setting",
                        "CCE cannot change '" + entry.getKey() + "' here; settings: " + SETTINGS,
                        field);
            }
            String value = entry.getValue();
            if (entry.getKey().equals("deletionProtection") && !"true".equals(value) && !"false".equals(value)) {
                throw invalid("invalid-setting", field + " must be true or false", field);
            }
            if (value == null || value.length() > 200) {
                throw invalid("invalid-setting", field + " needs a value of at most 200 characters", field);
            }
        }
    }

    /** CCE writes versions as {@code v1.30}: major and minor with the 'v'. */
    static String version(String version) {
        int[] v = KubeVersions.parse(version, "version");
        return "v" + v[0] + "." + v[1];
    }

    private static void oneOf(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw invalid("invalid-field", field + " must be one of " + allowed, field);
        }
    }

    private static ApiException invalid(String code, String detail, String field) {
        return ApiException.badRequest(code, detail, field);
    }
}
