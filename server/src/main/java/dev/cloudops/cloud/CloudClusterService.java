package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Role;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Cloud clusters through their accounts: discover and import, create and delete (jobs), change (jobs, guarded
 * against drift), sync status, renew credentials. The platform never writes to the cloud on its own: every
 * write is a user's request, and a write that would overwrite a setting changed in the cloud is refused until
 * the user has seen the difference.
 */
@Service
public class CloudClusterService {

    private static final Pattern CLOUD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final CloudClusterStore records;
    private final CloudAccountService accounts;
    private final CloudAccess access;
    private final CloudJobService jobs;
    private final CloudRegistrar registrar;
    private final Clock clock;

    CloudClusterService(
            CloudClusterStore records,
            CloudAccountService accounts,
            CloudAccess access,
            CloudJobService jobs,
            CloudRegistrar registrar,
            Clock clock) {
        this.records = records;
        this.accounts = accounts;
        this.access = access;
        this.jobs = jobs;
        this.registrar = registrar;
        this.clock = clock;
    }

    /** A cluster found in the cloud, and the platform's record of it if it was imported. */
    public record Discovered(CloudCluster cluster, Long importedAs) {}

    public List<Discovered> discover(long accountId, String region) {
        access.require(accountId, Role.VIEWER);
        CloudSession session = accounts.session(accountId, region);
        return accounts.provider(accountId).listClusters(session).stream()
                .map(c -> new Discovered(
                        c,
                        records.find(accountId, region, c.name())
                                .map(r -> r.view().id())
                                .orElse(null)))
                .toList();
    }

    /** Records a cloud cluster and, unless told not to, registers it; nothing is kept when either fails. */
    public CloudClusterView importCluster(long accountId, String region, String name, CloudRequests.Import request) {
        String by = access.require(accountId, Role.ADMIN);
        checkCloudName(name, "name");
        CloudSession session = accounts.session(accountId, region);
        if (records.find(accountId, region, name).isPresent()) {
            throw alreadyImported(name, region);
        }
        CloudClusterProvider provider = accounts.provider(accountId);
        CloudCluster live = provider.describeCluster(session, name);
        boolean register = request == null || request.register() == null || request.register();
        CloudRegistrar.Registration registration = register
                ? registrar.register(
                        provider,
                        session,
                        live,
                        CloudRegistrar.registryName(request == null ? null : request.registryName(), name),
                        request == null ? null : request.env(),
                        request == null ? null : request.tags())
                : null;
        Instant now = clock.instant();
        var view = new CloudClusterView(
                0,
                accountId,
                provider.id(),
                region,
                live.name(),
                live.cloudId(),
                live.status(),
                live.version(),
                live.endpoint(),
                registration == null ? null : registration.cluster().id(),
                registration == null ? null : registration.expiresAt(),
                false,
                now,
                null,
                by,
                now,
                now);
        try {
            return records.find(records.insert(view, live.settings()))
                    .orElseThrow()
                    .view();
        } catch (DuplicateKeyException e) {
            registrar.remove(view.clusterId());
            throw alreadyImported(name, region);
        }
    }

    /** Starts creating a cluster in the cloud; the job registers it once it is active (unless told not to). */
    public CloudJobView create(long accountId, CloudRequests.CreateCluster request) {
        String by = access.require(accountId, Role.ADMIN);
        if (request == null) {
            throw ApiException.badRequest("malformed-body", "A body is required", null);
        }
        CloudSession session = accounts.session(accountId, request.region());
        checkCloudName(request.name(), "name");
        KubeVersions.parse(request.version(), "version");
        CloudClusterProvider provider = accounts.provider(accountId);
        var spec = new NewCluster(
                request.name(),
                request.version(),
                request.vpcId(),
                request.subnetIds(),
                request.securityGroupIds(),
                request.tags(),
                request.options());
        provider.checkNewCluster(spec);
        boolean register = request.register() == null || request.register();
        String registryName = register ? CloudRegistrar.registryName(request.registryName(), request.name()) : null;
        if (records.find(accountId, request.region(), request.name()).isPresent()) {
            throw alreadyImported(request.name(), request.region());
        }
        Instant now = clock.instant();
        long record;
        try {
            record = records.insert(
                    new CloudClusterView(
                            0,
                            accountId,
                            provider.id(),
                            request.region(),
                            request.name(),
                            null,
                            CloudStatus.CREATING,
                            request.version(),
                            null,
                            null,
                            null,
                            false,
                            null,
                            null,
                            by,
                            now,
                            now),
                    Map.of());
        } catch (DuplicateKeyException e) {
            throw alreadyImported(request.name(), request.region());
        }
        CloudOperation op;
        try {
            op = provider.createCluster(session, spec);
        } catch (RuntimeException e) {
            records.delete(record);
            throw e;
        }
        var payload =
                new JobPayload(op, request.region(), register, registryName, request.env(), request.registryTags());
        return jobs.start(accountId, record, payload, by);
    }

    public Page<CloudClusterView> list(Long accountId, int page, int size) {
        var visible = access.visibleAccounts();
        return new Page<>(
                records.list(accountId, visible, page * size, size), page, size, records.count(accountId, visible));
    }

    public CloudClusterView get(long id) {
        return record(id, Role.VIEWER).view();
    }

    /** Reads the cluster from the cloud and records its status and any drift; writes nothing to the cloud. */
    public CloudClusterView sync(long id) {
        CloudClusterStore.Row row = record(id, Role.OPERATOR);
        syncRecord(row);
        return records.find(id).orElseThrow().view();
    }

    /** The background sync's and {@link #sync}'s work: no caller check. */
    void syncRecord(CloudClusterStore.Row row) {
        CloudClusterView view = row.view();
        Instant now = clock.instant();
        try {
            CloudCluster live = accounts.provider(view.accountId())
                    .describeCluster(accounts.session(view.accountId(), view.region()), view.name());
            boolean firstSight = row.baseline().isEmpty();
            records.synced(
                    view.id(),
                    live,
                    firstSight ? live.settings() : null,
                    firstSight ? null : Drift.between(row.baseline(), live.settings()),
                    now);
        } catch (ApiException e) {
            if ("cloud-not-found".equals(e.code())) {
                records.status(view.id(), CloudStatus.DELETED, "The cluster is no longer in the cloud", now);
                return;
            }
            records.error(view.id(), e.getMessage(), now);
            throw e;
        }
    }

    /** The live differences from the settings the platform knows (all of them, node groups included). */
    public Drift drift(long id) {
        CloudClusterStore.Row row = record(id, Role.VIEWER);
        return Drift.between(row.baseline(), live(row).settings());
    }

    /** Adopts the cloud's values as the known ones, if the drift is still the one reviewed. */
    public CloudClusterView acceptDrift(long id, String fingerprint) {
        CloudClusterStore.Row row = record(id, Role.OPERATOR);
        CloudCluster live = live(row);
        Drift drift = Drift.between(row.baseline(), live.settings());
        if (!drift.isEmpty() && !drift.fingerprint().equals(fingerprint)) {
            throw ApiException.conflict(
                    "drift-changed",
                    "The drift is not the one reviewed (now " + drift.fingerprint() + "): " + drift.describe(),
                    "fingerprint");
        }
        records.synced(id, live, live.settings(), null, clock.instant());
        return records.find(id).orElseThrow().view();
    }

    /** Starts a version upgrade or a settings change, after the version and drift checks. */
    public CloudJobView update(long id, CloudRequests.UpdateCluster request) {
        CloudClusterStore.Row row = record(id, Role.ADMIN);
        if (request == null
                || (request.version() == null
                        && (request.settings() == null || request.settings().isEmpty()))) {
            throw ApiException.badRequest("invalid-field", "Name a version or settings to change", "version");
        }
        jobs.requireIdle(id);
        CloudClusterProvider provider = accounts.provider(row.view().accountId());
        CloudSession session =
                accounts.session(row.view().accountId(), row.view().region());
        CloudCluster live = provider.describeCluster(session, row.view().name());
        if (request.version() != null) {
            KubeVersions.requireUpgrade(live.version(), request.version(), "version");
        }
        var change = new ClusterChange(request.version(), request.settings());
        provider.checkChange(live, change);
        DriftGuard.require(
                DriftGuard.within(row.baseline(), live.settings(), DriftGuard.clusterScope()),
                request.driftFingerprint(),
                "Cluster " + live.name());
        CloudOperation op = provider.updateCluster(session, live.name(), change);
        return jobs.start(
                row.view().accountId(), id, JobPayload.of(op, row.view().region()), access.username());
    }

    /** Starts deleting the cluster in the cloud; {@code confirm} must repeat its name. */
    public CloudJobView delete(long id, String confirm) {
        CloudClusterStore.Row row = record(id, Role.ADMIN);
        requireConfirmation(row.view().name(), confirm);
        jobs.requireIdle(id);
        CloudClusterProvider provider = accounts.provider(row.view().accountId());
        CloudOperation op = provider.deleteCluster(
                accounts.session(row.view().accountId(), row.view().region()),
                row.view().name());
        records.status(id, CloudStatus.DELETING, null, clock.instant());
        return jobs.start(
                row.view().accountId(), id, JobPayload.of(op, row.view().region()), access.username());
    }

    /** Drops the platform's record (and registry cluster) of a cluster; the cloud is not touched. */
    public void forget(long id, String confirm) {
        CloudClusterStore.Row row = record(id, Role.ADMIN);
        requireConfirmation(row.view().name(), confirm);
        jobs.requireIdle(id);
        registrar.remove(row.view().clusterId());
        records.delete(id);
    }

    /** Renews the registered credentials now, or registers the cluster when it is not registered yet. */
    public CloudClusterView refreshCredentials(long id, CloudRequests.Import request) {
        CloudClusterStore.Row row = record(id, Role.OPERATOR);
        CloudClusterView view = row.view();
        CloudClusterProvider provider = accounts.provider(view.accountId());
        CloudSession session = accounts.session(view.accountId(), view.region());
        if (view.clusterId() != null) {
            registrar.renew(provider, session, view);
        } else {
            access.require(view.accountId(), Role.ADMIN);
            var registration = registrar.register(
                    provider,
                    session,
                    provider.describeCluster(session, view.name()),
                    CloudRegistrar.registryName(request == null ? null : request.registryName(), view.name()),
                    request == null ? null : request.env(),
                    request == null ? null : request.tags());
            records.registered(id, registration.cluster().id(), registration.expiresAt(), clock.instant());
        }
        return records.find(id).orElseThrow().view();
    }

    /** A record the caller may use at {@code needed}; one on an account they cannot see does not exist for them. */
    CloudClusterStore.Row record(long id, Role needed) {
        CloudClusterStore.Row row = records.find(id).orElseThrow(() -> notFound(id));
        try {
            access.require(row.view().accountId(), needed);
        } catch (ApiException e) {
            throw e.status().value() == 404 ? notFound(id) : e;
        }
        return row;
    }

    private CloudCluster live(CloudClusterStore.Row row) {
        CloudClusterView view = row.view();
        return accounts.provider(view.accountId())
                .describeCluster(accounts.session(view.accountId(), view.region()), view.name());
    }

    static void requireConfirmation(String name, String confirm) {
        if (confirm == null || confirm.isEmpty()) {
            throw ApiException.badRequest(
                    "confirmation-required", "Repeat the name to confirm: ?confirm=" + name, "confirm");
        }
        if (!confirm.equals(name)) {
            throw ApiException.badRequest(
                    "confirmation-mismatch", "confirm '" + confirm + "' is not the name '" + name + "'", "confirm");
        }
    }

    static void checkCloudName(String name, String field) {
        if (name == null || !CLOUD_NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "Cloud cluster names are 1-100 letters, digits, '-', '_' or '.', starting with a letter or digit",
                    field);
        }
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("cloud-cluster-not-found", "No cloud cluster " + id);
    }

    private static ApiException alreadyImported(String name, String region) {
        return ApiException.conflict(
                "already-imported", "Cluster " + name + " in " + region + " is already known to the platform", "name");
    }
}
