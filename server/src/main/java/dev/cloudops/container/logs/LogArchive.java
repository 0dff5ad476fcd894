package dev.cloudops.container.logs;

import dev.cloudops.platform.CloudOpsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;

/**
 * The files of saved logs: {@code <data-dir>/logs-archive/<yyyy>/<mm>/<uuid>.log.gz}. A log is compressed into a
 * temporary file next to its final place while it streams in and moved there only once complete, so a failure
 * leaves no file behind and a reader never sees half a snapshot.
 */
@Component
class LogArchive {

    /** What was written: the file (relative to the archive) and what the log held. */
    record Written(String path, long bytes, long compressedBytes, long lines, Instant firstTs, Instant lastTs) {}

    /** Where a log is being written until {@link #commit()} moves it into place. */
    final class Pending implements AutoCloseable {
        private final Path temp;
        private final Path target;
        private final String relative;
        private final GZIPOutputStream gzip;
        private final LogMeter meter;
        private boolean committed;

        private Pending(Instant at) throws IOException {
            ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
            String dir = String.format(Locale.ROOT, "%04d/%02d", utc.getYear(), utc.getMonthValue());
            String name = UUID.randomUUID() + ".log.gz";
            relative = dir + "/" + name;
            Path folder = Files.createDirectories(root.resolve(dir));
            target = folder.resolve(name);
            temp = folder.resolve(name + ".part");
            OutputStream file = Files.newOutputStream(temp);
            try {
                gzip = new GZIPOutputStream(file, 8192);
            } catch (IOException e) {
                file.close();
                Files.deleteIfExists(temp);
                throw e;
            }
            meter = new LogMeter(gzip);
        }

        /** The uncompressed log goes here. */
        OutputStream out() {
            return meter;
        }

        /** Finishes the file and moves it into place. */
        Written commit() throws IOException {
            meter.finish();
            gzip.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return new Written(relative, meter.bytes(), Files.size(target), meter.lines(), meter.first(), meter.last());
        }

        /** Removes the temporary file unless the log was committed. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                try {
                    gzip.close();
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    private final Path root;

    LogArchive(CloudOpsProperties properties) {
        this.root =
                properties.dataDir().resolve("logs-archive").toAbsolutePath().normalize();
    }

    /** Starts a new archive file for a log saved at {@code at}. */
    Pending begin(Instant at) throws IOException {
        return new Pending(at);
    }

    /** Compresses all of {@code in} into a new archive file. */
    Written write(InputStream in, Instant at) throws IOException {
        try (in;
                Pending pending = begin(at)) {
            LogService.copy(in, pending.out());
            return pending.commit();
        }
    }

    /** The stored gzip file of a snapshot. */
    Path file(String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Not an archive path: " + relative);
        }
        return file;
    }

    /** Deletes a snapshot's file; answers whether there was one. */
    boolean delete(String relative) throws IOException {
        return Files.deleteIfExists(file(relative));
    }
}
