package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log body stream: read-ahead with a bounded queue")
class LogBodyStreamTest {

    /** An HTTP body as fabric8's client hands it over: the consumer asks for chunks, the body says when it is done. */
    private static final class Body implements AsyncBody {
        final Semaphore demand = new Semaphore(0);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean cancelled;

        @Override
        public void consume() {
            demand.release();
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void cancel() {
            cancelled = true;
            done.cancel(false);
        }
    }

    private static List<ByteBuffer> chunk(int size, byte value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, value);
        return List.of(ByteBuffer.wrap(bytes));
    }

    @Test
    @DisplayName("keeps fetching up to the high-water mark, stops, and resumes once the reader drains below half")
    void backPressure() throws IOException {
        Body body = new Body();
        LogBodyStream stream = new LogBodyStream();
        stream.start(body);
        assertThat(body.demand.availablePermits()).isEqualTo(1);
        int chunk = 64 * 1024;
        int delivered = 0;
        while (body.demand.tryAcquire()) {
            stream.consume(chunk(chunk, (byte) 'x'), body);
            delivered += chunk;
        }
        assertThat(delivered).isEqualTo(LogBodyStream.HIGH_WATER);
        assertThat(stream.available()).isEqualTo(LogBodyStream.HIGH_WATER);

        byte[] buffer = new byte[chunk];
        int read = 0;
        while (LogBodyStream.HIGH_WATER - read >= LogBodyStream.LOW_WATER) {
            assertThat(body.demand.availablePermits()).isZero();
            read += stream.read(buffer, 0, buffer.length);
        }
        assertThat(body.demand.availablePermits())
                .as("resumed below the low-water mark")
                .isEqualTo(1);

        body.done.complete(null);
        long rest = stream.transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(read + rest).isEqualTo(delivered);
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    @DisplayName("a body that fails mid-way is an IOException once the bytes before it are read; close cancels it")
    void failureAndClose() throws IOException {
        Body body = new Body();
        LogBodyStream stream = new LogBodyStream();
        stream.start(body);
        stream.consume(List.of(ByteBuffer.wrap("partial".getBytes(StandardCharsets.UTF_8))), body);
        body.done.completeExceptionally(new IOException("connection reset"));
        assertThat(new String(stream.readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("partial");
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageContaining("connection reset");

        Body open = new Body();
        LogBodyStream other = new LogBodyStream();
        other.start(open);
        other.close();
        assertThat(open.cancelled).isTrue();
        other.consume(chunk(10, (byte) 'y'), open);
        assertThat(other.available()).isZero();
        assertThatThrownBy(other::read).isInstanceOf(IOException.class);
        other.close();
    }

    @Test
    @DisplayName(
            "a producer that honours demand and a slower reader move 32 MiB intact, the queue never past its bound")
    void concurrent() throws Exception {
        Body body = new Body();
        LogBodyStream stream = new LogBodyStream();
        long total = 32L << 20;
        int chunk = 8 * 1024;
        AtomicLong maxQueued = new AtomicLong();
        Thread producer = new Thread(() -> {
            long sent = 0;
            byte value = 0;
            try {
                while (sent < total) {
                    if (!body.demand.tryAcquire(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no demand");
                    }
                    stream.consume(chunk(chunk, value++), body);
                    maxQueued.accumulateAndGet(stream.available(), Math::max);
                    sent += chunk;
                }
                body.done.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stream.start(body);
        producer.start();
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[3_000];
        int n;
        long seen = 0;
        boolean ordered = true;
        while ((n = stream.read(buffer, 0, buffer.length)) >= 0) {
            for (int i = 0; i < n; i++) {
                ordered &= buffer[i] == (byte) ((seen + i) / chunk);
            }
            seen += n;
            out.reset();
        }
        producer.join();
        assertThat(seen).isEqualTo(total);
        assertThat(ordered).isTrue();
        assertThat(maxQueued.get()).isLessThanOrEqualTo(LogBodyStream.HIGH_WATER + chunk);
    }

    @Test
    @DisplayName("the log URL carries fabric8's parameters in fabric8's order")
    void logUrl() {
        var all = new LogOptions(10, null, Instant.parse("2026-01-02T03:04:05Z"), true, true, 4096, false);
        assertThat(KubeLogs.logUrl("https://k8s.example:6443/prefix", "shop", "web-1", "app", all))
                .isEqualTo("https://k8s.example:6443/prefix/api/v1/namespaces/shop/pods/web-1/log?pretty=false"
                        + "&container=app&previous=true&sinceTime=2026-01-02T03:04:05Z&tailLines=10&limitBytes=4096"
                        + "&timestamps=true");
        var since = new LogOptions(null, 60, null, false, false, null, false);
        assertThat(KubeLogs.logUrl("http://127.0.0.1:8080/", "a", "b", "c", since))
                .isEqualTo("http://127.0.0.1:8080/api/v1/namespaces/a/pods/b/log?pretty=false&container=c"
                        + "&sinceSeconds=60");
    }
}
