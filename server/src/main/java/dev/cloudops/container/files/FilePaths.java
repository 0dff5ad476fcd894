package dev.cloudops.container.files;

import dev.cloudops.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside containers as callers give them: absolute, normalised ({@code //} and {@code .} dropped, {@code ..}
 * resolved textually and never above {@code /}), without NUL, at most {@value #MAX_PATH_BYTES} bytes and each name
 * at most {@value #MAX_NAME_BYTES} bytes (Linux's limits). Other characters, newlines included, are legal in file
 * names and kept.
 */
final class FilePaths {

    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_NAME_BYTES = 255;

    private FilePaths() {}

    /**
     * The normalised form of {@code raw}.
     *
     * @param field the request field named in the problem
     * @throws ApiException 400 {@code invalid-path}
     */
    static String normalize(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            throw invalid(field, "a path is required");
        }
        if (raw.indexOf('\0') >= 0) {
            throw invalid(field, "a path must not contain NUL characters");
        }
        if (raw.charAt(0) != '/') {
            throw invalid(field, "'" + abbreviate(raw) + "' is not absolute: paths start with /");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw invalid(field, "a path must be at most " + MAX_PATH_BYTES + " bytes");
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : raw.split("/", -1)) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                names.pollLast();
                continue;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw invalid(field, "a file name must be at most " + MAX_NAME_BYTES + " bytes");
            }
            names.addLast(name);
        }
        return names.isEmpty() ? "/" : "/" + String.join("/", names);
    }

    /** The directory holding {@code path} ({@code /} for {@code /} itself). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last name of {@code path}; empty for {@code /}. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code child} under {@code dir}. */
    static String join(String dir, String child) {
        return dir.equals("/") ? "/" + child : dir + "/" + child;
    }

    /** True when {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return ancestor.equals("/") || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    /** The deepest directory holding all of {@code paths} (normalised); {@code /} when they share nothing. */
    static String commonParent(java.util.List<String> paths) {
        String common = parent(paths.get(0));
        for (String path : paths) {
            while (!within(parent(path), common) || path.equals(common)) {
                common = parent(common);
                if (common.equals("/")) {
                    return common;
                }
            }
        }
        return common;
    }

    /** {@code path} relative to {@code ancestor}, which holds it and is not it. */
    static String relative(String path, String ancestor) {
        return ancestor.equals("/") ? path.substring(1) : path.substring(ancestor.length() + 1);
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    private static ApiException invalid(String field, String detail) {
        return ApiException.badRequest("invalid-path", detail, field);
    }
}
