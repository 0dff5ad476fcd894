package dev.cloudops.kube;

import java.util.List;
import java.util.Map;

/**
 * One pod with the containers whose logs can be read.
 *
 * @param pod the pod's name
 * @param containers regular containers first, then init and ephemeral containers
 * @param states what the pod's status says of each container that has a status, by container name
 */
public record LogSource(String pod, List<String> containers, Map<String, ContainerState> states) {

    public LogSource {
        containers = List.copyOf(containers);
        states = Map.copyOf(states);
    }

    public LogSource(String pod, List<String> containers) {
        this(pod, containers, Map.of());
    }

    /**
     * One container's runs as the kubelet reports them.
     *
     * @param restarts how often the container has been restarted ({@code restartCount})
     * @param lastTermination why its previous run ended, such as {@code Error (exit 1)} or {@code OOMKilled (exit
     *     137)}; null when it has not ended before
     * @param waiting why it is waiting now, such as {@code CrashLoopBackOff}; null when it is not
     */
    public record ContainerState(int restarts, String lastTermination, String waiting) {}
}
