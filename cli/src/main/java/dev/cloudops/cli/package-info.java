/** The {@code cloudops} command-line client. */
package dev.cloudops.cli;
