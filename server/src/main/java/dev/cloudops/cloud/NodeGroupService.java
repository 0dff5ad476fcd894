package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Role;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Node groups (node pools) of cloud clusters: list and read for viewers, scale for operators, create, upgrade
 * and delete for account admins. Every change is a job, checked first: sizes consistent, no downgrade, no
 * version ahead of the control plane, no overwriting a size changed in the cloud console unseen.
 */
@Service
public class NodeGroupService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private final CloudClusterService clusters;
    private final CloudAccountService accounts;
    private final CloudJobService jobs;
    private final CloudAccess access;

    NodeGroupService(
            CloudClusterService clusters, CloudAccountService accounts, CloudJobService jobs, CloudAccess access) {
        this.clusters = clusters;
        this.accounts = accounts;
        this.jobs = jobs;
        this.access = access;
    }

    public List<NodeGroup> list(long id) {
        Target t = target(id, Role.VIEWER);
        return t.provider().listNodeGroups(t.session(), t.row().view().name());
    }

    public NodeGroup get(long id, String nodeGroup) {
        Target t = target(id, Role.VIEWER);
        return t.provider().describeNodeGroup(t.session(), t.row().view().name(), checkName(nodeGroup));
    }

    public CloudJobView create(long id, CloudRequests.CreateNodeGroup request) {
        Target t = target(id, Role.ADMIN);
        if (request == null) {
            throw ApiException.badRequest("malformed-body", "A body is required", null);
        }
        checkName(request.name());
        var scaling = new NodeGroupScaling(request.minSize(), request.maxSize(), request.desiredSize()).checked();
        if (request.version() != null) {
            requireNotAhead(t, request.version());
        }
        if (request.diskSizeGb() != null && (request.diskSizeGb() < 1 || request.diskSizeGb() > 16384)) {
            throw ApiException.badRequest("invalid-field", "diskSizeGb must be 1-16384", "diskSizeGb");
        }
        jobs.requireIdle(id);
        var spec = new NewNodeGroup(
                request.name(),
                request.version(),
                request.instanceTypes(),
                request.subnetIds(),
                scaling,
                request.diskSizeGb(),
                request.labels(),
                request.options());
        return start(t, t.provider().createNodeGroup(t.session(), t.row().view().name(), spec));
    }

    public CloudJobView scale(long id, String nodeGroup, CloudRequests.Scale request) {
        Target t = target(id, Role.OPERATOR);
        checkName(nodeGroup);
        if (request == null) {
            throw ApiException.badRequest("malformed-body", "A body is required", null);
        }
        var scaling = new NodeGroupScaling(request.minSize(), request.maxSize(), request.desiredSize()).checked();
        jobs.requireIdle(id);
        t.provider().describeNodeGroup(t.session(), t.row().view().name(), nodeGroup);
        requireNoDrift(t, nodeGroup, request.driftFingerprint());
        return start(t, t.provider().scaleNodeGroup(t.session(), t.row().view().name(), nodeGroup, scaling));
    }

    public CloudJobView upgrade(long id, String nodeGroup, CloudRequests.Upgrade request) {
        Target t = target(id, Role.ADMIN);
        checkName(nodeGroup);
        NodeGroup current =
                t.provider().describeNodeGroup(t.session(), t.row().view().name(), nodeGroup);
        CloudCluster live =
                t.provider().describeCluster(t.session(), t.row().view().name());
        String version = request == null || request.version() == null ? live.version() : request.version();
        KubeVersions.requireUpgrade(current.version(), version, "version");
        if (KubeVersions.minorSteps(live.version(), version) > 0) {
            throw ApiException.badRequest(
                    "invalid-version",
                    "Nodes cannot run a newer Kubernetes than the control plane (" + live.version()
                            + "); upgrade the cluster first",
                    "version");
        }
        jobs.requireIdle(id);
        requireNoDrift(t, nodeGroup, request == null ? null : request.driftFingerprint());
        return start(
                t, t.provider().upgradeNodeGroup(t.session(), t.row().view().name(), nodeGroup, version));
    }

    public CloudJobView delete(long id, String nodeGroup, String confirm) {
        Target t = target(id, Role.ADMIN);
        checkName(nodeGroup);
        CloudClusterService.requireConfirmation(nodeGroup, confirm);
        jobs.requireIdle(id);
        return start(t, t.provider().deleteNodeGroup(t.session(), t.row().view().name(), nodeGroup));
    }

    private void requireNoDrift(Target t, String nodeGroup, String fingerprint) {
        CloudCluster live =
                t.provider().describeCluster(t.session(), t.row().view().name());
        DriftGuard.require(
                DriftGuard.within(t.row().baseline(), live.settings(), DriftGuard.nodeGroupScope(nodeGroup)),
                fingerprint,
                "Node group " + nodeGroup);
    }

    private void requireNotAhead(Target t, String version) {
        KubeVersions.parse(version, "version");
        CloudCluster live =
                t.provider().describeCluster(t.session(), t.row().view().name());
        if (KubeVersions.minorSteps(live.version(), version) > 0) {
            throw ApiException.badRequest(
                    "invalid-version",
                    "Nodes cannot run a newer Kubernetes than the control plane (" + live.version() + ")",
                    "version");
        }
    }

    private CloudJobView start(Target t, CloudOperation op) {
        return jobs.start(
                t.row().view().accountId(),
                t.row().view().id(),
                JobPayload.of(op, t.row().view().region()),
                access.username());
    }

    private record Target(CloudClusterStore.Row row, CloudClusterProvider provider, CloudSession session) {}

    private Target target(long id, Role needed) {
        CloudClusterStore.Row row = clusters.record(id, needed);
        long account = row.view().accountId();
        return new Target(
                row,
                accounts.provider(account),
                accounts.session(account, row.view().region()));
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "Node group names are 1-63 letters, digits, '-' or '_', starting with a letter or digit",
                    "name");
        }
        return name;
    }
}
