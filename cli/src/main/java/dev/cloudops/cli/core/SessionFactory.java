package dev.cloudops.cli.core;

import picocli.CommandLine.Model.CommandSpec;

/** Gives a running command its {@link Session}; implemented by the root command, which owns the global options. */
@FunctionalInterface
public interface SessionFactory {

    /** A session for the command described by {@code spec}, writing to that command's out and err. */
    Session open(CommandSpec spec);
}
