package dev.cloudops.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the generated logs: access lines, application messages at each level, stack traces and start-up
 * chatter, in four dialects — plain text (Java services), JSON (Go services), klog (Kubernetes components) and Envoy's
 * access log (the sidecar). Every choice is a pure function of the hash it is given.
 */
final class DemoLogVocabulary {

    /** How a container writes its log lines. */
    enum Dialect {
        PLAIN,
        JSON,
        KLOG,
        ENVOY
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** Requests as {@code METHOD path}; {@code %1$d} is an id, {@code %2$d} a small number. */
    private static final String[] REQUESTS = {
        "GET /api/products", "GET /api/products/%1$d", "GET /api/cart/%1$d", "POST /api/cart/%1$d/items",
        "DELETE /api/cart/%1$d/items/%2$d", "POST /api/orders", "GET /api/orders/%1$d", "PUT /api/orders/%1$d",
        "POST /api/payments/%1$d/authorize", "GET /api/search?q=shoes&page=%2$d", "GET /healthz", "GET /ready",
        "GET /metrics", "GET /static/app.%1$d.js"
    };

    private static final int[] STATUSES = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 401, 404, 404, 429, 500, 502, 503
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "okhttp/4.12.0",
        "Go-http-client/1.1",
        "curl/8.11.0"
    };

    /*
     * Message templates. Arguments: %1$d an id (1-99999), %2$d a duration or count (100-999), %3$d a small count
     * (1-99), %4$d an attempt (1-3).
     */
    private static final String[] INFO = {
        "Order %1$d created for customer c-%2$d (%3$d items)",
        "Cache refreshed: %2$d entries loaded in %3$d ms",
        "Published event OrderCreated id=%1$d to topic orders",
        "Connection pool stats: total=100 active=%3$d waiting=0",
        "Scheduled task 'expire-sessions' removed %2$d sessions in %3$d ms",
        "Payment %1$d authorised (%3$d.90 EUR)",
        "Feature flag 'new-search' evaluated to false for tenant t-%1$d",
        "Consumer group storefront rebalanced: %3$d partitions assigned"
    };
    private static final String[] WARN = {
        "Slow query took %2$d ms: SELECT * FROM orders WHERE customer_id = ? (rows=%3$d)",
        "Retrying call to http://payments-api.payments.svc:8080 (attempt %4$d/3): connect timed out after %2$d ms",
        "Response time above threshold: p99=%2$d ms over the last 60 s",
        "Deprecated endpoint /api/v1/legacy-cart called by client c-%1$d",
        "Circuit breaker 'ledger' moved to HALF_OPEN after %3$d failures in 30 s",
        "Heap usage high after GC: %2$d MiB of 1024 MiB used"
    };
    private static final String[] ERROR = {
        "Request failed: POST /api/checkout -> 502 Bad Gateway from upstream payments-api (order %1$d, %2$d ms)",
        "Failed to publish event to topic orders: broker not available (attempt %4$d/3)",
        "Payment authorisation declined for order %1$d: insufficient_funds",
        "Could not acquire lock 'inventory-%1$d' within %2$d ms"
    };
    private static final String[] KLOG_INFO = {
        "reflector.go:368] Caches populated for *v1.Pod from k8s.io/client-go/informers/factory.go:%d",
        "controller.go:615] quota admission added evaluator for: endpoints (%d)",
        "leaderelection.go:%d] successfully renewed lease kube-system/kube-controller-manager",
        "proxier.go:%d] \"Syncing iptables rules\" ipFamily=\"IPv4\"",
        "trace.go:236] Trace[%d]: \"List\" url:/api/v1/pods,verb:LIST (total time: 112ms)"
    };
    private static final String[] EXCEPTIONS = {
        "java.net.SocketTimeoutException: Read timed out",
        "org.springframework.dao.QueryTimeoutException: PreparedStatementCallback; Query timed out",
        "java.lang.NullPointerException: Cannot invoke \"com.acme.model.Cart.getItems()\" because \"cart\" is null",
        "io.lettuce.core.RedisCommandTimeoutException: Command timed out after 1 second(s)"
    };

    private DemoLogVocabulary() {}

    static Dialect dialect(String namespace, String container, long hash) {
        if (namespace.equals("kube-system")) {
            return Dialect.KLOG;
        }
        if (container.equals(DemoContainers.SIDECAR)) {
            return Dialect.ENVOY;
        }
        return (hash & 3) == 0 ? Dialect.JSON : Dialect.PLAIN;
    }

    static String access(Dialect dialect, long h, String t, String app) {
        String request = String.format(Locale.ROOT, pick(REQUESTS, h, 8), 1 + (h >>> 20) % 99_999, 1 + (h >>> 4) % 9);
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        boolean probe = path.equals("/healthz") || path.equals("/ready");
        boolean scrape = path.equals("/metrics");
        int status = probe || scrape ? 200 : STATUSES[index(h, 16, STATUSES.length)];
        String agent = probe ? "kube-probe/1.31" : scrape ? "Prometheus/2.54.1" : pick(AGENTS, h, 52);
        long bytes = status == 204 || status == 304 ? 0 : 120 + (h >>> 28) % 24_000;
        long millis = 2 + (h >>> 40) % (status >= 500 ? 3_000 : 180);
        String remote = "10.244." + (1 + (h >>> 44) % 2) + "." + (10 + (h >>> 48) % 60);
        String id = Long.toHexString(DemoIds.mix(h) | (1L << 60)).substring(1, 13);
        if (dialect == Dialect.KLOG) {
            return klog(
                    'I',
                    t,
                    h,
                    "httplog.go:134] \"HTTP\" verb=\"" + method + "\" URI=\"" + path + "\" latency=\"" + millis
                            + "ms\" resp=" + status);
        }
        if (dialect == Dialect.ENVOY) {
            return "[" + millis(t) + "] \"" + method + " " + path + " HTTP/1.1\" " + status + " - 0 " + bytes + " "
                    + millis + " " + Math.max(1, millis - 1) + " \"" + remote + "\" \"" + agent + "\" \"" + id
                    + "\" \"" + app + "\" \"127.0.0.1:8080\"";
        }
        if (dialect == Dialect.JSON) {
            return "{\"level\":\"info\",\"ts\":\"" + millis(t) + "\",\"logger\":\"http\",\"msg\":\"request\","
                    + "\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"status\":" + status + ",\"bytes\":"
                    + bytes
                    + ",\"duration_ms\":" + millis + ",\"remote\":\"" + remote + "\",\"request_id\":\"" + id + "\"}";
        }
        return remote + " - - [" + clf(t) + "] \"" + method + " " + path + " HTTP/1.1\" " + status + " " + bytes
                + " \"-\" \"" + agent + "\" rt=" + String.format(Locale.ROOT, "%.3f", millis / 1000.0)
                + " req=" + id;
    }

    /** A single-line application message at level {@code I}, {@code W} or {@code E}. */
    static String message(Dialect dialect, char level, long h, String t, String app) {
        if (dialect == Dialect.ENVOY) {
            return access(dialect, h, t, app);
        }
        String[] pool = level == 'E' ? ERROR : level == 'W' ? WARN : INFO;
        long b = 100 + (h >>> 36) % 900;
        if (dialect == Dialect.KLOG) {
            String text = level == 'I'
                    ? String.format(Locale.ROOT, pick(KLOG_INFO, h, 4), b)
                    : String.format(Locale.ROOT, "%s.go:%d] %s", app.replace("-", "_"), b, format(pool, h));
            return klog(level, t, h, text);
        }
        String text = format(pool, h);
        if (dialect == Dialect.JSON) {
            String name = level == 'E' ? "error" : level == 'W' ? "warn" : "info";
            return "{\"level\":\"" + name + "\",\"ts\":\"" + millis(t) + "\",\"logger\":\"" + app + "\",\"msg\":\""
                    + text.replace("\"", "\\\"") + "\"}";
        }
        String name = level == 'E' ? "ERROR" : level == 'W' ? "WARN " : "INFO ";
        return name + " [" + thread(h) + "] " + logger(app, h) + " - " + text;
    }

    /**
     * Exactly {@code size} lines of a request that failed with an exception: a Java stack trace in plain text, one
     * error line followed by ordinary lines elsewhere.
     */
    static List<String> failure(Dialect dialect, long h, String t, String app, int size) {
        List<String> lines = new ArrayList<>(size);
        if (dialect == Dialect.ENVOY) {
            lines.add(access(dialect, h, t, app));
            return lines;
        }
        if (dialect != Dialect.PLAIN) {
            lines.add(message(dialect, 'E', h, t, app));
            return lines;
        }
        lines.add("ERROR [" + thread(h) + "] o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() for servlet "
                + "[dispatcherServlet] threw exception [Request processing failed] with root cause");
        lines.add(pick(EXCEPTIONS, h, 24));
        String pkg = "com.acme." + app.replace("-", "");
        List<String> frames = List.of(
                "\tat " + pkg + ".client.UpstreamClient.call(UpstreamClient.java:" + (40 + Math.floorMod(h, 60)) + ")",
                "\tat " + pkg + ".service.RequestService.handle(RequestService.java:" + (20 + (h >>> 8) % 80) + ")",
                "\tat " + pkg + ".web.ApiController.dispatch(ApiController.java:" + (30 + (h >>> 16) % 50) + ")",
                "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
                "\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)");
        for (int i = 0; lines.size() < size - 1 && i < frames.size(); i++) {
            lines.add(frames.get(i));
        }
        lines.add("\t... " + (38 + (h >>> 30) % 20) + " common frames omitted");
        return lines;
    }

    /** Start-up line {@code i} of a service, before it either runs or fails. */
    static String startup(Dialect dialect, int i, long h, String t, String app) {
        return switch (dialect) {
            case PLAIN ->
                "INFO  [main] c.a." + app.replace("-", "") + ".Application - " + JAVA_STARTUP[i % 8].formatted(app);
            case JSON ->
                "{\"level\":\"info\",\"ts\":\"" + millis(t) + "\",\"logger\":\"main\",\"msg\":\""
                        + GO_STARTUP[i % 8].formatted(app) + "\"}";
            case KLOG -> klog('I', t, h, "server.go:" + (60 + i) + "] " + GO_STARTUP[i % 8].formatted(app));
            case ENVOY ->
                "[" + millis(t) + "][1][info][main] [source/server/server.cc:" + (400 + i * 7) + "] "
                        + ENVOY_STARTUP[i % 8];
        };
    }

    private static final String[] JAVA_STARTUP = {
        "Starting %s using Java 17.0.13 with PID 1",
        "The following 1 profile is active: \"prod\"",
        "Bootstrapping repositories in DEFAULT mode",
        "Tomcat initialized with port 8080 (http)",
        "HikariPool-1 - Starting...",
        "Loading configuration from /config/application.yaml",
        "Exposing 4 endpoints beneath base path '/actuator'",
        "Connecting to dependencies (timeout 10s)"
    };
    private static final String[] GO_STARTUP = {
        "starting %s (go1.23.4, linux/amd64)",
        "loaded configuration from /etc/app/config.yaml",
        "connecting to dependencies timeout=10s",
        "metrics server listening addr=:9090",
        "registered 12 handlers",
        "warming caches",
        "feature flags loaded count=7",
        "http server listening addr=:8080"
    };
    private static final String[] ENVOY_STARTUP = {
        "initializing epoch 0 (base id=0, hot restart version=11.104)",
        "statically linked extensions: 212",
        "loading 1 listener(s)",
        "loading 2 cluster(s)",
        "admin address: 0.0.0.0:9901",
        "runtime: layers: static_layer",
        "all clusters initialized. initializing init manager",
        "starting main dispatch loop"
    };

    /** The end of a crashing run: the error, its trace and the fatal last line. */
    static List<String> crash(Dialect dialect, long h, String t, String app) {
        String pkg = "com.acme." + app.replace("-", "");
        int story = (int) Math.floorMod(h >>> 7, 3);
        if (dialect == Dialect.PLAIN) {
            String[][] stories = {
                {
                    "java.lang.IllegalStateException: Failed to load model from configured bucket",
                    "Caused by: software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, "
                            + "Status Code: 403, Request ID: "
                            + DemoIds.hex("s3/" + h, 16).toUpperCase(Locale.ROOT)
                            + ")"
                },
                {
                    "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource': "
                            + "Failed to initialize pool",
                    "Caused by: java.net.ConnectException: Connection refused"
                },
                {
                    "java.lang.IllegalArgumentException: Could not resolve placeholder 'SMTP_PASSWORD' in value "
                            + "\"${SMTP_PASSWORD}\"",
                    "Caused by: java.util.NoSuchElementException: No value present"
                }
            };
            return List.of(
                    "ERROR [main] o.s.boot.SpringApplication - Application run failed",
                    stories[story][0],
                    "\tat " + pkg + ".config.StartupConfiguration.init(StartupConfiguration.java:"
                            + (40 + Math.floorMod(h, 40)) + ")",
                    "\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)",
                    "\tat " + pkg + ".Application.main(Application.java:14)",
                    stories[story][1],
                    "\t... 3 more",
                    "FATAL [main] " + logger(app, h) + " - Shutting down: unrecoverable start-up error (exit code 1)");
        }
        String[] causes = {
            "failed to connect to database: dial tcp 10.96.41.12:5432: connect: connection refused",
            "invalid configuration: required environment variable SMTP_PASSWORD is not set",
            "runtime error: invalid memory address or nil pointer dereference"
        };
        String first = dialect != Dialect.KLOG
                ? "{\"level\":\"fatal\",\"ts\":\"" + millis(t) + "\",\"logger\":\"main\",\"msg\":\"cannot start\","
                        + "\"error\":\"" + causes[story] + "\"}"
                : klog('F', t, h, "main.go:87] cannot start: " + causes[story]);
        return List.of(
                first,
                "panic: " + causes[story],
                "",
                "goroutine 1 [running]:",
                "main.run({0xc000122000, 0x3, 0x3})",
                "\t/src/cmd/" + app + "/main.go:87 +0x3c5",
                "main.main()",
                "\t/src/cmd/" + app + "/main.go:41 +0x25");
    }

    /** Line {@code i} of {@code total} of a batch job's log. */
    static String job(Dialect dialect, int i, int total, long h, String t, String app) {
        long items = 1_000L * (total - 2);
        String text;
        if (i == 0) {
            text = "Starting " + app + " (batch size 1000, " + items + " items to process)";
        } else if (i == total - 1) {
            text = "Completed " + app + ": " + items + " items processed, 0 errors in " + (total * 3) + "s";
        } else {
            text = String.format(
                    Locale.ROOT, "Processed %d/%d items (%d%%)", i * 1000L, items, i * 100L / Math.max(1, total - 2));
        }
        if (dialect == Dialect.JSON) {
            return "{\"level\":\"info\",\"ts\":\"" + millis(t) + "\",\"logger\":\"job\",\"msg\":\"" + text + "\"}";
        }
        if (dialect == Dialect.KLOG) {
            return klog('I', t, h, "job.go:" + (20 + i % 80) + "] " + text);
        }
        return "INFO  [main] " + logger(app, h) + " - " + text;
    }

    /*
     * The time formats below are cut from the line's RFC 3339 timestamp ({@code 2026-11-24T10:00:00.123456789Z}),
     * which is much cheaper than formatting the instant again for every line.
     */

    private static String millis(String stamp) {
        return stamp.substring(0, 23) + "Z";
    }

    private static String clf(String stamp) {
        return stamp.substring(8, 10) + "/" + MONTHS[Integer.parseInt(stamp.substring(5, 7)) - 1] + "/"
                + stamp.substring(0, 4) + ":" + stamp.substring(11, 19) + " +0000";
    }

    private static String klogTime(String stamp) {
        return stamp.substring(5, 7) + stamp.substring(8, 10) + " " + stamp.substring(11, 26);
    }

    private static String klog(char level, String t, long h, String text) {
        return level + klogTime(t) + "       1 " + text;
    }

    private static String format(String[] pool, long h) {
        return String.format(
                Locale.ROOT,
                pick(pool, h, 4),
                1 + (h >>> 12) % 99_999,
                100 + (h >>> 36) % 900,
                1 + (h >>> 46) % 99,
                1 + (h >>> 54) % 3);
    }

    private static String thread(long h) {
        return switch ((int) Math.floorMod(h >>> 56, 4)) {
            case 0 -> "scheduling-1";
            case 1 -> "kafka-consumer-" + (1 + (h >>> 60) % 3);
            default -> "http-nio-8080-exec-" + (1 + (h >>> 58) % 10);
        };
    }

    private static String logger(String app, long h) {
        String[] classes = {"web.ApiController", "service.OrderService", "repository.JdbcRepository", "Application"};
        return "c.a." + app.replace("-", "") + "." + pick(classes, h, 50);
    }

    private static String pick(String[] values, long h, int shift) {
        return values[index(h, shift, values.length)];
    }

    private static int index(long h, int shift, int size) {
        return (int) Math.floorMod(h >>> shift, size);
    }
}
