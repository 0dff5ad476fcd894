package dev.cloudops.container.logs;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.KubeLogs;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.LogOptions;
import dev.cloudops.kube.LogSource;
import dev.cloudops.kube.selector.InvalidSelectorException;
import dev.cloudops.kube.selector.LabelSelector;
import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Service;

/**
 * Container logs with the platform's rules around them: the cluster must be visible, the caller allowed to read
 * the namespace, names and parameters valid, and the pod and container known, all before a byte is streamed. Every
 * method opens the cluster's log streams right away, so failures are answered as problems; the returned
 * {@link Body} then streams them.
 */
@Service
public class LogService {

    /** A log answer still to be written; it closes what it opened, also when writing fails. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Formats of a log export. */
    public enum ExportFormat {
        TEXT,
        GZIP,
        JSONL
    }

    private final ClusterService clusters;
    private final KubeLogs kube;
    private final AccessPolicy access;
    private final CloudOpsProperties.Logs limits;

    LogService(ClusterService clusters, KubeLogs kube, AccessPolicy access, CloudOpsProperties properties) {
        this.clusters = clusters;
        this.kube = kube;
        this.access = access;
        this.limits = properties.logs();
    }

    /**
     * Copies a log in 64 KiB pieces: the servlet container writes each piece to the socket as it comes, so
     * {@link InputStream#transferTo}'s 8 KiB would mean eight times as many writes.
     */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    /** One container's log as the API server sends it (text, one line per entry). */
    public Body read(long clusterId, String namespace, String pod, String container, LogQuery query) {
        InputStream in = open(clusterId, namespace, pod, container, query.options());
        return out -> {
            try (in) {
                copy(in, out);
            }
        };
    }

    /**
     * All containers of one pod, merged by timestamp. Without {@code allContainers} the pod must have exactly one
     * container, as kubectl requires.
     */
    public Body pod(
            long clusterId, String namespace, String pod, boolean allContainers, LogQuery query, boolean jsonl) {
        LogSource source = target(clusterId, namespace, pod);
        if (!allContainers && source.containers().size() != 1) {
            throw ApiException.badRequest(
                    "container-required",
                    "Pod " + pod + " has containers " + source.containers()
                            + ": name one, or ask for allContainers=true",
                    "container");
        }
        return merged(clusterId, namespace, List.of(source), null, query, jsonl);
    }

    /**
     * The logs of every pod a label selector or a workload ({@code deployments/web}) selects, merged by timestamp.
     *
     * @param container only this container of each pod; null for all of them
     */
    public Body selected(
            long clusterId,
            String namespace,
            String labelSelector,
            String workload,
            String container,
            LogQuery query,
            boolean jsonl) {
        checkNamespace(clusterId, namespace, null);
        if (container != null) {
            checkContainerName(container);
        }
        List<LogSource> pods = sources(clusterId, namespace, labelSelector, workload);
        return merged(clusterId, namespace, pods, container, query, jsonl);
    }

    /**
     * The pods a label selector or a workload selects (exactly one of them), with their containers, after the
     * checks of a read: the cluster is visible, the namespace valid and readable, the selector well-formed, the
     * workload known; at most {@code cloudops.logs.max-sources} pods.
     */
    List<LogSource> sources(long clusterId, String namespace, String labelSelector, String workload) {
        checkTarget(clusterId, namespace, labelSelector, workload, Action.READ);
        String selector = labelSelector != null && !labelSelector.isBlank()
                ? labelSelector
                : workloadSelector(clusterId, namespace, workload);
        return kube.pods(clusterId, namespace, selector, limits.maxSources());
    }

    /**
     * Checks a selection of pods before anything is read: the cluster visible, the namespace valid, the caller
     * allowed {@code action} there, exactly one of a well-formed label selector and a workload reference.
     */
    void checkTarget(long clusterId, String namespace, String labelSelector, String workload, Action action) {
        checkNamespace(clusterId, namespace, null);
        boolean bySelector = labelSelector != null && !labelSelector.isBlank();
        boolean byWorkload = workload != null && !workload.isBlank();
        if (bySelector == byWorkload) {
            throw ApiException.badRequest(
                    "invalid-parameter", "give exactly one of labelSelector and workload", "labelSelector");
        }
        if (bySelector) {
            try {
                LabelSelector.parse(labelSelector);
            } catch (InvalidSelectorException e) {
                throw ApiException.badRequest("invalid-selector", e.getMessage(), "labelSelector");
            }
        }
        access.require(action, clusterId, namespace);
    }

    /**
     * Checks that the selection {@link #checkTarget} accepted exists in the cluster: the workload (404
     * {@code kube-not-found}), or for a label selector the namespace.
     */
    void checkTargetExists(long clusterId, String namespace, String labelSelector, String workload) {
        if (labelSelector != null && !labelSelector.isBlank()) {
            kube.requireNamespace(clusterId, namespace);
        } else {
            workloadSelector(clusterId, namespace, workload);
        }
    }

    /**
     * Checks that the cluster is visible and the namespace name valid, and when {@code action} is given that the
     * caller may do it there.
     */
    void checkNamespace(long clusterId, String namespace, Action action) {
        clusters.get(clusterId);
        checkNamespace(namespace);
        if (action != null) {
            access.require(action, clusterId, namespace);
        }
    }

    /** Searches one container's log; the body writes JSON Lines (matches, then a summary). */
    public Body search(
            long clusterId,
            String namespace,
            String pod,
            String container,
            LogQuery query,
            String q,
            boolean regex,
            boolean ignoreCase,
            int before,
            int after,
            int maxMatches) {
        LogSearch.Spec spec = LogSearch.Spec.of(q, regex, ignoreCase, before, after, maxMatches);
        InputStream in =
                open(clusterId, namespace, pod, container, query.options().withTimestamps());
        return out -> LogSearch.run(in, spec, limits.searchBudget(), out);
    }

    /** One container's log as a download: plain text, gzip-compressed text, or JSON Lines. */
    public Body export(
            long clusterId, String namespace, String pod, String container, LogQuery query, ExportFormat format) {
        return export(clusterId, namespace, pod, container, query, format, UnaryOperator.identity());
    }

    /**
     * An export whose log stream first passes through {@code tap} (which may copy it elsewhere, such as the
     * archive); {@code tap} gets the stream once every check has passed.
     */
    Body export(
            long clusterId,
            String namespace,
            String pod,
            String container,
            LogQuery query,
            ExportFormat format,
            UnaryOperator<InputStream> tap) {
        LogOptions options = format == ExportFormat.JSONL ? query.options().withTimestamps() : query.options();
        InputStream in = tap.apply(open(clusterId, namespace, pod, container, options));
        return switch (format) {
            case TEXT ->
                out -> {
                    try (in) {
                        copy(in, out);
                    }
                };
            case GZIP ->
                out -> {
                    try (in;
                            GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
                        copy(in, gzip);
                    }
                };
            case JSONL ->
                out -> LogMerge.merge(
                        List.of(new LogMerge.Source(pod, container, in)), LogMerge.Format.JSONL, true, out);
        };
    }

    /**
     * Opens a live follow of one container's log with timestamps, from {@code since} (inclusive, whole seconds)
     * when resuming, else from what {@code query} asks for.
     */
    InputStream follow(
            long clusterId, String namespace, String pod, String container, LogQuery query, LogEventId resume) {
        LogOptions options = query.options().following(resume == null ? null : resume.resumeFrom());
        return open(clusterId, namespace, pod, container, options);
    }

    /**
     * Checks what {@link #read} checks before it reaches the cluster: the cluster is visible, the names valid and
     * the caller may read the namespace. The pod and container need not exist (any more).
     */
    void checkReadable(long clusterId, String namespace, String pod, String container) {
        clusters.get(clusterId);
        checkNamespace(namespace);
        checkPodName(pod);
        checkContainerName(container);
        access.require(Action.READ, clusterId, namespace);
    }

    /** Opens one container's log after every check {@link #read} makes. */
    InputStream open(long clusterId, String namespace, String pod, String container, LogOptions options) {
        checkContainerName(container);
        LogSource source = target(clusterId, namespace, pod);
        if (!source.containers().contains(container)) {
            throw ApiException.notFound(
                    "container-not-found",
                    "Pod " + namespace + "/" + pod + " has no container " + container + "; it has "
                            + source.containers());
        }
        return kube.open(clusterId, namespace, pod, container, options);
    }

    private Body merged(
            long clusterId, String namespace, List<LogSource> pods, String only, LogQuery query, boolean jsonl) {
        List<String[]> wanted = new ArrayList<>();
        for (LogSource p : pods) {
            for (String c : p.containers()) {
                if (only == null || only.equals(c)) {
                    wanted.add(new String[] {p.pod(), c});
                }
            }
        }
        if (wanted.size() > limits.maxSources()) {
            throw ApiException.badRequest(
                    "too-many-sources",
                    wanted.size() + " containers selected; at most " + limits.maxSources() + " can be merged",
                    "labelSelector");
        }
        LogOptions options = query.options().withTimestamps();
        List<LogMerge.Source> sources = new ArrayList<>();
        try {
            for (String[] w : wanted) {
                try {
                    sources.add(new LogMerge.Source(w[0], w[1], kube.open(clusterId, namespace, w[0], w[1], options)));
                } catch (ApiException e) {
                    // A container that has not started yet has no log to merge; the others still do.
                    if (!"container-not-ready".equals(e.code())) {
                        throw e;
                    }
                }
            }
        } catch (RuntimeException e) {
            closeQuietly(sources, e);
            throw e;
        }
        LogMerge.Format format = jsonl ? LogMerge.Format.JSONL : LogMerge.Format.TEXT;
        return out -> LogMerge.merge(sources, format, query.timestamps(), out);
    }

    private static void closeQuietly(List<LogMerge.Source> sources, RuntimeException failure) {
        for (LogMerge.Source s : sources) {
            try {
                s.in().close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private LogSource target(long clusterId, String namespace, String pod) {
        clusters.get(clusterId);
        checkNamespace(namespace);
        checkPodName(pod);
        access.require(Action.READ, clusterId, namespace);
        return kube.pod(clusterId, namespace, pod);
    }

    private String workloadSelector(long clusterId, String namespace, String workload) {
        int slash = workload.indexOf('/');
        String name = slash < 0 ? "" : workload.substring(slash + 1);
        if (slash <= 0 || !KubeNames.isDnsSubdomain(name)) {
            throw ApiException.badRequest(
                    "invalid-workload", "workload must look like deployments/web, not '" + workload + "'", "workload");
        }
        return kube.workloadSelector(clusterId, namespace, workload.substring(0, slash), name);
    }

    private static void checkNamespace(String namespace) {
        if (!KubeNames.isDnsLabel(namespace)) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + namespace + "' is not a valid namespace name", "namespace");
        }
    }

    private static void checkPodName(String pod) {
        if (!KubeNames.isDnsSubdomain(pod)) {
            throw ApiException.badRequest("invalid-name", "'" + pod + "' is not a valid pod name", "pod");
        }
    }

    static void checkContainerName(String container) {
        if (!KubeNames.isDnsLabel(container)) {
            throw ApiException.badRequest(
                    "invalid-name", "'" + container + "' is not a valid container name", "container");
        }
    }
}
