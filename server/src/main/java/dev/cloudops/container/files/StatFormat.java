package dev.cloudops.container.files;

import dev.cloudops.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.http.HttpStatus;

/**
 * The {@code stat -c} format the file operations print, and its parser. GNU coreutils and BusyBox both implement
 * these fields. A record is {@code |mode|size|uid|gid|mtime|links|user|group|path\n}, for a symbolic link followed
 * by its target and a newline (from {@code readlink}); the link's size is its target's length, which tells where the
 * path ends even when both hold newlines.
 */
final class StatFormat {

    /** What follows the marker: the raw mode in hex first, the path last (it may contain anything but NUL). */
    static final String FIELDS = "|%f|%s|%u|%g|%Y|%h|%U|%G|%n";

    /** The record {@code stat -L} prints for what a link points to: {@code T|mode\n}. */
    static final String TARGET_FIELDS = "T|%f";

    private static final int S_IFMT = 0170000;

    private StatFormat() {}

    /** The {@code -c} argument for {@code stat}, with the call's marker. */
    static String format(String marker) {
        return marker + FIELDS;
    }

    static String targetFormat(String marker) {
        return marker + TARGET_FIELDS;
    }

    /** True for a record printed with {@link #targetFormat}. */
    static boolean isTarget(byte[] record) {
        return record.length >= 2 && record[0] == 'T' && record[1] == '|';
    }

    /** The type named by a {@link #targetFormat} record. */
    static String targetType(byte[] record) {
        String text = new String(record, StandardCharsets.US_ASCII).trim();
        return type(Integer.parseInt(text.substring(2), 16));
    }

    /** Parses one record (without its marker). */
    static FileEntry parse(byte[] record) {
        int[] bars = new int[9];
        int found = 0;
        for (int i = 0; i < record.length && found < bars.length; i++) {
            if (record[i] == '|') {
                bars[found++] = i;
            }
        }
        if (found < bars.length || record[0] != '|') {
            throw invalid();
        }
        try {
            int raw = Integer.parseInt(field(record, bars, 0), 16);
            long size = Long.parseLong(field(record, bars, 1));
            long uid = Long.parseLong(field(record, bars, 2));
            long gid = Long.parseLong(field(record, bars, 3));
            long mtime = Long.parseLong(field(record, bars, 4));
            long links = Long.parseLong(field(record, bars, 5));
            String user = owner(field(record, bars, 6));
            String group = owner(field(record, bars, 7));
            int from = bars[8] + 1;
            int to = record.length;
            if (to > from && record[to - 1] == '\n') {
                to--;
            }
            String type = type(raw);
            String target = null;
            if ("symlink".equals(type)) {
                int split = linkSplit(record, from, to, size);
                if (split >= 0) {
                    target = utf8(Arrays.copyOfRange(record, split + 1, to));
                    to = split;
                }
            }
            String path = utf8(Arrays.copyOfRange(record, from, to));
            return new FileEntry(
                    FilePaths.name(path),
                    path,
                    type,
                    size,
                    octal(raw),
                    permissions(raw),
                    uid,
                    user,
                    gid,
                    group,
                    Instant.ofEpochSecond(mtime),
                    links,
                    target,
                    null);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** Where the newline between a link's path and its target is; -1 when the target was not printed. */
    private static int linkSplit(byte[] record, int from, int to, long size) {
        int bySize = (int) (to - size - 1);
        if (size > 0 && bySize >= from && record[bySize] == '\n') {
            return bySize;
        }
        // Some links (in /proc) report size 0: fall back to the last newline.
        for (int i = to - 1; i >= from; i--) {
            if (record[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String type(int raw) {
        return switch (raw & S_IFMT) {
            case 0040000 -> "directory";
            case 0100000 -> "file";
            case 0120000 -> "symlink";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            case 0060000 -> "block-device";
            case 0020000 -> "char-device";
            default -> "unknown";
        };
    }

    /** {@code 0755}, {@code 4755}: the permission bits with set-ID and sticky bits, in octal. */
    static String octal(int raw) {
        return String.format("%04o", raw & 07777);
    }

    /** {@code -rwsr-xr-x} as {@code ls -l} shows it. */
    static String permissions(int raw) {
        char kind = switch (raw & S_IFMT) {
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            case 0060000 -> 'b';
            case 0020000 -> 'c';
            default -> '-';
        };
        StringBuilder s = new StringBuilder().append(kind);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = raw >> shift;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-');
            boolean x = (bits & 1) != 0;
            int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
            char set = shift == 0 ? 't' : 's';
            if ((raw & special) != 0) {
                s.append(x ? set : Character.toUpperCase(set));
            } else {
                s.append(x ? 'x' : '-');
            }
        }
        return s.toString();
    }

    private static String field(byte[] record, int[] bars, int i) {
        return new String(record, bars[i] + 1, bars[i + 1] - bars[i] - 1, StandardCharsets.UTF_8);
    }

    private static String owner(String name) {
        return name.isEmpty() || name.equals("UNKNOWN") ? null : name;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ApiException invalid() {
        return new ApiException(
                HttpStatus.BAD_GATEWAY,
                "file-output-invalid",
                "The container's stat printed something unexpected; is stat from GNU coreutils or BusyBox?");
    }
}
