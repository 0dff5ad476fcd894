/**
 * Operations inside containers: {@code logs}, {@code exec} (one-shot commands, the command policy and terminals)
 * and {@code files}. This package holds what they share: resolving and authorising a target container and the
 * record of what was done in containers.
 */
package dev.cloudops.container;
