package dev.cloudops.kube;

/**
 * The container runtime refused to start a command (no such executable, permission denied ...), as reported by
 * the kubelet's status frame; the process never ran.
 */
public class ExecFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExecFailedException(String message) {
        super(message);
    }
}
