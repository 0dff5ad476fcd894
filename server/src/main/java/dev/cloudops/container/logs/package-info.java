/**
 * Container logs: query, merge across pods and containers, search, live follow over SSE with resume, and export.
 * Log text is streamed end to end from the API server through {@link dev.cloudops.kube.KubeLogs} with bounded
 * buffers; nothing here holds a whole log in memory.
 */
package dev.cloudops.container.logs;
