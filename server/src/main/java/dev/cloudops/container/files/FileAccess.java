package dev.cloudops.container.files;

import dev.cloudops.container.ContainerOperation;
import dev.cloudops.container.ContainerOperations;
import dev.cloudops.container.ContainerTargets;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Who may touch files where, and the record of every change: reads need viewer rights on the namespace, writes
 * operator rights; every write, refused by the container or done, lands in the container operation history (kind
 * FILE) besides the audit trail of the HTTP call.
 */
@Component
class FileAccess {

    private static final int MAX_COMMAND = 8192;

    private final ContainerTargets targets;
    private final ContainerOperations operations;
    private final AccessPolicy access;
    private final Clock clock;

    FileAccess(ContainerTargets targets, ContainerOperations operations, AccessPolicy access, Clock clock) {
        this.targets = targets;
        this.operations = operations;
        this.access = access;
        this.clock = clock;
    }

    /** A running container the caller may read files in. */
    ContainerRef reading(Target target) {
        return targets.running(target.clusterId(), target.namespace(), target.pod(), target.container(), Action.READ);
    }

    /** A running container the caller may change files in. */
    ContainerRef writing(Target target) {
        return targets.running(target.clusterId(), target.namespace(), target.pod(), target.container(), Action.WRITE);
    }

    /**
     * Runs a change and records it, also when it fails.
     *
     * @param what the operation and its paths, e.g. {@code mkdir /srv/data}
     * @param detail what to keep of the result
     */
    <T> T recorded(ContainerRef target, String what, Supplier<T> change, Function<T, String> detail) {
        Instant started = clock.instant();
        long start = System.nanoTime();
        try {
            T result = change.get();
            record(target, what, ContainerOperation.Outcome.SUCCEEDED, started, start, detail.apply(result));
            return result;
        } catch (ApiException e) {
            ContainerOperation.Outcome outcome = e.code().equals("file-operation-timeout")
                    ? ContainerOperation.Outcome.TIMED_OUT
                    : ContainerOperation.Outcome.FAILED;
            record(target, what, outcome, started, start, e.code() + ": " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            record(
                    target,
                    what,
                    ContainerOperation.Outcome.FAILED,
                    started,
                    start,
                    e.getClass().getSimpleName());
            throw e;
        }
    }

    /** The file changes made in one container, newest first. */
    Page<ContainerOperation> history(Target target, int page, int size) {
        ContainerRef ref = targets.authorize(
                target.clusterId(), target.namespace(), target.pod(), target.container(), Action.READ);
        return operations.onContainer(ref, EnumSet.of(ContainerOperation.Kind.FILE), page, size);
    }

    private void record(
            ContainerRef target,
            String what,
            ContainerOperation.Outcome outcome,
            Instant started,
            long startNanos,
            String detail) {
        operations.record(ContainerOperation.of(
                ContainerOperation.Kind.FILE,
                target,
                access.current().username(),
                what.length() <= MAX_COMMAND ? what : what.substring(0, MAX_COMMAND - 1) + "…",
                outcome,
                null,
                started,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                null,
                false,
                null,
                detail));
    }

    /** The container a request addresses, as given. */
    record Target(long clusterId, String namespace, String pod, String container) {}
}
