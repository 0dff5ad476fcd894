package dev.cloudops.container.exec;

import dev.cloudops.container.ContainerOperation;
import dev.cloudops.container.ContainerOperations;
import dev.cloudops.container.ContainerTargets;
import dev.cloudops.kube.ContainerProcess;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.KubeExec;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.audit.AuditEvent;
import dev.cloudops.platform.audit.AuditService;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.web.Page;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interactive terminals. Opening one (REST, with the caller's rights and the command policy) issues a short-lived,
 * single-use ticket; a WebSocket presenting it attaches and starts the shell. Sessions live in the database so that
 * tickets, per-user limits and kills hold across replicas; the live connection lives on the replica it reached.
 */
@Service
public class TerminalService {

    /** What a caller asks for when opening a terminal. */
    public record OpenRequest(String shell, Integer cols, Integer rows) {}

    /**
     * The answer to opening a terminal.
     *
     * @param ticket present it once, before {@code expiresAt}, as {@code ?ticket=} of {@code websocket}
     * @param websocket the WebSocket path to attach to
     */
    public record Ticket(String sessionId, String ticket, Instant expiresAt, String websocket, List<String> shells) {}

    /** A ticket checked and consumed: the session a new WebSocket belongs to. */
    record Attachment(TerminalSession session, String clientIp) {}

    private static final Logger log = LoggerFactory.getLogger(TerminalService.class);
    private static final List<String> DEFAULT_SHELLS = List.of("bash", "sh");
    private static final int MAX_COLUMNS = 1000;
    private static final int MAX_ROWS = 500;
    private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);

    private final ContainerTargets targets;
    private final ExecPolicy policy;
    private final KubeExec kube;
    private final ContainerOperations operations;
    private final TerminalSessionStore store;
    private final AccessPolicy access;
    private final AuditService audit;
    private final CloudOpsProperties.Exec settings;
    private final Path recordings;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String replica;
    private final Map<String, LiveTerminal> live = new ConcurrentHashMap<>();
    private final Map<String, Long> operationIds = new ConcurrentHashMap<>();
    private volatile Instant lastHeartbeat = Instant.EPOCH;

    TerminalService(
            ContainerTargets targets,
            ExecPolicy policy,
            KubeExec kube,
            ContainerOperations operations,
            TerminalSessionStore store,
            AccessPolicy access,
            AuditService audit,
            CloudOpsProperties properties,
            JsonMapper json,
            Clock clock) {
        this.targets = targets;
        this.policy = policy;
        this.kube = kube;
        this.operations = operations;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.settings = properties.exec();
        this.recordings = properties
                .dataDir()
                .resolve("terminal-recordings")
                .toAbsolutePath()
                .normalize();
        this.json = json;
        this.clock = clock;
        this.replica = hostName() + "/" + UUID.randomUUID();
    }

    /**
     * Authorises a terminal on a container and issues its ticket.
     *
     * @throws ApiException 403 {@code forbidden} without exec rights, 403 {@code terminal-denied} when no
     *     TERMINAL rule allows a shell, 429 {@code too-many-terminals}, 400 {@code invalid-shell} /
     *     {@code invalid-size}, and the container problems of {@link ContainerTargets#running}
     */
    public Ticket open(long clusterId, String namespace, String pod, String container, OpenRequest request) {
        int columns = size(request.cols(), 80, MAX_COLUMNS, "cols");
        int rows = size(request.rows(), 24, MAX_ROWS, "rows");
        List<String> candidates = request.shell() == null || request.shell().isBlank()
                ? DEFAULT_SHELLS
                : List.of(checkShell(request.shell()));
        ContainerRef target = targets.authorize(clusterId, namespace, pod, container, Action.EXEC);
        List<String> allowed = new ArrayList<>();
        ExecPolicy.Decision refusal = null;
        for (String shell : candidates) {
            ExecPolicy.Decision decision = policy.decide(target, ExecRule.Scope.TERMINAL, List.of(shell));
            if (decision.allowed()) {
                allowed.add(shell);
            } else if (refusal == null) {
                refusal = decision;
            }
        }
        CurrentUser user = access.current();
        Instant now = clock.instant();
        if (allowed.isEmpty()) {
            operations.record(ContainerOperation.of(
                    ContainerOperation.Kind.TERMINAL,
                    target,
                    user.username(),
                    String.join(",", candidates),
                    ContainerOperation.Outcome.DENIED,
                    null,
                    now,
                    0,
                    null,
                    false,
                    null,
                    refusal.reason()));
            throw ApiException.forbidden(
                    "terminal-denied",
                    "User " + user.username() + " may not open a terminal in " + target.path() + ": "
                            + refusal.reason());
        }
        kube.requireRunning(target);
        if (store.active(user.username(), now) >= settings.terminalsPerUser()) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-terminals",
                    "User " + user.username() + " already holds " + settings.terminalsPerUser()
                            + " terminal sessions (cloudops.exec.terminals-per-user); close one first");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        Instant expires = now.plus(settings.terminalTicketTtl());
        store.insertPending(
                id, sha256(ticket), user.username(), target, String.join(",", allowed), columns, rows, now, expires);
        String websocket = "/api/k8s/containers/" + clusterId + "/" + namespace + "/" + pod + "/" + container
                + "/exec/ws?ticket=" + ticket;
        return new Ticket(id, ticket, expires, websocket, List.copyOf(allowed));
    }

    /**
     * Consumes a ticket for a WebSocket to {@code target}.
     *
     * @throws ApiException 401 {@code ticket-invalid} (unknown, or for another container), {@code ticket-used},
     *     {@code ticket-expired}
     */
    Attachment attach(String ticket, ContainerRef target, String clientIp) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            throw unauthorized("ticket-invalid", "A terminal ticket is required: ?ticket=<ticket from POST terminal>");
        }
        String hash = sha256(ticket);
        Instant now = clock.instant();
        TerminalSession session = store.byTicket(hash)
                .filter(s -> s.clusterId() == target.clusterId()
                        && s.namespace().equals(target.namespace())
                        && s.pod().equals(target.pod())
                        && s.container().equals(target.container()))
                .orElseThrow(() -> unauthorized("ticket-invalid", "Unknown terminal ticket"));
        if (!store.consume(hash, now, replica)) {
            if (!"PENDING".equals(session.status())) {
                throw unauthorized("ticket-used", "This terminal ticket was already used; open a new terminal");
            }
            throw unauthorized("ticket-expired", "This terminal ticket expired; open a new terminal");
        }
        return new Attachment(store.find(session.id()).orElseThrow(), clientIp);
    }

    /** Starts the terminal of an attached WebSocket. */
    void begin(Attachment attachment, WebSocketSession socket) {
        TerminalSession s = attachment.session();
        ContainerRef target = new ContainerRef(s.clusterId(), s.namespace(), s.pod(), s.container());
        List<String> shells = List.of(s.shell().split(","));
        TerminalRecording recording;
        try {
            recording = TerminalRecording.start(
                    recordings.resolve(s.id() + ".cast"),
                    json,
                    s.columns(),
                    s.rows(),
                    clock.instant().getEpochSecond(),
                    s.username() + "@" + target.path(),
                    shells.get(0));
        } catch (IOException e) {
            log.warn("Terminal {}: cannot create its recording: {}", s.id(), e.getMessage());
            store.closed(s.id(), clock.instant(), "recording failed", null, 0);
            try {
                socket.close(org.springframework.web.socket.CloseStatus.SERVER_ERROR);
            } catch (IOException ignored) {
                // Already gone.
            }
            return;
        }
        LiveTerminal terminal = new LiveTerminal(
                s.id(),
                s.username(),
                target,
                shells,
                s.columns(),
                s.rows(),
                socket,
                recording,
                json,
                new Host(attachment.clientIp()));
        live.put(s.id(), terminal);
        terminal.start();
    }

    LiveTerminal live(String sessionId) {
        return live.get(sessionId);
    }

    /** Sessions, newest first: every one for platform admins, the caller's own for others. */
    public Page<TerminalSession> sessions(String status, int page, int size) {
        if (status != null && !Set.of("PENDING", "OPEN", "CLOSED", "EXPIRED").contains(status)) {
            throw ApiException.badRequest(
                    "invalid-parameter", "status must be PENDING, OPEN, CLOSED or EXPIRED", "status");
        }
        CurrentUser user = access.current();
        return store.list(user.isPlatformAdmin() ? null : user.username(), status, page, size);
    }

    /** Closes a session, on whichever replica holds it. Admins may close any; users their own. */
    public void kill(String id) {
        TerminalSession session = visible(id);
        if (!"OPEN".equals(session.status())) {
            throw ApiException.conflict("session-not-open", "Terminal session " + id + " is " + session.status(), null);
        }
        String by = access.current().username();
        LiveTerminal here = live.get(id);
        if (here != null) {
            here.close("killed by " + by, null);
        } else {
            store.requestKill(id);
        }
    }

    /** The asciicast v2 recording of a session (admins, or the session's user). */
    public Path recording(String id) {
        visible(id);
        Path file = recordings.resolve(id + ".cast");
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("recording-not-found", "Terminal session " + id + " has no recording");
        }
        return file;
    }

    private TerminalSession visible(String id) {
        CurrentUser user = access.current();
        return store.find(id)
                .filter(s -> user.isPlatformAdmin() || s.username().equals(user.username()))
                .orElseThrow(() -> ApiException.notFound("session-not-found", "No terminal session " + id));
    }

    /** Closes idle, overlong and killed sessions of this replica; expires unused tickets. */
    @Scheduled(fixedDelayString = "${cloudops.exec.terminal-watch-interval:1s}")
    void watch() {
        long idle = settings.terminalIdleTimeout().toNanos();
        long longest = settings.terminalMaxDuration().toNanos();
        for (LiveTerminal t : live.values()) {
            if (t.idleNanos() > idle) {
                t.close("idle timeout", null);
            } else if (t.ageNanos() > longest) {
                t.close("maximum duration", null);
            }
        }
        if (!live.isEmpty()) {
            for (String id : store.killRequested(replica)) {
                LiveTerminal t = live.get(id);
                if (t != null) {
                    t.close("killed by an administrator", null);
                }
            }
        }
        Instant now = clock.instant();
        if (now.isAfter(lastHeartbeat.plus(HEARTBEAT))) {
            store.expirePending(now);
            store.heartbeat(List.copyOf(live.keySet()), now);
            store.closeLost(now.minus(HEARTBEAT.multipliedBy(4)), now);
            lastHeartbeat = now;
        }
    }

    @PreDestroy
    void stop() {
        for (LiveTerminal t : live.values()) {
            t.close("server stopping", null);
        }
    }

    private void audit(LiveTerminal t, String action, String detail, String clientIp) {
        audit.record(new AuditEvent(
                null,
                clock.instant(),
                t.username,
                action,
                "WS",
                "/api/k8s/containers/" + t.target.clusterId() + "/" + t.target.path() + "/exec/ws",
                t.target.clusterId(),
                t.target.namespace(),
                "success",
                101,
                TimeUnit.NANOSECONDS.toMillis(t.ageNanos()),
                clientIp,
                detail));
    }

    /** What a live terminal reports back: shell start, typed lines, the end. */
    private final class Host implements LiveTerminal.Host {
        private final String clientIp;

        Host(String clientIp) {
            this.clientIp = clientIp;
        }

        @Override
        public ContainerProcess start(ContainerRef target, String shell) {
            return kube.start(target, List.of(shell), true, true);
        }

        @Override
        public void started(LiveTerminal t, String shell) {
            long operation = operations.record(ContainerOperation.of(
                    ContainerOperation.Kind.TERMINAL,
                    t.target,
                    t.username,
                    shell,
                    ContainerOperation.Outcome.RUNNING,
                    null,
                    clock.instant(),
                    0,
                    null,
                    false,
                    t.id,
                    null));
            Long previous = operationIds.put(t.id, operation);
            if (previous != null) {
                operations.finish(previous, ContainerOperation.Outcome.FAILED, null, 0, "shell could not start");
            }
            store.started(t.id, shell, operation);
            audit(t, "terminal.open", "session " + t.id + " shell " + shell, clientIp);
        }

        @Override
        public void inputLine(LiveTerminal t, String line) {
            audit(t, "terminal.input", "session " + t.id + ": " + line, clientIp);
        }

        @Override
        public void ended(LiveTerminal t, String reason, Integer exitCode) {
            live.remove(t.id);
            long duration = TimeUnit.NANOSECONDS.toMillis(t.ageNanos());
            store.closed(t.id, clock.instant(), reason, exitCode, t.recordingBytes());
            Long operation = operationIds.remove(t.id);
            if (operation != null) {
                operations.finish(operation, ContainerOperation.Outcome.CLOSED, exitCode, duration, reason);
            }
            audit(t, "terminal.close", "session " + t.id + ": " + reason, clientIp);
        }
    }

    private static int size(Integer value, int fallback, int max, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest("invalid-size", field + " must be between 1 and " + max, field);
        }
        return value;
    }

    private static String checkShell(String shell) {
        String s = shell.trim();
        if (s.length() > 255
                || s.indexOf('\0') >= 0
                || s.chars().anyMatch(Character::isWhitespace)
                || s.contains(",")) {
            throw ApiException.badRequest(
                    "invalid-shell", "shell is one program (a name or an absolute path) without spaces", "shell");
        }
        return s;
    }

    private static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
