package dev.cloudops.kube;

import java.util.List;
import java.util.Locale;

/** One kind the API server serves, as discovery describes it. {@code group} is empty for the core group. */
public record ApiResourceInfo(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> verbs,
        List<String> shortNames) {

    public ApiResourceInfo {
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /**
     * True when {@code name} designates this kind the way kubectl accepts it: plural, singular, kind or short
     * name, case-insensitively, optionally qualified by the group ({@code deployments.apps}).
     */
    public boolean answersTo(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String suffix = "." + group;
        if (!group.isEmpty() && n.endsWith(suffix)) {
            n = n.substring(0, n.length() - suffix.length());
        }
        return n.equals(plural)
                || n.equals(singular)
                || n.equals(kind.toLowerCase(Locale.ROOT))
                || shortNames.contains(n);
    }
}
