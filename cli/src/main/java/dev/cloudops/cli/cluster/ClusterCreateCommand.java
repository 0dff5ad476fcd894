package dev.cloudops.cli.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.OutputOptions;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code cloudops cluster create}: register a cluster from a kubeconfig file or standard input. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Register a cluster from a kubeconfig. The kubeconfig is sent to the server, which seals it.")
public final class ClusterCreateCommand implements Callable<Integer> {

    static final String PATH = "/api/k8s/cluster/create";

    /** Kubeconfigs are a few KiB; the cap keeps a wrong file (an image, a tarball) from being read whole. */
    static final int MAX_KUBECONFIG_BYTES = 1024 * 1024;

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique cluster name.")
    private String name;

    @Option(
            names = "--kubeconfig",
            required = true,
            paramLabel = "FILE",
            description = "Kubeconfig file, or - to read it from standard input.")
    private String kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "Kubeconfig context (default: current).")
    private String context;

    @Option(names = "--env", paramLabel = "ENV", description = "Environment label, e.g. prod or staging.")
    private String env;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for more.")
    private List<String> tags = new ArrayList<>();

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description = "Limit the platform to this namespace; repeat for more (default: all).")
    private List<String> namespaces = new ArrayList<>();

    /** The command, opening its session from {@code sessions}. */
    public ClusterCreateCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        Session session = sessions.open(spec);
        String kubeconfigText = readKubeconfig(session);
        CreateRequest request =
                new CreateRequest(name, kubeconfigText, context, env, List.copyOf(tags), List.copyOf(namespaces));
        JsonNode created = session.client().post(PATH, request);
        ClusterView view = Json.convert(created, ClusterView.class);
        session.print(
                output.format(),
                created,
                () -> ClusterTable.of(List.of(view), session.context().clock()));
        return ExitCode.OK;
    }

    private String readKubeconfig(Session session) {
        byte[] bytes;
        if ("-".equals(kubeconfig)) {
            bytes = readCapped(session.context().stdin(), "standard input");
        } else {
            Path file = Path.of(kubeconfig);
            try (InputStream in = Files.newInputStream(file)) {
                bytes = readCapped(in, kubeconfig);
            } catch (NoSuchFileException e) {
                throw invalidKubeconfig("kubeconfig file not found: " + kubeconfig, e);
            } catch (IOException e) {
                throw invalidKubeconfig("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw invalidKubeconfig("kubeconfig from " + kubeconfig + " is empty", null);
        }
        return text;
    }

    private byte[] readCapped(InputStream in, String source) {
        try {
            byte[] bytes = in.readNBytes(MAX_KUBECONFIG_BYTES + 1);
            if (bytes.length > MAX_KUBECONFIG_BYTES) {
                throw invalidKubeconfig(
                        "kubeconfig from " + source + " is larger than 1 MiB; is it the right file?", null);
            }
            return bytes;
        } catch (IOException e) {
            throw invalidKubeconfig("cannot read kubeconfig from " + source + ": " + e.getMessage(), e);
        }
    }

    private ParameterException invalidKubeconfig(String message, Throwable cause) {
        return new ParameterException(spec.commandLine(), message, cause, spec.findOption("--kubeconfig"), kubeconfig);
    }

    /** The JSON body of {@code POST /api/k8s/cluster/create}; unset options are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateRequest(
            String name, String kubeconfig, String context, String env, List<String> tags, List<String> namespaces) {

        /** Keeps the kubeconfig (credentials) out of any log or error message. */
        @Override
        public String toString() {
            return "CreateRequest[name=" + name + ", kubeconfig=<redacted>, context=" + context + ", env=" + env
                    + ", tags=" + tags + ", namespaces=" + namespaces + "]";
        }
    }
}
