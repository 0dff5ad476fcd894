package dev.cloudops.container.exec;

import java.time.Instant;

/**
 * An interactive terminal session as listed to its owner and to administrators.
 *
 * @param shell the shell started, or the candidates still to try ({@code bash,sh}) before the WebSocket attached
 * @param columns the terminal width asked for when it was opened
 * @param rows the terminal height asked for when it was opened
 * @param status {@code PENDING} (ticket issued), {@code OPEN}, {@code CLOSED} or {@code EXPIRED} (never attached)
 * @param closeReason why it ended: {@code exit}, {@code idle timeout}, {@code maximum duration}, {@code killed by
 *     <admin>}, {@code client closed} ...
 * @param recordingBytes size of the asciicast recording once closed
 */
public record TerminalSession(
        String id,
        String username,
        long clusterId,
        String namespace,
        String pod,
        String container,
        String shell,
        int columns,
        int rows,
        String status,
        Instant createdAt,
        Instant expiresAt,
        Instant attachedAt,
        Instant closedAt,
        String closeReason,
        Integer exitCode,
        Long recordingBytes) {}
