package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import dev.cloudops.cluster.ClusterService;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.crypto.SecretSealer;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.web.Page;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert webhooks, managed by platform administrators: URL and signing secret sealed at rest and never answered,
 * a test send, and the delivery queue with retries (attempts doubled apart from {@code delivery-backoff}, up to
 * {@code delivery-attempts}), every attempt recorded.
 */
@Service
public class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int MAX_URL = 2048;
    private static final int MAX_SECRET = 512;

    private final WebhookStore store;
    private final WebhookSender sender;
    private final SecretSealer sealer;
    private final AccessPolicy access;
    private final ClusterService clusters;
    private final JsonMapper json;
    private final CloudOpsProperties.Alerts settings;
    private final Clock clock;

    WebhookService(
            WebhookStore store,
            WebhookSender sender,
            SecretSealer sealer,
            AccessPolicy access,
            ClusterService clusters,
            JsonMapper json,
            CloudOpsProperties properties,
            Clock clock) {
        this.store = store;
        this.sender = sender;
        this.sealer = sealer;
        this.access = access;
        this.clusters = clusters;
        this.json = json;
        this.settings = properties.analysis().alerts();
        this.clock = clock;
    }

    public WebhookView create(WebhookRequest r) {
        access.requirePlatformAdmin();
        if (r == null) {
            throw ApiException.badRequest("invalid-webhook", "A webhook is required", null);
        }
        String name = name(r.name());
        WebhookType type = WebhookType.of(r.type());
        URI url = url(r.webhookUrl(), true);
        String secret = secret(r.secret());
        String format = format(type, r.format());
        Severity severity = severity(r.minSeverity());
        Long clusterId = cluster(r.clusterId());
        if (store.nameTaken(name, -1)) {
            throw duplicate(name);
        }
        Instant now = clock.instant();
        WebhookView view = new WebhookView(
                0,
                name,
                type.id(),
                hint(type, url),
                secret != null,
                format,
                clusterId,
                severity,
                r.enabled() == null || r.enabled(),
                access.current().username(),
                now,
                now);
        long id;
        try {
            id = store.insert(view, sealer.seal(url.toString()), secret == null ? null : sealer.seal(secret));
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        return get(id);
    }

    public WebhookView update(long id, WebhookRequest r) {
        access.requirePlatformAdmin();
        WebhookStore.Row row = row(id);
        if (r == null) {
            throw ApiException.badRequest("invalid-webhook", "A webhook is required", null);
        }
        WebhookView old = row.view();
        String name = r.name() == null ? old.name() : name(r.name());
        WebhookType type = r.type() == null ? WebhookType.of(old.type()) : WebhookType.of(r.type());
        URI url = r.webhookUrl() == null ? null : url(r.webhookUrl(), true);
        String sealedUrl = url == null ? row.sealedUrl() : sealer.seal(url.toString());
        String hint = url == null ? old.urlHint() : hint(type, url);
        String sealedSecret = row.sealedSecret();
        if (r.secret() != null) {
            String secret = secret(r.secret());
            sealedSecret = secret == null ? null : sealer.seal(secret);
        }
        String format = format(type, r.format() == null ? old.format() : r.format());
        Severity severity = r.minSeverity() == null ? old.minSeverity() : severity(r.minSeverity());
        Long clusterId = r.clusterId() == null ? old.clusterId() : cluster(r.clusterId());
        if (store.nameTaken(name, id)) {
            throw duplicate(name);
        }
        WebhookView view = new WebhookView(
                id,
                name,
                type.id(),
                hint,
                sealedSecret != null,
                format,
                clusterId,
                severity,
                r.enabled() == null ? old.enabled() : r.enabled(),
                old.createdBy(),
                old.createdAt(),
                clock.instant());
        try {
            store.update(view, sealedUrl, sealedSecret);
        } catch (DuplicateKeyException e) {
            throw duplicate(name);
        }
        return get(id);
    }

    public WebhookView get(long id) {
        access.requirePlatformAdmin();
        return row(id).view();
    }

    public Page<WebhookView> list(int page, int size) {
        access.requirePlatformAdmin();
        return new Page<>(store.list(page * size, size), page, size, store.count());
    }

    public void delete(long id) {
        access.requirePlatformAdmin();
        row(id);
        store.delete(id);
    }

    public Page<Delivery> deliveries(long id, int page, int size) {
        access.requirePlatformAdmin();
        row(id);
        return new Page<>(store.deliveries(id, page * size, size), page, size, store.countDeliveries(id));
    }

    /** Sends a test message now, once, and answers how it went; it is recorded like every delivery. */
    public Delivery test(long id) {
        access.requirePlatformAdmin();
        WebhookStore.Row row = row(id);
        WebhookType type = WebhookType.of(row.view().type());
        String body = json.writeValueAsString(WebhookFormats.body(
                type, row.view().format(), WebhookFormats.test(row.view().name())));
        long deliveryId = store.enqueue(id, null, "test", body, clock.instant());
        attempt(row, store.findDelivery(deliveryId).orElseThrow(), 1);
        return store.findDelivery(deliveryId).orElseThrow().delivery();
    }

    /** Queues a message about an alert for every webhook that takes it. */
    void enqueue(Alert alert, WebhookFormats.Message message) {
        Instant now = clock.instant();
        for (WebhookView w : store.targets(alert.clusterId(), alert.severity())) {
            String body = json.writeValueAsString(WebhookFormats.body(WebhookType.of(w.type()), w.format(), message));
            store.enqueue(w.id(), alert.id(), message.event(), body, now);
        }
    }

    /** Makes one attempt at every delivery that is due; answers how many were tried. */
    int deliverDue(int limit) {
        int tried = 0;
        for (WebhookStore.Due due : store.due(clock.instant(), limit)) {
            var row = store.find(due.delivery().webhookId());
            if (row.isEmpty()) {
                continue;
            }
            attempt(row.get(), due, settings.deliveryAttempts());
            tried++;
        }
        return tried;
    }

    private void attempt(WebhookStore.Row row, WebhookStore.Due due, int maxAttempts) {
        WebhookType type = WebhookType.of(row.view().type());
        String url = sealer.unseal(row.sealedUrl());
        String secret = row.sealedSecret() == null ? null : sealer.unseal(row.sealedSecret());
        WebhookSender.Outcome outcome = sender.send(type, url, secret, due.body());
        int attempts = due.delivery().attempts() + 1;
        Instant now = clock.instant();
        if (outcome.delivered()) {
            store.attempted(due.delivery().id(), attempts, Delivery.DELIVERED, null, outcome.status(), null, now);
            return;
        }
        boolean giveUp = attempts >= maxAttempts;
        Instant next = giveUp ? null : now.plus(backoff(attempts));
        store.attempted(
                due.delivery().id(),
                attempts,
                giveUp ? Delivery.FAILED : Delivery.PENDING,
                next,
                outcome.status(),
                outcome.error(),
                now);
        log.info(
                "Delivery {} to webhook {} failed (attempt {}): {}",
                due.delivery().id(),
                row.view().name(),
                attempts,
                outcome.error());
    }

    /** Wait after the n-th failed attempt: the configured backoff, doubled for each attempt after the first. */
    Duration backoff(int attempts) {
        return settings.deliveryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
    }

    private WebhookStore.Row row(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("webhook-not-found", "No alert webhook " + id));
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "name must be 1 to 63 letters, digits, '.', '_' or '-', starting alphanumeric",
                    "name");
        }
        return name;
    }

    static URI url(String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (!required) {
                return null;
            }
            throw ApiException.badRequest("invalid-url", "webhookUrl is required", "webhookUrl");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(
                    "invalid-url", "webhookUrl is not a valid URL: " + e.getReason(), "webhookUrl");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-url", "webhookUrl must be an absolute http or https URL with a host", "webhookUrl");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.badRequest(
                    "invalid-url", "webhookUrl must not carry a user name or password", "webhookUrl");
        }
        if (text.length() > MAX_URL) {
            throw ApiException.badRequest(
                    "invalid-url", "webhookUrl is longer than " + MAX_URL + " characters", "webhookUrl");
        }
        return uri;
    }

    /** Scheme, host and path without the query; Feishu's token is the path's last segment, so that is hidden too. */
    static String hint(WebhookType type, URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (type == WebhookType.FEISHU && path.lastIndexOf('/') >= 0) {
            path = path.substring(0, path.lastIndexOf('/') + 1) + "****";
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() == null ? "" : "?****");
    }

    private static String secret(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        if (secret.length() > MAX_SECRET) {
            throw ApiException.badRequest(
                    "invalid-secret", "secret is longer than " + MAX_SECRET + " characters", "secret");
        }
        return secret;
    }

    private static String format(WebhookType type, String format) {
        if (type != WebhookType.FEISHU) {
            if (format != null && !format.isBlank()) {
                throw ApiException.badRequest("invalid-format", "format applies to Feishu webhooks only", "format");
            }
            return null;
        }
        String f = format == null || format.isBlank()
                ? "interactive"
                : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("interactive") && !f.equals("text")) {
            throw ApiException.badRequest(
                    "invalid-format", "format must be interactive or text, not '" + format + "'", "format");
        }
        return f;
    }

    private static Severity severity(String severity) {
        if (severity == null || severity.isBlank()) {
            return Severity.WARNING;
        }
        try {
            return Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid-severity",
                    "minSeverity must be INFO, WARNING or CRITICAL, not '" + severity + "'",
                    "minSeverity");
        }
    }

    private Long cluster(Long clusterId) {
        if (clusterId != null) {
            clusters.get(clusterId);
        }
        return clusterId;
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("duplicate-webhook-name", "A webhook named '" + name + "' exists", "name");
    }
}
