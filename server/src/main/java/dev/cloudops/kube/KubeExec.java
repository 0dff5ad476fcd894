package dev.cloudops.kube;

import dev.cloudops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.TtyExecErrorChannelable;
import io.fabric8.kubernetes.client.dsl.TtyExecErrorable;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Starts processes in containers through the exec subresource. Only argv arrays are sent: nothing here ever
 * builds a shell command line.
 */
@Service
public class KubeExec {

    private final ClusterConnections connections;

    KubeExec(ClusterConnections connections) {
        this.connections = connections;
    }

    /**
     * Requires the container to exist in the pod and to be running now.
     *
     * @throws ApiException 404 {@code kube-not-found} (pod), 404 {@code container-not-found}, 409
     *     {@code container-not-running}
     */
    public void requireRunning(ContainerRef ref) {
        ClusterConnection c = connections.connection(ref.clusterId());
        Pod pod = c.call(
                "get",
                () -> c.client
                        .pods()
                        .inNamespace(ref.namespace())
                        .withName(ref.pod())
                        .get());
        if (pod == null) {
            throw ApiException.notFound("kube-not-found", "Pod " + ref.namespace() + "/" + ref.pod() + " not found");
        }
        List<String> names = containerNames(pod);
        if (!names.contains(ref.container())) {
            throw ApiException.notFound(
                    "container-not-found",
                    "Pod " + ref.namespace() + "/" + ref.pod() + " has no container " + ref.container() + "; it has "
                            + names);
        }
        boolean running = statuses(pod)
                .anyMatch(s -> ref.container().equals(s.getName())
                        && s.getState() != null
                        && s.getState().getRunning() != null);
        if (!running) {
            throw new ApiException(
                    org.springframework.http.HttpStatus.CONFLICT,
                    "container-not-running",
                    "Container " + ref.path() + " is not running");
        }
    }

    /**
     * Starts {@code argv} in the container.
     *
     * @param stdin whether the process gets a standard input
     * @param tty whether it runs on a terminal (standard error then goes to standard output)
     */
    public ContainerProcess start(ContainerRef ref, List<String> argv, boolean stdin, boolean tty) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        ClusterConnection c = connections.connection(ref.clusterId());
        return c.call("exec", () -> {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            ContainerResource target = c.client
                    .pods()
                    .inNamespace(ref.namespace())
                    .withName(ref.pod())
                    .inContainer(ref.container());
            TtyExecOutputErrorable withInput = stdin ? target.redirectingInput() : target;
            TtyExecErrorable withOutput = withInput.redirectingOutput();
            TtyExecErrorChannelable withError = tty ? withOutput : withOutput.redirectingError();
            var listened = (tty ? withError.withTTY() : withError).usingListener(new ExitListener(exit));
            ExecWatch watch = listened.exec(argv.toArray(String[]::new));
            return new WatchedProcess(watch, exit, stdin, tty);
        });
    }

    private static List<String> containerNames(Pod pod) {
        List<String> names = new ArrayList<>();
        if (pod.getSpec() != null) {
            pod.getSpec().getContainers().forEach(k -> names.add(k.getName()));
            pod.getSpec().getInitContainers().forEach(k -> names.add(k.getName()));
            pod.getSpec().getEphemeralContainers().forEach(k -> names.add(k.getName()));
        }
        return names;
    }

    private static Stream<ContainerStatus> statuses(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.of(
                        pod.getStatus().getContainerStatuses(),
                        pod.getStatus().getInitContainerStatuses(),
                        pod.getStatus().getEphemeralContainerStatuses())
                .flatMap(List::stream);
    }

    /** Turns the kubelet's status frame into an exit code, or into the reason the command never started. */
    private record ExitListener(CompletableFuture<Integer> exit) implements ExecListener {

        @Override
        public void onExit(int code, Status status) {
            boolean ran = code >= 0
                    || status == null
                    || "Success".equals(status.getStatus())
                    || "NonZeroExitCode".equals(status.getReason());
            if (ran) {
                exit.complete(code);
            } else {
                exit.completeExceptionally(new ExecFailedException(
                        status.getMessage() == null ? String.valueOf(status.getReason()) : status.getMessage()));
            }
        }

        @Override
        public void onFailure(Throwable t, Response failureResponse) {
            exit.completeExceptionally(t);
        }

        @Override
        public void onClose(int code, String reason) {
            exit.complete(ContainerProcess.NO_EXIT_CODE);
        }
    }

    private record WatchedProcess(ExecWatch watch, CompletableFuture<Integer> exit, boolean hasStdin, boolean tty)
            implements ContainerProcess {

        @Override
        public OutputStream stdin() {
            if (!hasStdin) {
                throw new IllegalStateException("started without standard input");
            }
            return watch.getInput();
        }

        @Override
        public InputStream stdout() {
            return watch.getOutput();
        }

        @Override
        public InputStream stderr() {
            return tty ? InputStream.nullInputStream() : watch.getError();
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            return exit;
        }

        @Override
        public void resize(int columns, int rows) {
            if (tty) {
                watch.resize(columns, rows);
            }
        }

        @Override
        public void close() {
            watch.close();
        }
    }
}
