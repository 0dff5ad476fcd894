package dev.cloudops.kube;

import java.util.regex.Pattern;

/** Kubernetes' own name rules (RFC 1123), checked before a name reaches a cluster or the database. */
public final class KubeNames {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubeNames() {}

    /** A DNS label: namespaces, cluster names — at most 63 lower-case alphanumerics and '-'. */
    public static boolean isDnsLabel(String name) {
        return name != null && DNS_LABEL.matcher(name).matches();
    }

    /** A DNS subdomain: most object names — at most 253 characters of dot-separated labels. */
    public static boolean isDnsSubdomain(String name) {
        return name != null
                && name.length() <= 253
                && DNS_SUBDOMAIN.matcher(name).matches();
    }
}
