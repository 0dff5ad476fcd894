package dev.cloudops.container.files;

import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.springframework.http.HttpStatus;

/**
 * Writes the archive that goes into the container, entry by entry, and refuses anything that could land outside the
 * target directory or is not plain data: names that are absolute, hold {@code ..} or NUL, or lead through a symbolic
 * link of the same archive; links whose target leaves the target directory (absolute targets included); hard links
 * to anything but an earlier file of the archive; devices, FIFOs and sparse files. Entries are rewritten rather than
 * copied: normalised names, permission bits without set-user-ID, set-group-ID or sticky bits, no owner (the
 * container's tar extracts as its own user).
 */
final class UploadArchive implements AutoCloseable {

    static final int MAX_ENTRIES = 100_000;

    private final TarArchiveOutputStream tar;
    private final long maxBytes;
    private final Set<String> symlinks = new HashSet<>();
    private final Set<String> files = new HashSet<>();
    private final Set<String> topLevel = new LinkedHashSet<>();
    private long bytes;
    private int fileCount;
    private int directoryCount;
    private int linkCount;
    private int entries;

    UploadArchive(OutputStream out, long maxBytes) {
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.maxBytes = maxBytes;
    }

    /** Adds an entry of an uploaded archive with its data; a {@code ./} root entry is skipped. */
    void add(TarArchiveEntry source, InputStream data, Runnable progress) throws IOException {
        String name = name(source.getName());
        if (name == null) {
            return;
        }
        if (source.isSparse() || source.isGNUSparse() || source.isPaxGNUSparse() || source.isStarSparse()) {
            throw unsafe(source.getName(), "sparse files are not supported");
        }
        if (source.isDirectory()) {
            directory(name, source.getMode(), source.getModTime().getTime());
        } else if (source.isSymbolicLink()) {
            symlink(name, source.getLinkName(), source.getModTime().getTime());
        } else if (source.isLink()) {
            hardLink(name, source.getLinkName());
        } else if (isRegular(source.getLinkFlag())) {
            file(name, source.getSize(), source.getMode(), source.getModTime().getTime(), data, progress);
        } else {
            throw unsafe(source.getName(), "only files, directories and links are uploaded, not devices or FIFOs");
        }
    }

    void directory(String name, int mode, long mtime) throws IOException {
        checkPlace(name);
        TarArchiveEntry entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR, false);
        entry.setMode(040000 | permissions(mode, 0755));
        entry.setModTime(mtime);
        put(entry);
        directoryCount++;
    }

    void symlink(String name, String target, long mtime) throws IOException {
        checkPlace(name);
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw unsafe(name, "a symbolic link needs a target without NUL");
        }
        if (target.startsWith("/") || escapes(FilePaths.parent("/" + name) + "/" + target)) {
            throw unsafe(
                    name,
                    "its link target '" + FilePaths.abbreviate(target) + "' leads out of the target" + " directory");
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, false);
        entry.setLinkName(target);
        entry.setMode(0120777);
        entry.setModTime(mtime);
        put(entry);
        symlinks.add(name);
        linkCount++;
    }

    void hardLink(String name, String target) throws IOException {
        checkPlace(name);
        String to = target == null ? null : name(target);
        if (to == null || !files.contains(to)) {
            throw unsafe(name, "a hard link may only point to an earlier file of the same archive");
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, false);
        entry.setLinkName(to);
        put(entry);
        linkCount++;
    }

    void file(String name, long size, int mode, long mtime, InputStream data, Runnable progress) throws IOException {
        checkPlace(name);
        if (size < 0 || bytes + size > maxBytes) {
            throw tooLarge(maxBytes);
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, false);
        entry.setSize(size);
        entry.setMode(0100000 | permissions(mode, 0644));
        entry.setModTime(mtime);
        tar.putArchiveEntry(entry);
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        long sinceProgress = 0;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw ApiException.badRequest(
                        "malformed-archive", "The upload ended inside '" + FilePaths.abbreviate(name) + "'", "body");
            }
            tar.write(buffer, 0, n);
            left -= n;
            sinceProgress += n;
            if (sinceProgress >= 1 << 20) {
                progress.run();
                sinceProgress = 0;
            }
        }
        tar.closeArchiveEntry();
        bytes += size;
        files.add(name);
        fileCount++;
    }

    /** Writes the archive's end blocks. */
    void finish() throws IOException {
        tar.finish();
    }

    long bytes() {
        return bytes;
    }

    int files() {
        return fileCount;
    }

    int directories() {
        return directoryCount;
    }

    int links() {
        return linkCount;
    }

    /** The names at the top of the archive, in order. */
    Set<String> topLevel() {
        return topLevel;
    }

    @Override
    public void close() {
        // The underlying stream belongs to the caller.
    }

    /**
     * The entry name normalised ({@code ./}, {@code .} and empty names dropped, no trailing /); null for the root
     * entry itself.
     *
     * @throws ApiException 400 unsafe-archive-entry for absolute names, {@code ..}, NUL and over-long names
     */
    static String name(String raw) {
        if (raw == null || raw.indexOf('\0') >= 0) {
            throw unsafe(raw == null ? "" : raw.replace('\0', '?'), "entry names must not contain NUL");
        }
        if (raw.startsWith("/")) {
            throw unsafe(raw, "absolute entry names are refused");
        }
        Deque<String> names = new ArrayDeque<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw unsafe(raw, "entry names must not contain ..");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > FilePaths.MAX_NAME_BYTES) {
                throw unsafe(raw, "a file name is longer than " + FilePaths.MAX_NAME_BYTES + " bytes");
            }
            names.addLast(part);
        }
        if (names.isEmpty()) {
            return null;
        }
        String name = String.join("/", names);
        if (name.getBytes(StandardCharsets.UTF_8).length > FilePaths.MAX_PATH_BYTES - 256) {
            throw unsafe(raw, "the entry name is too long");
        }
        return name;
    }

    private void checkPlace(String name) {
        if (++entries > MAX_ENTRIES) {
            throw ApiException.badRequest(
                    "malformed-archive", "An upload holds at most " + MAX_ENTRIES + " entries", "body");
        }
        if (symlinks.contains(name)) {
            throw unsafe(name, "it replaces a symbolic link of the same archive");
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            if (symlinks.contains(name.substring(0, slash))) {
                throw unsafe(name, "it lies under a symbolic link of the same archive");
            }
        }
        int slash = name.indexOf('/');
        topLevel.add(slash < 0 ? name : name.substring(0, slash));
    }

    /** Writes an entry without data. */
    private void put(TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Regular files: {@code 0}, old-style NUL and contiguous files; every other type flag is refused. */
    private static boolean isRegular(byte flag) {
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    /** True when the textual path (absolute, rooted at the target directory) climbs above its root. */
    private static boolean escapes(String path) {
        int depth = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            depth += part.equals("..") ? -1 : 1;
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    private static int permissions(int mode, int fallback) {
        int bits = mode & 0777;
        return bits == 0 && mode == 0 ? fallback : bits;
    }

    static ApiException unsafe(String name, String why) {
        return ApiException.badRequest(
                "unsafe-archive-entry",
                "Archive entry '" + FilePaths.abbreviate(name) + "' refused: " + why + ". Nothing was written.",
                "body");
    }

    static ApiException tooLarge(long max) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large",
                "The upload is larger than " + max + " bytes (cloudops.files.max-upload-bytes). Nothing was written.",
                "body");
    }
}
