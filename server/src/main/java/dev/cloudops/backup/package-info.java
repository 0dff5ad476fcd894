/**
 * Encrypted backups of Kubernetes objects: definitions (what to back up of a cluster, on which schedule, how long
 * to keep it), backups as encrypted archives in a {@link dev.cloudops.backup.BackupStorage}, verification,
 * restore to the same or another cluster through the generic apply path, and diffs between two backups or a
 * backup and the live cluster. The user guide is docs/backups.md.
 */
package dev.cloudops.backup;
