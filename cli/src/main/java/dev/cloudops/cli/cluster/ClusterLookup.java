package dev.cloudops.cli.cluster;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what users type for a cluster into its id: digits only are the id itself, anything else is a name looked
 * up with {@code GET /api/k8s/cluster/list?q=NAME} and matched exactly (the server's {@code q} is a
 * case-insensitive "name contains").
 */
public final class ClusterLookup {

    /** Page size used while looking a name up; the server may cap it lower, paging copes with that. */
    static final int PAGE_SIZE = 100;

    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,18}");

    private ClusterLookup() {}

    /** Whether {@code idOrName} is taken as an id. */
    public static boolean isId(String idOrName) {
        return NUMERIC_ID.matcher(idOrName).matches();
    }

    /**
     * The id of the cluster {@code idOrName} names.
     *
     * @throws CliException when no visible cluster has that name
     */
    public static long idOf(ApiClient client, String idOrName) {
        if (isId(idOrName)) {
            return Long.parseLong(idOrName);
        }
        return findIdByName(client, idOrName).orElseThrow(() -> notFound(idOrName));
    }

    /** The id of the cluster named exactly {@code name}, or empty. */
    public static Optional<Long> findIdByName(ApiClient client, String name) {
        String q = URLEncoder.encode(name, StandardCharsets.UTF_8);
        long seen = 0;
        for (int page = 0; ; page++) {
            ClusterPage result = Json.convert(
                    client.get(ClusterListCommand.PATH + "?q=" + q + "&page=" + page + "&size=" + PAGE_SIZE),
                    ClusterPage.class);
            for (ClusterView view : result.itemsOrEmpty()) {
                if (name.equals(view.name()) && view.id() != null) {
                    return Optional.of(view.id());
                }
            }
            seen += result.itemsOrEmpty().size();
            boolean more = result.total() == null ? !result.itemsOrEmpty().isEmpty() : seen < result.total();
            if (result.itemsOrEmpty().isEmpty() || !more) {
                return Optional.empty();
            }
        }
    }

    /** The failure for a name no visible cluster has. */
    static CliException notFound(String name) {
        return new CliException("cluster \"" + name + "\" not found (CLUSTER_NOT_FOUND)");
    }
}
