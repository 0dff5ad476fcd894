/**
 * The usage analyzers: {@code resources} (requests and limits against use, node overcommit, eviction and
 * throttling risk), {@code performance} (restart rates, pending times, stalled rollouts, autoscalers at their
 * ceiling) and {@code cost} (requests priced per provider and region, idle and over-provisioned workloads), plus the
 * cost breakdown endpoint. Usage comes from metrics.k8s.io when the cluster serves it.
 */
package dev.cloudops.analysis.usage;
