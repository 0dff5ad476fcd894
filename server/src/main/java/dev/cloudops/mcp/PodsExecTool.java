package dev.cloudops.mcp;

import dev.cloudops.container.exec.ExecRequest;
import dev.cloudops.container.exec.ExecResult;
import dev.cloudops.container.exec.ExecService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code pods_exec}: runs one command in a container through the exec service, so the command policy, the timeout,
 * the output cap and the exec history apply as for the REST API. Destructive.
 */
@Component
class PodsExecTool implements McpTool {

    private final ExecService exec;

    PodsExecTool(ExecService exec) {
        this.exec = exec;
    }

    @Override
    public String name() {
        return "pods_exec";
    }

    @Override
    public String title() {
        return "Run a command in a container";
    }

    @Override
    public String description() {
        return "Runs one command (an argv array, no shell unless 'shell' is set) in a pod's container and answers its"
                + " exit code, stdout and stderr. The platform's command policy decides which commands are allowed.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        Map<String, Object> command = new LinkedHashMap<>(Schemas.strings(
                "The command and its arguments, e.g. [\"ls\", \"-la\", \"/etc\"]; with 'shell' one string for sh -c",
                256));
        command.put("minItems", 1);
        return Schemas.object(
                Schemas.props(
                        "cluster",
                        Schemas.cluster(),
                        "namespace",
                        Schemas.namespace("The pod's namespace"),
                        "pod",
                        Schemas.string("Pod name"),
                        "container",
                        Schemas.string("Container name"),
                        "command",
                        command,
                        "shell",
                        Schemas.bool("Run the command through sh -c"),
                        "timeoutSeconds",
                        Schemas.integer("Stop the command after this many seconds (default 30)", 1, 600)),
                "namespace",
                "pod",
                "container",
                "command");
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        Long timeout = args.number("timeoutSeconds", 1, 600);
        List<String> command = args.strings("command");
        ExecResult result = exec.run(
                args.clusterId(),
                args.required("namespace"),
                args.required("pod"),
                args.required("container"),
                new ExecRequest(command, args.flag("shell"), timeout == null ? null : timeout.intValue()));
        return ToolAnswer.of(result, "make the command print less (head, grep, wc)");
    }
}
