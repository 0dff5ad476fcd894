package dev.cloudops.kube;

import dev.cloudops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Container logs, streamed: the pods and containers that have logs, and the log text of one container as an
 * {@link InputStream} the caller must close. Errors are translated when the stream is opened, so a caller can
 * still answer a problem before it writes anything.
 */
@Service
public class KubeLogs {

    private final ClusterConnections connections;

    KubeLogs(ClusterConnections connections) {
        this.connections = connections;
    }

    /** The containers of one pod; 404 {@code kube-not-found} when the pod does not exist. */
    public LogSource pod(long clusterId, String namespace, String pod) {
        ClusterConnection c = connections.connection(clusterId);
        Pod found = c.call(
                "get",
                () -> c.client.pods().inNamespace(namespace).withName(pod).get());
        if (found == null) {
            throw ApiException.notFound("kube-not-found", "Pod " + namespace + "/" + pod + " not found");
        }
        return source(found);
    }

    /**
     * Pods matching a label selector, at most {@code max} of them.
     *
     * @throws ApiException 400 {@code too-many-sources} beyond {@code max}
     */
    public List<LogSource> pods(long clusterId, String namespace, String labelSelector, int max) {
        ClusterConnection c = connections.connection(clusterId);
        PodList list = c.call(
                "list",
                () -> c.client
                        .pods()
                        .inNamespace(namespace)
                        .list(new ListOptionsBuilder()
                                .withLabelSelector(labelSelector)
                                .withLimit((long) max + 1)
                                .build()));
        if (list.getItems().size() > max) {
            throw ApiException.badRequest(
                    "too-many-sources",
                    "More than " + max + " pods match '" + labelSelector + "'; narrow the selector",
                    "labelSelector");
        }
        return list.getItems().stream().map(KubeLogs::source).toList();
    }

    /**
     * The label selector of a workload ({@code deployments}, {@code statefulsets}, {@code daemonsets},
     * {@code replicasets} or {@code jobs}), as a selector string.
     */
    public String workloadSelector(long clusterId, String namespace, String kind, String name) {
        ClusterConnection c = connections.connection(clusterId);
        String plural = kind.toLowerCase(Locale.ROOT);
        LabelSelector selector = c.call("get", () -> switch (plural) {
            case "deployments", "deployment", "deploy" -> {
                var d = c.client
                        .apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                yield d == null ? null : d.getSpec().getSelector();
            }
            case "statefulsets", "statefulset", "sts" -> {
                var s = c.client
                        .apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                yield s == null ? null : s.getSpec().getSelector();
            }
            case "daemonsets", "daemonset", "ds" -> {
                var d = c.client
                        .apps()
                        .daemonSets()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                yield d == null ? null : d.getSpec().getSelector();
            }
            case "replicasets", "replicaset", "rs" -> {
                var r = c.client
                        .apps()
                        .replicaSets()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                yield r == null ? null : r.getSpec().getSelector();
            }
            case "jobs", "job" -> {
                var j = c.client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                yield j == null ? null : j.getSpec().getSelector();
            }
            default ->
                throw ApiException.badRequest(
                        "invalid-workload",
                        "workload must be deployments, statefulsets, daemonsets, replicasets or jobs/<name>",
                        "workload");
        });
        if (selector == null) {
            throw ApiException.notFound("kube-not-found", kind + " " + namespace + "/" + name + " not found");
        }
        return selectorString(selector);
    }

    /**
     * Opens one container's log. Follows it when {@code options.follow()}; the stream then ends when the
     * container stops or the API server closes the connection.
     *
     * @throws ApiException 409 {@code container-not-ready} when the API server refuses (waiting container, no
     *     previous run), 404 {@code kube-not-found} for an unknown pod
     */
    public InputStream open(long clusterId, String namespace, String pod, String container, LogOptions options) {
        ClusterConnection c = connections.connection(clusterId);
        return c.call(options.follow() ? "follow" : "logs", () -> {
            try {
                if (!options.follow()) {
                    return read(c, namespace, pod, container, options);
                }
                LogWatch watch = configured(
                                c.client
                                        .pods()
                                        .inNamespace(namespace)
                                        .withName(pod)
                                        .inContainer(container)
                                        .withReadyWaitTimeout(0),
                                options)
                        .watchLog();
                return new FilterInputStream(watch.getOutput()) {
                    @Override
                    public void close() throws IOException {
                        watch.close();
                        super.close();
                    }
                };
            } catch (KubernetesClientException e) {
                if (e.getCode() == 400) {
                    throw new ApiException(
                            HttpStatus.CONFLICT,
                            "container-not-ready",
                            "No log of container " + container + " in pod " + namespace + "/" + pod + ": "
                                    + (e.getStatus() != null && e.getStatus().getMessage() != null
                                            ? e.getStatus().getMessage()
                                            : KubeErrors.rootMessage(e)));
                }
                throw e;
            }
        });
    }

    /**
     * Reads a log without following it, through {@link LogBodyStream} rather than fabric8's log stream (see there
     * why). The query is the one fabric8 sends, parameter for parameter; an error answer becomes the
     * {@link KubernetesClientException} fabric8 would have thrown, so it is translated the same way.
     */
    private static InputStream read(
            ClusterConnection c, String namespace, String pod, String container, LogOptions options) {
        HttpClient http = c.client.getHttpClient();
        int timeout = c.client.getConfiguration().getRequestTimeout();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(logUrl(c.client.getMasterUrl().toString(), namespace, pod, container, options))
                .timeout(timeout, TimeUnit.MILLISECONDS)
                .build();
        LogBodyStream stream = new LogBodyStream();
        HttpResponse<AsyncBody> response;
        try {
            response = http.consumeBytes(request, stream).get(timeout + 5_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        } catch (TimeoutException e) {
            throw new KubernetesClientException("No answer from the API server within " + timeout + " ms", e);
        }
        stream.start(response.body());
        if (response.isSuccessful()) {
            return stream;
        }
        String answer;
        try {
            answer = new String(stream.readSmall(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            answer = "";
        }
        throw OperationSupport.requestFailure(request, status(c, response.code(), answer));
    }

    /** The API server's Status in an error answer, or one made up from the status code and text. */
    private static Status status(ClusterConnection c, int code, String answer) {
        if (answer.startsWith("{")) {
            try {
                Status status = c.client.getKubernetesSerialization().unmarshal(answer, Status.class);
                if (status != null && status.getCode() != null) {
                    return status;
                }
            } catch (RuntimeException e) {
                // not a Status after all
            }
        }
        return OperationSupport.createStatus(code, answer);
    }

    /** The URL of a container's log; the parameters in fabric8's order ({@code PodOperationContext}). */
    static String logUrl(String masterUrl, String namespace, String pod, String container, LogOptions o) {
        StringBuilder url = new StringBuilder(masterUrl);
        if (url.charAt(url.length() - 1) != '/') {
            url.append('/');
        }
        url.append("api/v1/namespaces/")
                .append(encode(namespace))
                .append("/pods/")
                .append(encode(pod))
                .append("/log?pretty=false&container=")
                .append(encode(container));
        if (o.previous()) {
            url.append("&previous=true");
        }
        if (o.sinceSeconds() != null) {
            url.append("&sinceSeconds=").append(o.sinceSeconds());
        } else if (o.sinceTime() != null) {
            url.append("&sinceTime=").append(encode(o.sinceTime().toString()).replace("%3A", ":"));
        }
        if (o.tailLines() != null) {
            url.append("&tailLines=").append(o.tailLines());
        }
        if (o.limitBytes() != null) {
            url.append("&limitBytes=").append(o.limitBytes());
        }
        if (o.timestamps()) {
            url.append("&timestamps=true");
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /*
     * The fluent DSL narrows its type after each option (limitBytes and terminated both return a type that
     * offers neither), although every step returns the same full operation; hence the casts back.
     */
    private static ContainerResource configured(ContainerResource target, LogOptions o) {
        ContainerResource t = target;
        if (o.timestamps()) {
            t = (ContainerResource) t.usingTimestamps();
        }
        if (o.limitBytes() != null) {
            t = (ContainerResource) t.limitBytes(o.limitBytes());
        }
        if (o.previous()) {
            t = (ContainerResource) t.terminated();
        }
        if (o.sinceTime() != null) {
            t = (ContainerResource) t.sinceTime(o.sinceTime().toString());
        } else if (o.sinceSeconds() != null) {
            t = (ContainerResource) t.sinceSeconds(o.sinceSeconds());
        }
        if (o.tailLines() != null) {
            t = (ContainerResource) t.tailingLines(o.tailLines());
        }
        return t;
    }

    private static LogSource source(Pod pod) {
        List<String> names = new ArrayList<>();
        var spec = pod.getSpec();
        if (spec != null) {
            spec.getContainers().stream().map(Container::getName).forEach(names::add);
            spec.getInitContainers().stream().map(Container::getName).forEach(names::add);
            spec.getEphemeralContainers().stream()
                    .map(EphemeralContainer::getName)
                    .forEach(names::add);
        }
        Map<String, LogSource.ContainerState> states = new HashMap<>();
        var status = pod.getStatus();
        if (status != null) {
            for (var list : List.of(
                    status.getContainerStatuses(),
                    status.getInitContainerStatuses(),
                    status.getEphemeralContainerStatuses())) {
                for (ContainerStatus s : list) {
                    if (s.getName() != null) {
                        states.put(s.getName(), state(s));
                    }
                }
            }
        }
        return new LogSource(pod.getMetadata().getName(), names, states);
    }

    private static LogSource.ContainerState state(ContainerStatus s) {
        String last = null;
        if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
            var t = s.getLastState().getTerminated();
            last = (t.getReason() == null ? "Terminated" : t.getReason())
                    + (t.getExitCode() == null ? "" : " (exit " + t.getExitCode() + ")");
        }
        String waiting = s.getState() != null && s.getState().getWaiting() != null
                ? s.getState().getWaiting().getReason()
                : null;
        return new LogSource.ContainerState(s.getRestartCount() == null ? 0 : s.getRestartCount(), last, waiting);
    }

    /** Checks that a namespace exists; 404 {@code kube-not-found} when it does not. */
    public void requireNamespace(long clusterId, String namespace) {
        ClusterConnection c = connections.connection(clusterId);
        var found =
                c.call("get", () -> c.client.namespaces().withName(namespace).get());
        if (found == null) {
            throw ApiException.notFound("kube-not-found", "Namespace " + namespace + " not found");
        }
    }

    static String selectorString(LabelSelector selector) {
        StringJoiner parts = new StringJoiner(",");
        Map<String, String> labels = selector.getMatchLabels();
        if (labels != null) {
            labels.forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String values = "(" + String.join(",", r.getValues()) + ")";
                switch (r.getOperator()) {
                    case "In" -> parts.add(r.getKey() + " in " + values);
                    case "NotIn" -> parts.add(r.getKey() + " notin " + values);
                    case "Exists" -> parts.add(r.getKey());
                    case "DoesNotExist" -> parts.add("!" + r.getKey());
                    default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
                }
            }
        }
        return parts.toString();
    }
}
