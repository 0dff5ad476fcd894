package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.CertDuration;
import com.huaweicloud.sdk.cce.v3.model.ClusterCert;
import com.huaweicloud.sdk.cce.v3.model.Clusters;
import com.huaweicloud.sdk.cce.v3.model.CreateKubernetesClusterCertRequest;
import com.huaweicloud.sdk.cce.v3.model.CreateKubernetesClusterCertResponse;
import com.huaweicloud.sdk.cce.v3.model.Users;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.ClusterCredentials;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.yaml.SafeYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster credentials from CCE's CreateKubernetesClusterCert: a client certificate and key for the calling IAM
 * identity, valid for {@link #DAYS} day(s), with the API server addresses CCE knows. The kubeconfig names one
 * server: the public one whose certificate is verified ({@code externalClusterTLSVerify}) when the cluster has an
 * EIP, else the VPC-internal one. CCE's {@code external} entry, which skips TLS verification, is never used.
 */
final class CceCertificates {

    static final int DAYS = 1;
    static final List<String> PREFERRED = List.of("externalClusterTLSVerify", "internalCluster");

    private CceCertificates() {}

    static ClusterCredentials fetch(
            HuaweiClients clients, HuaweiClients.Bundle b, String clusterId, CloudCluster cluster, Clock clock) {
        Instant issued = clock.instant();
        CreateKubernetesClusterCertResponse cert = clients.invoke(b.cce()
                .createKubernetesClusterCertInvoker(new CreateKubernetesClusterCertRequest()
                        .withClusterId(clusterId)
                        .withBody(new CertDuration().withDuration(DAYS))));
        return ClusterCredentials.ofKubeconfig(kubeconfig(cluster.name(), cert), issued.plus(Duration.ofDays(DAYS)));
    }

    static String kubeconfig(String name, CreateKubernetesClusterCertResponse cert) {
        ClusterCert server = server(cert.getClusters());
        Users user = cert.getUsers() == null || cert.getUsers().isEmpty()
                ? null
                : cert.getUsers().get(0);
        if (user == null
                || user.getUser() == null
                || user.getUser().getClientCertificateData() == null
                || user.getUser().getClientKeyData() == null) {
            throw CloudProblems.unavailable("Huawei Cloud CCE answered a certificate without a client key pair");
        }
        Map<String, Object> clusterEntry = new LinkedHashMap<>();
        clusterEntry.put("server", server.getServer());
        clusterEntry.put("certificate-authority-data", server.getCertificateAuthorityData());
        Map<String, Object> userEntry = new LinkedHashMap<>();
        userEntry.put("client-certificate-data", user.getUser().getClientCertificateData());
        userEntry.put("client-key-data", user.getUser().getClientKeyData());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(Map.of("name", name, "cluster", clusterEntry)));
        root.put("users", List.of(Map.of("name", name, "user", userEntry)));
        root.put("contexts", List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name))));
        root.put("current-context", name);
        return SafeYaml.dump(root);
    }

    private static ClusterCert server(List<Clusters> clusters) {
        if (clusters != null) {
            for (String wanted : PREFERRED) {
                for (Clusters c : clusters) {
                    if (wanted.equals(c.getName()) && verifiable(c.getCluster())) {
                        return c.getCluster();
                    }
                }
            }
        }
        throw ApiException.conflict(
                "cloud-cluster-not-active",
                "Huawei Cloud CCE offers no API server address with a verifiable certificate for this cluster",
                null);
    }

    private static boolean verifiable(ClusterCert cert) {
        return cert != null
                && cert.getServer() != null
                && cert.getCertificateAuthorityData() != null
                && !Boolean.TRUE.equals(cert.getInsecureSkipTlsVerify());
    }
}
