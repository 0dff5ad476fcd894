/**
 * The Polaris check set as two analyzers: {@code config} (efficiency and reliability) and {@code security}
 * (security, RBAC included). Checks read specs only, so they run on live clusters and on manifests alike; their
 * ids, severities and messages are Polaris's, and Polaris's own test fixtures hold them to its verdicts.
 */
package dev.cloudops.analysis.polaris;
