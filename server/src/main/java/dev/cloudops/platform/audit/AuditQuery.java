package dev.cloudops.platform.audit;

import java.time.Instant;

/** Filters for reading the audit trail; null means "any". */
public record AuditQuery(
        String user, String action, Long clusterId, String namespace, String result, Instant from, Instant to) {}
