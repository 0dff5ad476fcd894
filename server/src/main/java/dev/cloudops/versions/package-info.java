/**
 * YAML version control: tracked Kubernetes objects and their versions — captured for every change made through
 * the platform (an {@code ObjectChanged} event of {@code resource/}) and for every change observed on the cluster
 * by watch — in stable, content-addressed form; diffs (unified text and RFC 6902) between any two versions, of one
 * object or of two; rollback through the resource apply path with a dry run and a check that the live object did
 * not change meanwhile; tags; branches whose heads can be applied. Secret values are never stored in clear.
 */
package dev.cloudops.versions;
