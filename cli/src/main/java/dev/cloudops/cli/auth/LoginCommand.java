package dev.cloudops.cli.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliConfig;
import dev.cloudops.cli.core.CliContext;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.ConfigStore;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.ServerUrl;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code cloudops login}: exchanges a username and password for a token ({@code POST /api/auth/login}), or
 * checks an API token ({@code GET /api/auth/me}), and saves server and token in the config file. Nothing is
 * saved unless the server accepted the credentials.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Log in to a CloudOps server and save the server URL and token in the config file (mode 0600).",
            "Without --password or --password-stdin the password is prompted for without echo."
        })
public final class LoginCommand implements Callable<Integer> {

    static final String LOGIN_PATH = "/api/auth/login";
    static final String ME_PATH = "/api/auth/me";

    /** A password is one line; anything longer on stdin is a mistake, not a password. */
    private static final int MAX_STDIN_BYTES = 64 * 1024;

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Server base URL, e.g. https://cloudops.example.com (default: $CLOUDOPS_SERVER, then"
                    + " the saved server).")
    private String server;

    @Option(
            names = {"-u", "--username"},
            paramLabel = "USER",
            description = "User to log in as.")
    private String username;

    @Option(
            names = {"-p", "--password"},
            paramLabel = "PASSWORD",
            description = "Password (visible to other local users; prefer --password-stdin or the prompt).")
    private String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    private boolean passwordStdin;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Use this API token instead of a password.")
    private String token;

    /** The command, opening its session from {@code sessions}. */
    public LoginCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        Session session = sessions.open(spec);
        validateOptions();
        ConfigStore store = session.configStore();
        URI target = resolveServer(session, store);
        CliConfig config = token != null ? checkToken(session, target) : logIn(session, target);
        store.save(config);
        String who = config.username() == null ? "" : " as " + config.username();
        String until = config.expiresAt() == null ? "" : " (token expires " + config.expiresAt() + ")";
        session.out().println("Logged in to " + target + who + until + ".");
        session.out().flush();
        return ExitCode.OK;
    }

    private void validateOptions() {
        if (token != null && (username != null || password != null || passwordStdin)) {
            throw usage("--token cannot be combined with --username, --password or --password-stdin");
        }
        if (token == null && username == null) {
            throw usage("either --username or --token is required");
        }
        if (token != null && token.isBlank()) {
            throw usage("--token must not be empty");
        }
        if (password != null && passwordStdin) {
            throw usage("--password and --password-stdin cannot be used together");
        }
    }

    private URI resolveServer(Session session, ConfigStore store) {
        Optional<String> text = Optional.ofNullable(server)
                .or(() -> session.context().envValue(CliContext.SERVER_ENV))
                .or(() -> savedServer(store));
        if (text.isEmpty()) {
            throw usage("--server is required (or set " + CliContext.SERVER_ENV + ")");
        }
        try {
            return ServerUrl.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A broken config file must not stop the login that rewrites it. */
    private static Optional<String> savedServer(ConfigStore store) {
        try {
            return store.load().map(CliConfig::server);
        } catch (CliException e) {
            return Optional.empty();
        }
    }

    private CliConfig checkToken(Session session, URI target) {
        JsonNode me = session.client(target, token).get(ME_PATH);
        String user = me.path("username").isString() ? me.path("username").asString() : null;
        return new CliConfig(target.toString(), token, user, null);
    }

    private CliConfig logIn(Session session, URI target) {
        char[] secret = readPassword(session);
        try {
            ApiClient client = session.client(target, null);
            JsonNode answer = client.post(LOGIN_PATH, new LoginRequest(username, new String(secret)));
            LoginResponse response = Json.convert(answer, LoginResponse.class);
            if (response.token() == null || response.token().isBlank()) {
                throw new CliException("the server accepted the login but sent no token");
            }
            return new CliConfig(target.toString(), response.token(), username, response.expiresAt());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private char[] readPassword(Session session) {
        if (password != null) {
            session.err()
                    .println("warning: --password is visible to other users of this machine; "
                            + "prefer --password-stdin or the prompt");
            session.err().flush();
            return password.toCharArray();
        }
        if (passwordStdin) {
            return fromStdin(session);
        }
        char[] typed = session.context()
                .passwordPrompt()
                .read("Password for " + username + ": ")
                .orElseThrow(() -> usage("no terminal to prompt for the password; use --password-stdin"));
        if (typed.length == 0) {
            throw usage("the password must not be empty");
        }
        return typed;
    }

    private char[] fromStdin(Session session) {
        byte[] bytes;
        try {
            bytes = session.context().stdin().readNBytes(MAX_STDIN_BYTES + 1);
        } catch (IOException e) {
            throw new CliException(
                    "cannot read the password from standard input: " + e.getMessage(), ExitCode.ERROR, e);
        }
        if (bytes.length > MAX_STDIN_BYTES) {
            throw usage("standard input is too long to be a password");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw usage("--password-stdin: standard input is empty");
        }
        return text.substring(0, end).toCharArray();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The JSON body of {@code POST /api/auth/login}. */
    record LoginRequest(String username, String password) {

        /** Keeps the password out of any log or error message. */
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=<redacted>]";
        }
    }

    /** The answer of {@code POST /api/auth/login}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoginResponse(String token, String expiresAt) {

        /** Keeps the token out of any log or error message. */
        @Override
        public String toString() {
            return "LoginResponse[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }
}
