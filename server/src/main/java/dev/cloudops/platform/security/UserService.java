package dev.cloudops.platform.security;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users, their grants, and password login with throttling. */
@Service
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62})");
    static final int MIN_PASSWORD = 12;

    /** A user as the API shows it: never the password hash. */
    public record UserView(long id, String username, boolean disabled, List<Grant> grants, Instant createdAt) {}

    private final UserStore users;
    private final TokenStore tokens;
    private final TokenService tokenService;
    private final PasswordEncoder encoder;
    private final CloudOpsProperties.Security settings;
    private final Clock clock;

    UserService(
            UserStore users,
            TokenStore tokens,
            TokenService tokenService,
            PasswordEncoder encoder,
            CloudOpsProperties properties,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.encoder = encoder;
        this.settings = properties.security();
        this.clock = clock;
    }

    /**
     * Checks a password and issues a login token. Unknown users and wrong passwords answer alike; after
     * {@code maxLoginFailures} consecutive failures the account is locked for {@code lockout}.
     */
    public TokenService.IssuedToken login(String username, String password) {
        Optional<UserStore.UserRow> found = users.findByUsername(username == null ? "" : username);
        long now = clock.millis();
        if (found.isEmpty()) {
            // Spend the same time as a real check so that response times do not reveal which users exist.
            encoder.matches(password == null ? "" : password, DUMMY_HASH);
            throw badCredentials();
        }
        UserStore.UserRow user = found.get();
        if (user.lockedUntil() != null && user.lockedUntil() > now) {
            long seconds = Math.max(1, (user.lockedUntil() - now) / 1000);
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "login-locked",
                    "Too many failed logins; try again in " + seconds + " seconds");
        }
        if (user.disabled() || password == null || !encoder.matches(password, user.passwordHash())) {
            int failures = user.failedLogins() + 1;
            Long lockedUntil = failures >= settings.maxLoginFailures()
                    ? now + settings.lockout().toMillis()
                    : null;
            users.recordFailure(user.id(), lockedUntil == null ? failures : 0, lockedUntil);
            throw badCredentials();
        }
        if (user.failedLogins() > 0 || user.lockedUntil() != null) {
            users.clearFailures(user.id());
        }
        return tokenService.issueSession(user.id());
    }

    public UserView create(String username, String password, List<Grant> grants) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest(
                    "invalid-username",
                    "Username must be 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
                    "username");
        }
        checkPassword(password);
        if (users.findByUsername(username).isPresent()) {
            throw ApiException.conflict("duplicate-username", "User " + username + " already exists", "username");
        }
        long id = users.create(username, encoder.encode(password), grants, clock.millis());
        return view(users.findById(id).orElseThrow());
    }

    public Optional<UserView> find(String username) {
        return users.findByUsername(username).map(this::view);
    }

    public UserView get(long id) {
        return users.findById(id).map(this::view).orElseThrow(() -> userNotFound(id));
    }

    public List<UserView> list(int page, int size) {
        List<UserStore.UserRow> rows = users.list(page * size, size);
        var grants = users.grants(rows.stream().map(UserStore.UserRow::id).toList());
        return rows.stream()
                .map(r -> new UserView(
                        r.id(),
                        r.username(),
                        r.disabled(),
                        grants.getOrDefault(r.id(), List.of()),
                        Instant.ofEpochMilli(r.createdAt())))
                .toList();
    }

    public long count() {
        return users.count();
    }

    public UserView replaceGrants(long id, List<Grant> grants) {
        users.findById(id).orElseThrow(() -> userNotFound(id));
        users.replaceGrants(id, grants);
        return get(id);
    }

    public void changePassword(long id, String password) {
        checkPassword(password);
        users.findById(id).orElseThrow(() -> userNotFound(id));
        users.updatePassword(id, encoder.encode(password));
        users.clearFailures(id);
        tokens.revokeAll(id);
    }

    public UserView setDisabled(long id, boolean disabled, CurrentUser caller) {
        if (disabled && caller.id() == id) {
            throw ApiException.badRequest("cannot-disable-self", "You cannot disable your own account", "id");
        }
        users.findById(id).orElseThrow(() -> userNotFound(id));
        users.setDisabled(id, disabled);
        if (disabled) {
            tokens.revokeAll(id);
        }
        return get(id);
    }

    public void delete(long id, CurrentUser caller) {
        if (caller.id() == id) {
            throw ApiException.badRequest("cannot-delete-self", "You cannot delete your own account", "id");
        }
        if (!users.delete(id)) {
            throw userNotFound(id);
        }
    }

    private UserView view(UserStore.UserRow row) {
        return new UserView(
                row.id(),
                row.username(),
                row.disabled(),
                users.grants(row.id()),
                Instant.ofEpochMilli(row.createdAt()));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 128) {
            throw ApiException.badRequest(
                    "weak-password", "Password must be " + MIN_PASSWORD + " to 128 characters long", "password");
        }
    }

    private static ApiException userNotFound(long id) {
        return ApiException.notFound("user-not-found", "No user " + id);
    }

    private static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials", "Wrong username or password");
    }

    // BCrypt hash of a random string nobody knows, checked against when the user does not exist.
    private static final String DUMMY_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1Pqr5w5h5eS0H3n5Yw5r2bK";
}
