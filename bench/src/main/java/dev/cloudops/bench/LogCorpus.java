package dev.cloudops.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A deterministic container log for the log-search benchmark: realistic application lines (Spring-style level,
 * thread, logger, message with ids, durations and trace ids), each prefixed, in the timestamped variant, with an
 * RFC 3339 timestamp with nanoseconds as the kubelet writes it (Go's {@code RFC3339Nano}: trailing zeros of the
 * fraction dropped). About {@link #MATCH_PERCENT} % of the lines match {@link #REGEX}; the others never do, though
 * many share its words ({@code ERROR} lines with other messages, {@code WARN} lines that time out).
 *
 * <p>{@code REGEX} means the same in {@code grep -E} and in Java, and cannot match inside a timestamp, so grep
 * over the log with or without timestamps and CloudOps' search over the timestamped log count the same lines.
 */
public final class LogCorpus {

    /** The pattern both sides search for. */
    public static final String REGEX = "ERROR .*(timed out|connection refused)";

    /** Share of matching lines, in percent. */
    public static final double MATCH_PERCENT = 1.2;

    private static final Pattern COMPILED = Pattern.compile(REGEX);

    /** The log as one block: with and without timestamps, and how many lines it has and how many match. */
    public record Log(byte[] timestamped, byte[] plain, long lines, long matches) {}

    private static final String[] THREADS = {
        "http-nio-8080-exec-1",
        "http-nio-8080-exec-7",
        "http-nio-8080-exec-12",
        "scheduling-1",
        "kafka-consumer-3",
        "HikariPool-1 housekeeper",
        "reactor-http-epoll-2"
    };
    private static final String[] LOGGERS = {
        "d.c.shop.checkout.CheckoutController",
        "d.c.shop.cart.CartService",
        "d.c.shop.payment.PaymentClient",
        "d.c.shop.inventory.StockReservations",
        "o.s.web.servlet.DispatcherServlet",
        "c.zaxxer.hikari.pool.HikariPool"
    };
    private static final String[] PATHS = {
        "/api/v2/carts/{id}/items", "/api/v2/orders/{id}", "/api/v2/checkout", "/healthz", "/api/v2/products/{id}"
    };
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1"};

    private final SplittableRandom random;
    private final long matchPermille;
    private long epochSecond;
    private long nanos;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";

    /** A generator starting at {@code start}, the same lines for the same seed. */
    public LogCorpus(long seed, Instant start) {
        this.random = new SplittableRandom(seed);
        this.matchPermille = Math.round(MATCH_PERCENT * 10);
        this.epochSecond = start.getEpochSecond();
        this.nanos = start.getNano();
    }

    /** True when the line (with or without its timestamp) matches {@link #REGEX}, as grep would decide. */
    public static boolean matches(CharSequence line) {
        return COMPILED.matcher(line).find();
    }

    /** Builds a log of at least {@code bytes} bytes (timestamped variant), whole lines only. */
    public static Log build(long bytes, long seed, Instant start) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE - 64 * 1024) {
            throw new IllegalArgumentException("log size must be between 1 byte and 2 GB");
        }
        LogCorpus corpus = new LogCorpus(seed, start);
        ByteArrayOutputStream timestamped = new ByteArrayOutputStream((int) bytes + 4096);
        ByteArrayOutputStream plain = new ByteArrayOutputStream((int) bytes);
        long lines = 0;
        long matches = 0;
        StringBuilder sb = new StringBuilder(512);
        while (timestamped.size() < bytes) {
            sb.setLength(0);
            boolean match = corpus.next(sb);
            int textStart = sb.indexOf(" ") + 1;
            byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
            timestamped.write(line, 0, line.length);
            plain.write(line, textStart, line.length - textStart);
            lines++;
            if (match) {
                matches++;
            }
        }
        return new Log(timestamped.toByteArray(), plain.toByteArray(), lines, matches);
    }

    /**
     * Appends the next line, timestamp first, with its {@code \n}, and says whether it matches {@link #REGEX}.
     * The line's text (after the timestamp and its space) matches exactly when this returns true.
     */
    public boolean next(StringBuilder out) {
        nanos += 1_000 + random.nextLong(2_000_000);
        if (nanos >= 1_000_000_000L) {
            epochSecond += nanos / 1_000_000_000L;
            nanos %= 1_000_000_000L;
        }
        timestamp(out);
        out.append(' ');
        int kind = random.nextInt(1000);
        boolean match = kind < matchPermille;
        String thread = THREADS[random.nextInt(THREADS.length)];
        String trace = hex(32);
        String span = hex(16);
        if (match) {
            line(out, "ERROR", thread, LOGGERS[2 + random.nextInt(2)]);
            if (random.nextBoolean()) {
                out.append("call to payment-gateway.payments.svc:8443 POST /v1/authorizations timed out after ")
                        .append(1000 + random.nextInt(29_000))
                        .append(" ms (attempt ")
                        .append(1 + random.nextInt(3))
                        .append(" of 3)");
            } else {
                out.append("I/O error on GET request for \"http://inventory.shop.svc:8080/api/stock/")
                        .append(sku())
                        .append("\": connection refused");
            }
        } else if (kind < matchPermille + 15) {
            line(out, "ERROR", thread, LOGGERS[2]);
            out.append("payment declined for order ")
                    .append(id())
                    .append(": card_declined (insufficient_funds), amount=")
                    .append(random.nextInt(50_000) / 100.0)
                    .append(" EUR");
        } else if (kind < matchPermille + 60) {
            line(out, "WARN ", thread, LOGGERS[5]);
            out.append("request to inventory.shop.svc timed out after ")
                    .append(200 + random.nextInt(800))
                    .append(" ms, retrying (attempt 1 of 3)");
        } else if (kind < matchPermille + 200) {
            line(out, "DEBUG", thread, LOGGERS[1]);
            out.append("cart ")
                    .append(id())
                    .append(" updated: items=")
                    .append(1 + random.nextInt(12))
                    .append(" sku=")
                    .append(sku())
                    .append(" qty=")
                    .append(1 + random.nextInt(4))
                    .append(" reservation=")
                    .append(hex(12));
        } else {
            line(out, "INFO ", thread, LOGGERS[random.nextBoolean() ? 0 : 4]);
            String path = PATHS[random.nextInt(PATHS.length)].replace("{id}", id());
            out.append(random.nextInt(4) == 0 ? "POST " : "GET ")
                    .append(path)
                    .append(" status=")
                    .append(random.nextInt(20) == 0 ? 404 : 200)
                    .append(" bytes=")
                    .append(random.nextInt(40_000))
                    .append(" duration=")
                    .append(1 + random.nextInt(250))
                    .append("ms");
        }
        out.append(" traceId=")
                .append(trace)
                .append(" spanId=")
                .append(span)
                .append(" user=u-")
                .append(10_000 + random.nextInt(90_000))
                .append(" region=")
                .append(REGIONS[random.nextInt(REGIONS.length)])
                .append('\n');
        return match;
    }

    private void line(StringBuilder out, String level, String thread, String logger) {
        out.append(level)
                .append(" 1 --- [")
                .append(thread)
                .append("] ")
                .append(logger)
                .append(" : ");
    }

    /** The current time as Go's RFC3339Nano in UTC: {@code 2026-11-24T20:34:50.12345Z}. */
    private void timestamp(StringBuilder out) {
        if (epochSecond != cachedSecond) {
            cachedSecond = epochSecond;
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            cachedPrefix = String.format(
                    Locale.ROOT,
                    "%04d-%02d-%02dT%02d:%02d:%02d",
                    t.getYear(),
                    t.getMonthValue(),
                    t.getDayOfMonth(),
                    t.getHour(),
                    t.getMinute(),
                    t.getSecond());
        }
        out.append(cachedPrefix);
        if (nanos != 0) {
            String fraction = Long.toString(1_000_000_000L + nanos).substring(1);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        out.append('Z');
    }

    private String id() {
        return Long.toString(100_000 + random.nextInt(900_000));
    }

    private String sku() {
        return "SKU-" + (char) ('A' + random.nextInt(26)) + random.nextInt(100_000);
    }

    private String hex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        while (sb.length() < digits) {
            sb.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        }
        return sb.substring(0, digits);
    }
}
