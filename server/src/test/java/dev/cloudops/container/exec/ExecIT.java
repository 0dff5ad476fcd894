package dev.cloudops.container.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import dev.cloudops.testing.ProcessContainers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One-shot exec over HTTP")
class ExecIT extends PlatformIT {

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("exec"));
        ns = mock.namespace(unique("ns"));
        mock.runningPod(ns, "web", "app");
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    private String exec(String pod, String container) {
        return "/api/k8s/containers/" + cluster + "/" + ns + "/" + pod + "/" + container + "/exec";
    }

    private static Map<String, Object> command(Object... argv) {
        return Map.of("command", List.of(argv));
    }

    @Test
    @DisplayName("argv runs as given, stdout and stderr come back apart with the exit code, and the history has it")
    void runs() {
        var r = api.post(
                exec("web", "app"),
                command("sh", "-c", "echo out; echo err >&2; exit 3", "ignored arg; rm -rf /"),
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("stdout").asString()).isEqualTo("out\n");
        assertThat(r.json().path("stderr").asString()).isEqualTo("err\n");
        assertThat(r.json().path("exitCode").asInt()).isEqualTo(3);
        assertThat(r.json().path("truncated").asBoolean()).isFalse();
        assertThat(r.json().path("timedOut").asBoolean()).isFalse();
        assertThat(mock.containers().received().get(0).argv())
                .containsExactly("sh", "-c", "echo out; echo err >&2; exit 3", "ignored arg; rm -rf /");

        var ok = api.post(exec("web", "app"), command("printf", "%s|", "a b", "ü"), admin);
        assertThat(ok.json().path("stdout").asString()).isEqualTo("a b|ü|");
        assertThat(ok.json().path("exitCode").asInt()).isZero();

        var history = api.get(exec("web", "app") + "/history", admin);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("total").asInt()).isEqualTo(2);
        var newest = history.json().path("items").get(0);
        assertThat(newest.path("command").asString()).isEqualTo("printf %s| a b ü");
        assertThat(newest.path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(newest.path("username").asString()).isEqualTo("admin");
        assertThat(newest.path("output").asString()).isEqualTo("a b|ü|");
        assertThat(history.json().path("items").get(1).path("outcome").asString())
                .isEqualTo("FAILED");
        assertThat(history.json().path("items").get(1).path("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("shell=true is the only way to a shell, and takes exactly one script")
    void shellOnlyWhenAsked() {
        var r = api.post(exec("web", "app"), Map.of("command", List.of("echo $((2+3))"), "shell", true), admin);
        assertThat(r.json().path("stdout").asString()).isEqualTo("5\n");
        assertThat(mock.containers().received().get(0).argv()).containsExactly("sh", "-c", "echo $((2+3))");

        var two = api.post(exec("web", "app"), Map.of("command", List.of("a", "b"), "shell", true), admin);
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.code()).isEqualTo("invalid-command");
    }

    @Test
    @DisplayName("a command past its timeout is stopped and reported timedOut without an exit code")
    void timeout() {
        long start = System.nanoTime();
        var r = api.post(exec("web", "app"), Map.of("command", List.of("sleep", "30"), "timeoutSeconds", 1), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("timedOut").asBoolean()).isTrue();
        assertThat(r.json().path("exitCode").isNull()).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        var history = api.get(exec("web", "app") + "/history", admin);
        assertThat(history.json().path("items").get(0).path("outcome").asString())
                .isEqualTo("TIMED_OUT");
    }

    @Test
    @DisplayName("output beyond the cap is drained, dropped and flagged truncated")
    void outputCap() {
        var r = api.post(exec("web", "app"), command("head", "-c", "3000000", "/dev/zero"), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("truncated").asBoolean()).isTrue();
        assertThat(r.json().path("stdout").asString()).hasSize(1_048_576);
        assertThat(r.json().path("exitCode").asInt()).isZero();
    }

    @Test
    @DisplayName("a deny rule refuses the command with 403 naming the rule; the refusal is in history and audit")
    void denied() {
        var rule = new HashMap<String, Object>();
        rule.put("effect", "DENY");
        rule.put("scope", "COMMAND");
        rule.put("role", "OPERATOR");
        rule.put("clusterId", cluster);
        rule.put("argv0", "rm");
        rule.put("description", "no deleting in prod");
        var created = api.post("/api/k8s/exec/rules", rule, admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long ruleId = created.json().path("id").asLong();
        try {
            String operator = userWith(List.of(grant("OPERATOR", cluster, ns)));
            var r = api.post(exec("web", "app"), command("/bin/rm", "-rf", "/tmp/nothing-here"), operator);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("command-denied");
            assertThat(r.json().path("detail").asString()).contains("rule " + ruleId, "no deleting in prod");
            assertThat(mock.containers().received()).isEmpty();

            var allowed = api.post(exec("web", "app"), command("true"), operator);
            assertThat(allowed.status()).isEqualTo(200);
            var adminRm = api.post(exec("web", "app"), command("rm", "-f", "/tmp/cloudops-none"), admin);
            assertThat(adminRm.status()).as("the rule is for operators only").isEqualTo(200);

            var history = api.get(exec("web", "app") + "/history", admin);
            var denied = history.json().path("items").get(2);
            assertThat(denied.path("outcome").asString()).isEqualTo("DENIED");
            assertThat(denied.path("detail").asString()).contains("rule " + ruleId);
            var audit = api.get("/api/audit?result=denied&clusterId=" + cluster, admin);
            assertThat(audit.text()).contains("/exec");
        } finally {
            api.delete("/api/k8s/exec/rules/" + ruleId, admin);
        }
    }

    @Test
    @DisplayName("rules are validated and only platform admins manage them")
    void rules() {
        var badRegex = api.post(
                "/api/k8s/exec/rules", Map.of("effect", "DENY", "scope", "COMMAND", "pattern", "rm (-rf"), admin);
        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(badRegex.code()).isEqualTo("invalid-regex");
        var empty = api.post("/api/k8s/exec/rules", Map.of("effect", "DENY", "scope", "COMMAND"), admin);
        assertThat(empty.code()).isEqualTo("invalid-rule");
        long before = count("exec_rules");
        String operator = userWith(List.of(grant("OPERATOR", null, null)));
        var notAdmin =
                api.post("/api/k8s/exec/rules", Map.of("effect", "ALLOW", "scope", "TERMINAL", "argv0", "*"), operator);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(count("exec_rules")).isEqualTo(before);
        assertThat(api.get("/api/k8s/exec/rules", admin).json().size()).isGreaterThanOrEqualTo(2);
        assertThat(api.delete("/api/k8s/exec/rules/999999", admin).code()).isEqualTo("rule-not-found");
    }

    @Test
    @DisplayName("bad targets and bad input get their problem codes and run nothing")
    void badInput() {
        mock.pod(ns, "waiting", Map.of(), "app");
        assertThat(api.post(exec("nope", "app"), command("true"), admin).code()).isEqualTo("kube-not-found");
        assertThat(api.post(exec("web", "other"), command("true"), admin).code())
                .isEqualTo("container-not-found");
        var notRunning = api.post(exec("waiting", "app"), command("true"), admin);
        assertThat(notRunning.status()).isEqualTo(409);
        assertThat(notRunning.code()).isEqualTo("container-not-running");
        assertThat(api.post(exec("web", "app"), Map.of("command", List.of()), admin)
                        .code())
                .isEqualTo("invalid-command");
        assertThat(api.post(exec("web", "app"), command("a\u0000b"), admin).code())
                .isEqualTo("invalid-command");
        assertThat(api.post(exec("web", "app"), Map.of("command", List.of("true"), "timeoutSeconds", 0), admin)
                        .code())
                .isEqualTo("invalid-timeout");
        assertThat(api.post(exec("web", "app"), Map.of("command", List.of("true"), "timeoutSeconds", 99999), admin)
                        .code())
                .isEqualTo("invalid-timeout");
        assertThat(api.post("/api/k8s/containers/" + cluster + "/" + ns + "/Bad_Pod/app/exec", command("true"), admin)
                        .code())
                .isEqualTo("invalid-name");
        assertThat(api.post("/api/k8s/containers/987654/" + ns + "/web/app/exec", command("true"), admin)
                        .status())
                .isEqualTo(404);
        assertThat(mock.containers().received()).isEmpty();

        var missing = api.post(exec("web", "app"), command("no-such-program-here"), admin);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.code()).isEqualTo("command-not-started");
        assertThat(missing.json().path("detail").asString()).contains("executable file not found");
    }

    @Test
    @DisplayName("viewers may read the history but not exec; operators of another namespace may not exec here")
    void rights() {
        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        var r = api.post(exec("web", "app"), command("true"), viewer);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(api.get(exec("web", "app") + "/history", viewer).status()).isEqualTo(200);
        String elsewhere = userWith(List.of(grant("OPERATOR", cluster, "other")));
        assertThat(api.post(exec("web", "app"), command("true"), elsewhere).status())
                .isEqualTo(403);
        assertThat(mock.containers().received()).isEmpty();
    }

    @Test
    @DisplayName("a BusyBox-only image runs its applets and has no bash")
    void busybox() {
        Assumptions.assumeTrue(
                ProcessContainers.busyboxAvailable(), "busybox is not installed (apt-get install busybox)");
        mock.containers().image(ns, "web", "app", ProcessContainers.Image.BUSYBOX);
        var r = api.post(exec("web", "app"), command("sh", "-c", "readlink -f /proc/$$/exe"), admin);
        assertThat(r.json().path("stdout").asString()).as(r.text()).endsWith("/busybox\n");
        var bash = api.post(exec("web", "app"), command("bash", "-c", "true"), admin);
        assertThat(bash.code()).isEqualTo("command-not-started");
    }
}
