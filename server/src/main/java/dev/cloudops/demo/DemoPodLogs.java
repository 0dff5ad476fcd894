package dev.cloudops.demo;

import dev.cloudops.demo.DemoLogGenerator.Profile;
import dev.cloudops.demo.DemoLogGenerator.Source;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Answers {@code GET /api/v1/namespaces/{ns}/pods/{pod}/log} for the demo cluster from a pod's spec and status, the
 * way the API server and kubelet do: which container, which run ({@code previous}), the errors for containers that
 * never started, and the {@code tailLines}, {@code sinceSeconds}, {@code sinceTime}, {@code timestamps} and
 * {@code limitBytes} parameters. A container's log holds at most {@code maxLines} lines, as a kubelet's log rotation
 * keeps only the current file.
 */
final class DemoPodLogs {

    /** The answer: a status code and either log bytes or, for an error, a Kubernetes {@link Status}. */
    record Answer(int code, byte[] body, Status status) {
        static Answer text(byte[] body) {
            return new Answer(200, body, null);
        }

        static Answer error(Status status) {
            return new Answer(status.getCode(), new byte[0], status);
        }
    }

    private final DemoLogGenerator generator;
    private final Clock clock;
    private final int maxLines;

    DemoPodLogs(DemoLogGenerator generator, Clock clock, int maxLines) {
        this.generator = generator;
        this.clock = clock;
        this.maxLines = maxLines;
    }

    Answer answer(Pod pod, String query) {
        Map<String, String> params = parse(query);
        String podName = pod.getMetadata().getName();
        Optional<Answer> invalid = validate(params);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        List<String> names =
                pod.getSpec().getContainers().stream().map(Container::getName).toList();
        String container = params.get("container");
        if (container == null || container.isEmpty()) {
            if (names.size() != 1) {
                return badRequest("a container name must be specified for pod " + podName + ", choose one of: "
                        + names.toString().replace(",", ""));
            }
            container = names.get(0);
        }
        if (!names.contains(container)) {
            return badRequest("container " + container + " is not valid for pod " + podName);
        }
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            // The API server has no kubelet to ask and answers with an empty log.
            return Answer.text(new byte[0]);
        }
        String name = container;
        ContainerStatus status = pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElse(null);
        String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
        if (status == null) {
            return badRequest(quoted + " is waiting to start: ContainerCreating");
        }
        ContainerStateTerminated last =
                status.getLastState() == null ? null : status.getLastState().getTerminated();
        boolean previous = "true".equals(params.get("previous"));
        Run run;
        if (previous) {
            if (last == null) {
                return badRequest(
                        "previous terminated container \"" + container + "\" in pod \"" + podName + "\" not found");
            }
            run = finished(pod, container, status.getRestartCount() - 1, last);
        } else if (status.getState().getRunning() != null) {
            Profile profile = ownedByJob(pod) ? Profile.JOB : Profile.SERVICE;
            Source source = source(
                    pod,
                    container,
                    status.getRestartCount(),
                    profile,
                    status.getState().getRunning().getStartedAt());
            long written = generator.linesBefore(source, clock.instant());
            long length = generator.length(source);
            // A job that is still running has not written its completion line yet.
            long total = profile == Profile.JOB ? Math.min(length - 1, written) : written;
            run = new Run(source, total);
        } else if (status.getState().getTerminated() != null) {
            run = finished(
                    pod, container, status.getRestartCount(), status.getState().getTerminated());
        } else if (last != null) {
            run = finished(pod, container, status.getRestartCount() - 1, last);
        } else {
            String reason = status.getState().getWaiting() == null
                    ? null
                    : status.getState().getWaiting().getReason();
            if ("ErrImagePull".equals(reason)) {
                return badRequest(quoted + " is waiting to start: image can't be pulled");
            }
            if ("ImagePullBackOff".equals(reason)) {
                return badRequest(quoted + " is waiting to start: trying and failing to pull image");
            }
            return badRequest(quoted + " is waiting to start: " + (reason == null ? "ContainerCreating" : reason));
        }
        return Answer.text(render(run, params));
    }

    /** A Kubernetes {@link Status} for an error answer. */
    static Status status(int code, String reason, String message) {
        return new StatusBuilder()
                .withApiVersion("v1")
                .withKind("Status")
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withNewMetadata()
                .endMetadata()
                .build();
    }

    private record Run(Source source, long total) {}

    private Run finished(Pod pod, String container, int restart, ContainerStateTerminated terminated) {
        boolean oomKilled = "OOMKilled".equals(terminated.getReason());
        Integer exit = terminated.getExitCode();
        Profile profile = oomKilled ? Profile.SERVICE : exit != null && exit == 0 ? Profile.JOB : Profile.CRASH;
        Source source = source(pod, container, Math.max(0, restart), profile, terminated.getStartedAt());
        long total = profile == Profile.SERVICE
                ? generator.linesBefore(source, parseTime(terminated.getFinishedAt(), clock.instant()))
                : generator.length(source);
        return new Run(source, total);
    }

    private Source source(Pod pod, String container, int restart, Profile profile, String startedAt) {
        Instant start = parseTime(startedAt, clock.instant());
        return new Source(
                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container, restart, profile, start);
    }

    private byte[] render(Run run, Map<String, String> params) {
        long total = run.total();
        long from = Math.max(0, total - maxLines);
        Instant since = null;
        if (params.containsKey("sinceSeconds")) {
            since = clock.instant().minusSeconds(Long.parseLong(params.get("sinceSeconds")));
        } else if (params.containsKey("sinceTime")) {
            since = Instant.parse(params.get("sinceTime"));
        }
        if (since != null) {
            from = Math.max(from, Math.min(total, generator.linesBefore(run.source(), since)));
        }
        if (params.containsKey("tailLines")) {
            from = Math.max(from, total - Long.parseLong(params.get("tailLines")));
        }
        boolean timestamps = "true".equals(params.get("timestamps"));
        long limit = params.containsKey("limitBytes") ? Long.parseLong(params.get("limitBytes")) : Long.MAX_VALUE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Stream<String> lines = generator.lines(run.source(), from, total)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String text = timestamps ? line : line.substring(line.indexOf(' ') + 1);
                byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        byte[] body = out.toByteArray();
        return body.length > limit ? Arrays.copyOf(body, (int) limit) : body;
    }

    private static Optional<Answer> validate(Map<String, String> params) {
        for (String name : List.of("tailLines", "sinceSeconds", "limitBytes")) {
            String value = params.get(name);
            if (value == null) {
                continue;
            }
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return Optional.of(badRequest(name + ": Invalid value: \"" + value + "\": must be an integer"));
            }
            long minimum = name.equals("tailLines") ? 0 : 1;
            if (parsed < minimum) {
                return Optional.of(badRequest(name + ": Invalid value: " + parsed + ": must be greater than "
                        + (minimum == 0 ? "or equal to 0" : "0")));
            }
        }
        if (params.containsKey("sinceSeconds") && params.containsKey("sinceTime")) {
            return Optional.of(badRequest("at most one of sinceTime or sinceSeconds may be specified"));
        }
        if (params.containsKey("sinceTime")) {
            try {
                Instant.parse(params.get("sinceTime"));
            } catch (DateTimeParseException e) {
                return Optional.of(badRequest(
                        "sinceTime: Invalid value: \"" + params.get("sinceTime") + "\": must be an RFC 3339 time"));
            }
        }
        return Optional.empty();
    }

    private static Answer badRequest(String message) {
        return Answer.error(status(400, "BadRequest", message));
    }

    private static boolean ownedByJob(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "Job".equals(o.getKind()));
    }

    private static Instant parseTime(String time, Instant fallback) {
        if (time == null || time.isEmpty()) {
            return fallback;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    static Map<String, String> parse(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
