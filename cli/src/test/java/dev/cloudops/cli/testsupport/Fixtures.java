package dev.cloudops.cli.testsupport;

/** Server answers shaped like the platform's, including a field the CLI does not know. */
public final class Fixtures {

    private Fixtures() {}

    /** The demo cluster, simulated, seen 90 seconds before {@link Cli#NOW}; carries an unknown field. */
    public static final String DEMO = """
            {"id":1,"name":"demo","context":"demo-ctx","env":"demo","tags":["sim"],"namespaces":[],
             "status":"Healthy","serverUrl":"https://127.0.0.1:6443","version":"v1.31.0","nodeCount":3,
             "simulated":true,"lastSeenAt":"2026-06-01T11:58:30Z","createdAt":"2026-05-01T00:00:00Z",
             "updatedAt":"2026-06-01T11:58:30Z","futureField":{"nested":true}}""";

    /** A production cluster last seen three hours before {@link Cli#NOW}. */
    public static final String PROD = """
            {"id":12,"name":"prod-eu-west","context":"prod","env":"prod","tags":["eu"],"namespaces":["shop"],
             "status":"Unreachable","serverUrl":"https://k8s.example.com","version":"v1.30.4","nodeCount":42,
             "simulated":false,"lastSeenAt":"2026-06-01T09:00:00Z","createdAt":"2026-01-01T00:00:00Z",
             "updatedAt":"2026-06-01T09:00:00Z"}""";

    /** A cluster never reached: no version, node count or last-seen time. */
    public static final String PENDING = """
            {"id":13,"name":"new","env":null,"tags":[],"namespaces":[],"status":"Pending",
             "simulated":false,"createdAt":"2026-06-01T11:59:00Z","updatedAt":"2026-06-01T11:59:00Z"}""";

    /** A list page with {@code items} (JSON objects joined by commas). */
    public static String page(int page, int size, long total, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":" + page + ",\"size\":" + size + ",\"total\":"
                + total + "}";
    }
}
