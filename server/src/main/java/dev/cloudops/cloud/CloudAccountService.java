package dev.cloudops.cloud;

import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Role;
import dev.cloudops.platform.security.UserService;
import dev.cloudops.platform.web.Page;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cloud accounts: their credentials are checked with the cloud before anything is stored, sealed at rest, and
 * unsealed only into a {@link CloudSession} for one call. Creating, changing and deleting accounts and their
 * grants is for platform administrators.
 */
@Service
public class CloudAccountService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final int MAX_REGIONS = 30;
    private static final int MAX_FIELD = 2048;

    private final CloudAccountStore store;
    private final CloudClusterStore clusters;
    private final CloudProviders providers;
    private final CloudAccess access;
    private final SecretSealer sealer;
    private final UserService users;
    private final CloudProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    CloudAccountService(
            CloudAccountStore store,
            CloudClusterStore clusters,
            CloudProviders providers,
            CloudAccess access,
            SecretSealer sealer,
            UserService users,
            CloudProperties properties,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.clusters = clusters;
        this.providers = providers;
        this.access = access;
        this.sealer = sealer;
        this.users = users;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Checks everything, asks the cloud who the credentials belong to, and only then stores the account. */
    public CloudAccountView create(CloudAccountRequest request) {
        access.requirePlatformAdmin();
        CloudClusterProvider provider = providers.require(request.provider(), "provider");
        String name = checkName(request.name());
        List<String> regions = checkRegions(provider, request.regions());
        CloudCredentials credentials = checkCredentials(request.credentials());
        checkProject(credentials, regions);
        Map<String, String> endpoints = checkEndpoints(provider, request.endpoints());
        if (store.nameTaken(name, 0)) {
            throw duplicate(name);
        }
        Instant now = clock.instant();
        CloudIdentity identity = provider.validate(session(0, now, regions.get(0), credentials, endpoints));
        var view = new CloudAccountView(
                0,
                name,
                provider.id(),
                regions,
                credentials.hint(),
                credentials.roleArn(),
                endpoints,
                identity,
                now,
                access.username(),
                now,
                now);
        try {
            long id = store.insert(view, seal(credentials));
            return store.find(id).orElseThrow().view();
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
    }

    public Page<CloudAccountView> list(String provider, int page, int size) {
        var visible = access.visibleAccounts();
        return new Page<>(store.list(provider, visible, page * size, size), page, size, store.count(provider, visible));
    }

    public CloudAccountView get(long id) {
        access.require(id, Role.VIEWER);
        return row(id).view();
    }

    /** Changes name, regions, endpoints or credentials; new credentials or endpoints are validated first. */
    public CloudAccountView update(long id, CloudAccountRequest request) {
        access.requirePlatformAdmin();
        CloudAccountStore.Row row = row(id);
        CloudAccountView old = row.view();
        if (request.provider() != null && !request.provider().equals(old.provider())) {
            throw ApiException.badRequest(
                    "invalid-field", "An account's provider cannot change; create another account", "provider");
        }
        CloudClusterProvider provider = providers.require(old.provider(), "provider");
        String name = request.name() == null ? old.name() : checkName(request.name());
        if (store.nameTaken(name, id)) {
            throw duplicate(name);
        }
        List<String> regions = request.regions() == null ? old.regions() : checkRegions(provider, request.regions());
        CloudCredentials credentials = request.credentials() == null
                ? unseal(row.sealedCredentials())
                : checkCredentials(request.credentials());
        checkProject(credentials, regions);
        Map<String, String> endpoints =
                request.endpoints() == null ? old.endpoints() : checkEndpoints(provider, request.endpoints());
        Instant now = clock.instant();
        CloudIdentity identity = old.identity();
        Instant validatedAt = old.validatedAt();
        if (request.credentials() != null || request.endpoints() != null) {
            identity = provider.validate(session(id, now, regions.get(0), credentials, endpoints));
            validatedAt = now;
        }
        var view = new CloudAccountView(
                id,
                name,
                old.provider(),
                regions,
                credentials.hint(),
                credentials.roleArn(),
                endpoints,
                identity,
                validatedAt,
                old.createdBy(),
                old.createdAt(),
                now);
        try {
            store.update(view, seal(credentials));
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        return store.find(id).orElseThrow().view();
    }

    /** Removes an account the platform no longer manages any cluster through. */
    public void delete(long id) {
        access.requirePlatformAdmin();
        row(id);
        long inUse = clusters.countByAccount(id);
        if (inUse > 0) {
            throw ApiException.conflict(
                    "account-in-use",
                    "Cloud account " + id + " still has " + inUse + " cloud cluster(s); delete or forget them first",
                    "id");
        }
        store.delete(id);
    }

    /** Asks the cloud who the stored credentials belong to, and records the answer. */
    public CloudIdentity validate(long id) {
        access.require(id, Role.OPERATOR);
        CloudAccountStore.Row row = row(id);
        CloudAccountView old = row.view();
        CloudIdentity identity = providers
                .require(old.provider(), "provider")
                .validate(session(
                        id, old.updatedAt(), old.regions().get(0), unseal(row.sealedCredentials()), old.endpoints()));
        Instant now = clock.instant();
        store.update(
                new CloudAccountView(
                        id,
                        old.name(),
                        old.provider(),
                        old.regions(),
                        old.keyHint(),
                        old.roleArn(),
                        old.endpoints(),
                        identity,
                        now,
                        old.createdBy(),
                        old.createdAt(),
                        old.updatedAt()),
                row.sealedCredentials());
        return identity;
    }

    /** A user's role on an account. */
    public record AccountGrant(long userId, Role role) {}

    public List<AccountGrant> grants(long id) {
        access.requirePlatformAdmin();
        row(id);
        return store.grants(id).stream()
                .map(g -> new AccountGrant(g.userId(), g.role()))
                .toList();
    }

    /** Replaces every grant of an account; every user must exist, each at most once. */
    public List<AccountGrant> replaceGrants(long id, List<AccountGrant> grants) {
        access.requirePlatformAdmin();
        row(id);
        Map<Long, CloudAccountStore.AccountGrant> checked = new LinkedHashMap<>();
        for (AccountGrant g : grants == null ? List.<AccountGrant>of() : grants) {
            if (g == null || g.role() == null) {
                throw ApiException.badRequest("invalid-field", "Every grant needs a userId and a role", "role");
            }
            users.get(g.userId());
            if (checked.put(g.userId(), new CloudAccountStore.AccountGrant(g.userId(), g.role())) != null) {
                throw ApiException.badRequest(
                        "invalid-field", "User " + g.userId() + " is granted twice; give one role", "userId");
            }
        }
        store.replaceGrants(id, new ArrayList<>(checked.values()));
        return grants(id);
    }

    /**
     * Re-seals credentials sealed by a retired master key with the current one (at start-up, as the registry does
     * for kubeconfigs); fails, like it, on a key the server does not know.
     */
    void resealAll() {
        for (CloudAccountStore.Row row : store.all()) {
            if (sealer.needsReseal(row.sealedCredentials())) {
                store.update(row.view(), sealer.seal(sealer.unseal(row.sealedCredentials())));
            }
        }
    }

    /** The provider of an account the caller may use at {@code needed}. */
    CloudClusterProvider provider(long accountId) {
        return providers.require(row(accountId).view().provider(), "provider");
    }

    /** A session for a region of the account; {@code 400 unknown-region} when the account does not cover it. */
    CloudSession session(long accountId, String region) {
        CloudAccountStore.Row row = row(accountId);
        CloudAccountView view = row.view();
        if (region == null || !view.regions().contains(region)) {
            CloudClusterProvider provider = providers.require(view.provider(), "provider");
            throw ApiException.badRequest(
                    "unknown-region",
                    region != null && provider.knowsRegion(region)
                            ? "Cloud account " + view.name() + " is not set up for region " + region + "; its regions: "
                                    + String.join(", ", view.regions())
                            : "Unknown region '" + region + "'; cloud account " + view.name() + " covers "
                                    + String.join(", ", view.regions()),
                    "region");
        }
        return session(accountId, view.updatedAt(), region, unseal(row.sealedCredentials()), view.endpoints());
    }

    CloudAccountView view(long accountId) {
        return row(accountId).view();
    }

    private CloudSession session(
            long id, Instant revision, String region, CloudCredentials credentials, Map<String, String> endpoints) {
        Map<String, URI> uris = new TreeMap<>();
        endpoints.forEach((service, url) -> uris.put(service, URI.create(url)));
        return new CloudSession(id, revision.toEpochMilli(), region, credentials, uris);
    }

    private CloudAccountStore.Row row(long id) {
        return store.find(id).orElseThrow(() -> CloudAccess.notFound(id));
    }

    private String seal(CloudCredentials credentials) {
        return sealer.seal(json.writeValueAsString(credentials));
    }

    private CloudCredentials unseal(String sealed) {
        return json.readValue(sealer.unseal(sealed), CloudCredentials.class);
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "Account name must be 1-63 lower-case letters, digits and '-', starting and ending with a letter"
                            + " or digit",
                    "name");
        }
        return name;
    }

    private static List<String> checkRegions(CloudClusterProvider provider, List<String> regions) {
        if (regions == null || regions.isEmpty()) {
            throw ApiException.badRequest("unknown-region", "Name at least one region", "regions");
        }
        if (regions.size() > MAX_REGIONS) {
            throw ApiException.badRequest("unknown-region", "At most " + MAX_REGIONS + " regions", "regions");
        }
        for (String region : regions) {
            if (region == null || !provider.knowsRegion(region)) {
                throw ApiException.badRequest(
                        "unknown-region", provider.displayName() + " has no region '" + region + "'", "regions");
            }
        }
        return List.copyOf(new LinkedHashSet<>(regions));
    }

    private static CloudCredentials checkCredentials(CloudAccountRequest.Credentials c) {
        if (c == null) {
            throw invalidCredentials("credentials are required: accessKeyId and secretAccessKey", "credentials");
        }
        if (blank(c.accessKeyId())
                || c.accessKeyId().length() > 128
                || !c.accessKeyId().matches("[\\x21-\\x7e]+")) {
            throw invalidCredentials(
                    "credentials.accessKeyId is required (printable, at most 128)", "credentials.accessKeyId");
        }
        if (blank(c.secretAccessKey()) || c.secretAccessKey().length() > 256) {
            throw invalidCredentials(
                    "credentials.secretAccessKey is required (at most 256 characters)", "credentials.secretAccessKey");
        }
        for (var field : new String[][] {
            {"sessionToken", c.sessionToken()},
            {"roleArn", c.roleArn()},
            {"externalId", c.externalId()},
            {"projectId", c.projectId()}
        }) {
            if (field[1] != null && field[1].length() > (field[0].equals("sessionToken") ? 8192 : MAX_FIELD)) {
                throw invalidCredentials("credentials." + field[0] + " is too long", "credentials." + field[0]);
            }
        }
        return new CloudCredentials(
                c.accessKeyId().trim(),
                c.secretAccessKey(),
                blank(c.sessionToken()) ? null : c.sessionToken(),
                blank(c.roleArn()) ? null : c.roleArn().trim(),
                blank(c.externalId()) ? null : c.externalId(),
                blank(c.projectId()) ? null : c.projectId().trim());
    }

    /** A project belongs to one region: an account naming one covers that region only. */
    private static void checkProject(CloudCredentials credentials, List<String> regions) {
        if (credentials.projectId() != null && regions.size() > 1) {
            throw invalidCredentials(
                    "credentials.projectId belongs to one region; name one region, or leave projectId out to have it"
                            + " looked up per region",
                    "credentials.projectId");
        }
    }

    private Map<String, String> checkEndpoints(CloudClusterProvider provider, Map<String, String> endpoints) {
        Map<String, String> out = new TreeMap<>();
        if (endpoints == null) {
            return out;
        }
        for (var entry : endpoints.entrySet()) {
            String service = entry.getKey();
            if (!"default".equals(service) && !provider.endpointServices().contains(service)) {
                throw ApiException.badRequest(
                        "invalid-endpoint",
                        "No service '" + service + "' to override; " + provider.id() + " has default, "
                                + String.join(", ", provider.endpointServices()),
                        "endpoints." + service);
            }
            out.put(service, checkUrl(service, entry.getValue()));
        }
        return out;
    }

    private String checkUrl(String service, String url) {
        String field = "endpoints." + service;
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            boolean https = "https".equals(uri.getScheme());
            boolean http = "http".equals(uri.getScheme());
            if (!(https || http)
                    || uri.getHost() == null
                    || uri.getUserInfo() != null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw ApiException.badRequest(
                        "invalid-endpoint", "Endpoint for " + service + " must be an https URL with a host", field);
            }
            if (http && !properties.allowInsecureEndpoints() && !loopback(uri.getHost())) {
                throw ApiException.badRequest(
                        "invalid-endpoint",
                        "Endpoint for " + service + " must use https (http only on the loopback, or with"
                                + " cloudops.cloud.allow-insecure-endpoints)",
                        field);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid-endpoint", "Endpoint for " + service + " is not a URL", field);
        }
    }

    private static boolean loopback(String host) {
        if ("localhost".equals(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ApiException invalidCredentials(String detail, String field) {
        return ApiException.badRequest("invalid-credentials", detail, field);
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict(
                "duplicate-account-name", "A cloud account named " + name + " already exists", "name");
    }
}
