package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.usage.Workload;

/** A condition the detector sees now on a workload: what it is, how bad, and the value against its baseline. */
public record Signal(
        Workload workload, AlertKind kind, Severity severity, String message, double value, double baseline) {}
