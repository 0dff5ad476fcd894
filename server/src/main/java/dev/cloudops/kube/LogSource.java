package dev.cloudops.kube;

import java.util.List;

/**
 * One pod with the containers whose logs can be read.
 *
 * @param pod the pod's name
 * @param containers regular containers first, then init and ephemeral containers
 */
public record LogSource(String pod, List<String> containers) {}
