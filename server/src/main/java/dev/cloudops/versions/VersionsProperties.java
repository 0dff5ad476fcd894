package dev.cloudops.versions;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of YAML version control ({@code cloudops.versions.*}).
 *
 * @param autoTrack kinds whose objects are tracked without being asked, as kubectl names them; Secrets may not be
 *     among them (their values are only ever tracked on request, and sealed)
 * @param autoTrackCustomResources also track every object of every CRD-defined kind
 * @param excludedNamespaces namespaces whose objects are never tracked automatically
 * @param observe watch the tracked kinds, so changes made outside the platform become versions
 * @param watchInterval how often each replica checks its watches (new clusters, new CRDs, reconnects)
 * @param attributionWindow a change first seen by watch and then reported by the platform within this time is
 *     credited to the platform's user
 */
@ConfigurationProperties("cloudops.versions")
public record VersionsProperties(
        @DefaultValue({
            "deployments.apps",
            "statefulsets.apps",
            "daemonsets.apps",
            "cronjobs.batch",
            "jobs.batch",
            "services",
            "ingresses.networking.k8s.io",
            "configmaps"
        })
        List<String> autoTrack,

        @DefaultValue("true") boolean autoTrackCustomResources,

        @DefaultValue({"kube-system", "kube-public", "kube-node-lease"})
        List<String> excludedNamespaces,

        @DefaultValue("true") boolean observe,
        @DefaultValue("30s") Duration watchInterval,
        @DefaultValue("2m") Duration attributionWindow) {

    public VersionsProperties {
        autoTrack = List.copyOf(autoTrack);
        excludedNamespaces = List.copyOf(excludedNamespaces);
        for (String kind : autoTrack) {
            String k = kind.toLowerCase(Locale.ROOT);
            if (k.equals("secret") || k.equals("secrets") || k.startsWith("secrets.") || k.equals("secret.")) {
                throw new IllegalArgumentException("cloudops.versions.auto-track may not name secrets: Secret values"
                        + " are only tracked on request, and sealed");
            }
        }
    }
}
