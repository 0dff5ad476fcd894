package dev.cloudops.cli.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One entry of a container's exec history as the server shows it: a command, a terminal session or a file change.
 * Fields the server adds later are ignored here and kept in json/yaml output.
 *
 * @param id entry id
 * @param kind EXEC, TERMINAL or FILE
 * @param username who did it
 * @param command the command line (arguments joined by spaces), the terminal's shell, or the file operation
 * @param outcome SUCCEEDED, FAILED, DENIED, TIMED_OUT, RUNNING or CLOSED
 * @param exitCode null while running, for refusals and for what has none
 * @param startedAt when it started (ISO-8601)
 * @param durationMs how long it ran
 * @param outputTruncated whether the kept output was cut
 * @param sessionId the terminal session, for TERMINAL entries
 * @param detail why it was refused or failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OperationView(
        Long id,
        String kind,
        String username,
        String command,
        String outcome,
        Integer exitCode,
        String startedAt,
        Long durationMs,
        Boolean outputTruncated,
        String sessionId,
        String detail) {

    /**
     * One page of {@code GET …/exec/history}.
     *
     * @param items the entries, newest first
     * @param page zero-based page number
     * @param size page size
     * @param total entries on all pages
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<OperationView> items, Integer page, Integer size, Long total) {

        /** The items, never {@code null}. */
        List<OperationView> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }
    }
}
