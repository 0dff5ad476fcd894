package dev.cloudops.cloud;

import java.util.List;

/**
 * Grant a cloud identity access to a cluster.
 *
 * @param principal the cloud identity (IAM user or role ARN on AWS)
 * @param policy the provider's access policy name (EKS: {@code AmazonEKSViewPolicy}, {@code AmazonEKSEditPolicy},
 *     {@code AmazonEKSAdminPolicy}, {@code AmazonEKSClusterAdminPolicy}) or full policy id
 * @param namespaces limit the policy to these namespaces; empty for the whole cluster
 * @param groups Kubernetes groups for RBAC bindings of your own, optional
 */
public record AccessGrant(String principal, String policy, List<String> namespaces, List<String> groups) {

    public AccessGrant {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
