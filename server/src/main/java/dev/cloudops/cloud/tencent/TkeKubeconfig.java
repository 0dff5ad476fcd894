package dev.cloudops.cloud.tencent;

import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.yaml.SafeYaml;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the platform needs to know of the kubeconfig TKE issues a CAM identity (DescribeClusterKubeconfig): it
 * authenticates with a client certificate TKE signs for that identity, and stops working when the certificate
 * does; that instant is the credentials' expiry. Pure.
 */
final class TkeKubeconfig {

    private static final int MAX_CHARS = 1 << 20;

    private TkeKubeconfig() {}

    /** The earliest expiry of the users' client certificates; null when no user has one (a token). */
    static Instant expiry(String kubeconfig) {
        Instant earliest = null;
        try {
            for (Object doc : SafeYaml.documents(kubeconfig, MAX_CHARS)) {
                if (!(doc instanceof Map<?, ?> root) || !(root.get("users") instanceof List<?> users)) {
                    continue;
                }
                for (Object u : users) {
                    if (u instanceof Map<?, ?> named
                            && named.get("user") instanceof Map<?, ?> user
                            && user.get("client-certificate-data") instanceof String data) {
                        Instant notAfter = notAfter(data);
                        earliest = earliest == null || notAfter.isBefore(earliest) ? notAfter : earliest;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw CloudProblems.unavailable("TKE answered a kubeconfig the platform cannot read");
        }
        return earliest;
    }

    private static Instant notAfter(String base64Pem) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var cert = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64Pem)));
            return cert.getNotAfter().toInstant();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }
}
