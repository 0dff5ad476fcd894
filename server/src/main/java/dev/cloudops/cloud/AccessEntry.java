package dev.cloudops.cloud;

import java.util.List;

/**
 * A cloud identity's access to a cluster (EKS access entry with its access policies; ACK RAM/RBAC grant; TKE
 * and CCE equivalents).
 *
 * @param principal the cloud identity (an IAM user or role ARN on AWS)
 * @param username the Kubernetes user name it maps to, if any
 * @param groups Kubernetes groups it is put in
 * @param policies the access policies associated with it
 */
public record AccessEntry(String principal, String type, String username, List<String> groups, List<Policy> policies) {

    public AccessEntry {
        groups = groups == null ? List.of() : List.copyOf(groups);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /**
     * One policy granted to the identity, on the whole cluster or on some namespaces.
     *
     * @param namespaces empty for the whole cluster
     */
    public record Policy(String policy, List<String> namespaces) {
        public Policy {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        }
    }
}
