package dev.cloudops.cli.cluster;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cloudops cluster}: the group; its subcommands are added by the root command. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Register, list and remove managed Kubernetes clusters.")
public final class ClusterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: list, create or delete");
    }
}
