package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;

/**
 * EKS access entries: which IAM principals reach the cluster, and the EKS access policies (view, edit, admin,
 * cluster admin) associated with them, on the cluster or on namespaces.
 */
final class AwsAccess {

    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9]{1,128}");

    private AwsAccess() {}

    static List<AccessEntry> list(EksClient eks, String cluster) {
        List<AccessEntry> out = new ArrayList<>();
        for (String principal :
                eks.listAccessEntriesPaginator(r -> r.clusterName(cluster)).accessEntries()) {
            out.add(describe(eks, cluster, principal));
        }
        return out;
    }

    static AccessEntry grant(EksClient eks, String cluster, AccessGrant grant, String region) {
        if (!grant.principal().startsWith("arn:")) {
            throw ApiException.badRequest("invalid-field", "principal must be an IAM user or role ARN", "principal");
        }
        String policyArn = policyArn(grant.policy(), region);
        try {
            eks.createAccessEntry(r -> r.clusterName(cluster)
                    .principalArn(grant.principal())
                    .kubernetesGroups(grant.groups().isEmpty() ? null : grant.groups()));
        } catch (ResourceInUseException exists) {
            // The principal has an entry already: associating the policy is all that is left to do.
        }
        eks.associateAccessPolicy(r -> r.clusterName(cluster)
                .principalArn(grant.principal())
                .policyArn(policyArn)
                .accessScope(
                        s -> s.type(grant.namespaces().isEmpty() ? AccessScopeType.CLUSTER : AccessScopeType.NAMESPACE)
                                .namespaces(grant.namespaces().isEmpty() ? null : grant.namespaces())));
        return describe(eks, cluster, grant.principal());
    }

    /** A policy by name ({@code AmazonEKSViewPolicy}) becomes its ARN in the region's partition. */
    static String policyArn(String policy, String region) {
        if (policy.startsWith("arn:")) {
            return policy;
        }
        if (!POLICY_NAME.matcher(policy).matches()) {
            throw ApiException.badRequest("invalid-field", "policy must be an EKS access policy name or ARN", "policy");
        }
        String partition = PartitionMetadata.of(Region.of(region)).id();
        return "arn:" + partition + ":eks::aws:cluster-access-policy/" + policy;
    }

    private static AccessEntry describe(EksClient eks, String cluster, String principal) {
        var entry = eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal))
                .accessEntry();
        List<AccessEntry.Policy> policies = new ArrayList<>();
        for (var p : eks.listAssociatedAccessPoliciesPaginator(
                        r -> r.clusterName(cluster).principalArn(principal))
                .associatedAccessPolicies()) {
            policies.add(new AccessEntry.Policy(
                    p.policyArn().substring(p.policyArn().lastIndexOf('/') + 1),
                    p.accessScope() == null || !p.accessScope().hasNamespaces()
                            ? List.of()
                            : p.accessScope().namespaces()));
        }
        return new AccessEntry(
                entry.principalArn(),
                entry.type(),
                entry.username(),
                entry.hasKubernetesGroups() ? entry.kubernetesGroups() : List.of(),
                policies);
    }
}
