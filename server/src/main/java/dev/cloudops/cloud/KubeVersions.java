package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes versions as clouds write them ({@code 1.30}, {@code v1.30.2}, {@code 1.30.2-eks-1234}). */
public final class KubeVersions {

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?([-+].*)?");

    private KubeVersions() {}

    /** {@code [major, minor, patch]}, patch -1 when absent; {@code 400 invalid-version} when not a version. */
    public static int[] parse(String version, String field) {
        Matcher m = version == null ? null : VERSION.matcher(version.trim());
        if (m == null || !m.matches()) {
            throw ApiException.badRequest(
                    "invalid-version", "'" + version + "' is not a Kubernetes version such as 1.30", field);
        }
        return new int[] {
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(3) == null ? -1 : Integer.parseInt(m.group(3))
        };
    }

    /**
     * Refuses a target lower than the current version ({@code 400 version-downgrade}) or equal to it ({@code 400
     * version-unchanged}); compares major and minor, and the patch when both name one.
     */
    public static void requireUpgrade(String current, String target, String field) {
        int[] to = parse(target, field);
        if (current == null) {
            return;
        }
        int[] from = parse(current, field);
        int cmp = compare(from, to);
        if (cmp > 0) {
            throw ApiException.badRequest(
                    "version-downgrade",
                    "Kubernetes cannot be downgraded: the cluster runs " + current + ", " + target + " is older",
                    field);
        }
        if (cmp == 0) {
            throw ApiException.badRequest(
                    "version-unchanged", "The cluster already runs " + current + "; nothing to upgrade", field);
        }
    }

    /** Minor versions between two versions of the same major (to - from). */
    public static int minorSteps(String from, String to) {
        int[] a = parse(from, "version");
        int[] b = parse(to, "version");
        return a[0] == b[0] ? b[1] - a[1] : Integer.MAX_VALUE;
    }

    private static int compare(int[] a, int[] b) {
        if (a[0] != b[0]) {
            return Integer.compare(a[0], b[0]);
        }
        if (a[1] != b[1]) {
            return Integer.compare(a[1], b[1]);
        }
        return a[2] < 0 || b[2] < 0 ? 0 : Integer.compare(a[2], b[2]);
    }
}
