package dev.cloudops.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the API server's discovery documents into {@link ApiResourceInfo}s, preferred versions first. */
final class Discovery {

    private Discovery() {}

    static List<ApiResourceInfo> read(KubernetesClient client) {
        List<ApiResourceInfo> out = new ArrayList<>();
        add(out, "", "v1", client.getApiResources("v1"));
        APIGroupList groups = client.getApiGroups();
        if (groups == null || groups.getGroups() == null) {
            return out;
        }
        for (APIGroup group : groups.getGroups()) {
            String preferred = group.getPreferredVersion() == null
                    ? null
                    : group.getPreferredVersion().getVersion();
            List<GroupVersionForDiscovery> versions = new ArrayList<>(group.getVersions());
            versions.sort((a, b) -> Boolean.compare(
                    !a.getVersion().equals(preferred), !b.getVersion().equals(preferred)));
            for (GroupVersionForDiscovery gv : versions) {
                add(out, group.getName(), gv.getVersion(), client.getApiResources(gv.getGroupVersion()));
            }
        }
        return out;
    }

    private static void add(List<ApiResourceInfo> out, String group, String version, APIResourceList list) {
        if (list == null || list.getResources() == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            if (r.getName().contains("/")) {
                continue; // subresources such as pods/log
            }
            String singular = r.getSingularName() == null || r.getSingularName().isEmpty()
                    ? r.getKind().toLowerCase(Locale.ROOT)
                    : r.getSingularName();
            out.add(new ApiResourceInfo(
                    group,
                    version,
                    r.getKind(),
                    r.getName(),
                    singular,
                    Boolean.TRUE.equals(r.getNamespaced()),
                    r.getVerbs(),
                    r.getShortNames()));
        }
    }
}
