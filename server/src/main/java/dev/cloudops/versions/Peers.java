package dev.cloudops.versions;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.resource.ResourceService;
import org.springframework.stereotype.Component;

/** The services of other features that version control works through. */
@Component
record Peers(ClusterService clusters, ResourceService resources, KubeResources kube, AccessPolicy access) {}
