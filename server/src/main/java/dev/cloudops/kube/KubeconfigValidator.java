package dev.cloudops.kube;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.yaml.SafeYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks a kubeconfig before anything connects with it: parseable (with alias and size limits), the context
 * exists and names a cluster and a user, the server is an http(s) URL, and the user has inline credentials.
 * Credentials that would make the platform run a program ({@code exec}, {@code auth-provider}) or read a
 * file of the server's ({@code client-key}, {@code tokenFile} …) are refused: a kubeconfig is user input.
 */
final class KubeconfigValidator {

    static final int MAX_CHARS = 1 << 20;
    private static final Set<String> FILE_REFERENCES =
            Set.of("client-certificate", "client-key", "tokenFile", "certificate-authority");

    /** What the rest of the platform needs to know about a valid kubeconfig. */
    record Validated(String context, String serverUrl) {}

    private KubeconfigValidator() {}

    static Validated validate(String text, String requestedContext) {
        if (text == null || text.isBlank()) {
            throw invalid("The kubeconfig is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw invalid("The kubeconfig is larger than " + MAX_CHARS + " characters");
        }
        Map<?, ?> root = parse(text);
        String context = requestedContext == null || requestedContext.isBlank()
                ? string(root.get("current-context"))
                        .orElseThrow(() -> incomplete("The kubeconfig has no current-context; name a context"))
                : requestedContext;
        Map<?, ?> ctx = named(root, "contexts", context, "context")
                .orElseThrow(() -> ApiException.badRequest(
                        "unknown-context", "The kubeconfig has no context named '" + context + "'", "context"));
        String clusterName =
                string(ctx.get("cluster")).orElseThrow(() -> incomplete("Context '" + context + "' names no cluster"));
        String userName =
                string(ctx.get("user")).orElseThrow(() -> incomplete("Context '" + context + "' names no user"));
        Map<?, ?> cluster = named(root, "clusters", clusterName, "cluster")
                .orElseThrow(() -> incomplete("The kubeconfig has no cluster named '" + clusterName + "'"));
        Map<?, ?> user = named(root, "users", userName, "user")
                .orElseThrow(() -> incomplete("The kubeconfig has no user named '" + userName + "'"));
        String server = string(cluster.get("server"))
                .orElseThrow(() -> incomplete("Cluster '" + clusterName + "' has no server URL"));
        checkServer(server);
        checkUser(userName, user);
        if (cluster.containsKey("certificate-authority")) {
            throw unsupported(
                    "Cluster '" + clusterName + "' refers to a CA file; inline it as certificate-authority-data");
        }
        return new Validated(context, server);
    }

    private static Map<?, ?> parse(String text) {
        try {
            var documents = SafeYaml.documents(text, MAX_CHARS).iterator();
            if (documents.hasNext() && documents.next() instanceof Map<?, ?> map) {
                return map;
            }
        } catch (YAMLException e) {
            throw invalid("The kubeconfig is not valid YAML: " + SafeYaml.describe(e));
        }
        throw invalid("The kubeconfig is not a YAML mapping");
    }

    private static Optional<Map<?, ?>> named(Map<?, ?> root, String listKey, String name, String itemKey) {
        if (!(root.get(listKey) instanceof List<?> list)) {
            throw incomplete("The kubeconfig has no '" + listKey + "' list");
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> item
                    && name.equals(String.valueOf(item.get("name")))
                    && item.get(itemKey) instanceof Map<?, ?> body) {
                return Optional.of(body);
            }
        }
        return Optional.empty();
    }

    private static void checkServer(String server) {
        try {
            URI uri = new URI(server);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid("The server URL must be an http(s) URL with a host, got '" + server + "'");
            }
        } catch (URISyntaxException e) {
            throw invalid("The server URL '" + server + "' is not a URL");
        }
    }

    private static void checkUser(String name, Map<?, ?> user) {
        if (user.containsKey("exec") || user.containsKey("auth-provider")) {
            throw unsupported("User '" + name + "' runs a credential plugin (exec/auth-provider); "
                    + "register the cluster with a token or a client certificate instead");
        }
        for (String key : FILE_REFERENCES) {
            if (user.containsKey(key)) {
                throw unsupported("User '" + name + "' refers to a file (" + key + "); inline it as " + key + "-data");
            }
        }
        boolean token = string(user.get("token")).isPresent();
        boolean cert = string(user.get("client-certificate-data")).isPresent()
                && string(user.get("client-key-data")).isPresent();
        boolean basic = string(user.get("username")).isPresent()
                && string(user.get("password")).isPresent();
        if (!token && !cert && !basic) {
            throw incomplete("User '" + name + "' has no credentials (token, client certificate or username/password)");
        }
    }

    private static Optional<String> string(Object value) {
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-kubeconfig", detail, "kubeconfig");
    }

    private static ApiException incomplete(String detail) {
        return ApiException.badRequest("incomplete-kubeconfig", detail, "kubeconfig");
    }

    private static ApiException unsupported(String detail) {
        return ApiException.badRequest("unsupported-credentials", detail, "kubeconfig");
    }
}
