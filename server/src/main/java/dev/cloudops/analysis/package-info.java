/**
 * The one place where checks live. {@link dev.cloudops.analysis.Analyzer} beans hold checks over a
 * {@link dev.cloudops.analysis.ClusterState} (a live cluster read from its caches, or manifests not applied yet);
 * the {@link dev.cloudops.analysis.AnalysisEngine} runs them and scores the result. Scans, findings, reports, the
 * compliance phase and the MCP tools all build on this engine and hold no checks of their own.
 */
package dev.cloudops.analysis;
