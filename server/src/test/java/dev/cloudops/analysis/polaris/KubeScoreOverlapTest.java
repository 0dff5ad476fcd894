package dev.cloudops.analysis.polaris;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.ManifestState;
import dev.cloudops.resource.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second reference: kube-score's test cases (src/test/resources/oracles/kube-score) for the kube-score checks
 * that look at the same concern as one of ours. A kube-score OK must be no finding of ours, a WARNING or
 * CRITICAL at least one (SKIPPED cases follow kube-score's own relevance rules and are not compared); the cases
 * where the two tools differ by design are listed here and in
 * docs/analysis-polaris.md with the reason.
 */
class KubeScoreOverlapTest {

    /** kube-score check -> our checks covering the same concern. */
    static final Map<String, Set<PolarisCheck>> OVERLAPS = new TreeMap<>(Map.ofEntries(
            Map.entry("Container Image Tag", EnumSet.of(PolarisCheck.TAG_NOT_SPECIFIED)),
            Map.entry("Container Image Pull Policy", EnumSet.of(PolarisCheck.PULL_POLICY_NOT_ALWAYS)),
            Map.entry(
                    "Container Resources",
                    EnumSet.of(
                            PolarisCheck.CPU_LIMITS_MISSING,
                            PolarisCheck.CPU_REQUESTS_MISSING,
                            PolarisCheck.MEMORY_LIMITS_MISSING,
                            PolarisCheck.MEMORY_REQUESTS_MISSING)),
            Map.entry("Container Security Context Privileged", EnumSet.of(PolarisCheck.RUN_AS_PRIVILEGED)),
            Map.entry(
                    "Container Security Context ReadOnlyRootFilesystem",
                    EnumSet.of(PolarisCheck.NOT_READ_ONLY_ROOT_FILESYSTEM)),
            Map.entry("Container Seccomp Profile", EnumSet.of(PolarisCheck.LINUX_HARDENING)),
            Map.entry("Deployment has PodDisruptionBudget", EnumSet.of(PolarisCheck.MISSING_POD_DISRUPTION_BUDGET)),
            Map.entry("StatefulSet has PodDisruptionBudget", EnumSet.of(PolarisCheck.MISSING_POD_DISRUPTION_BUDGET)),
            Map.entry("Pod NetworkPolicy", EnumSet.of(PolarisCheck.MISSING_NETWORK_POLICY)),
            Map.entry("HorizontalPodAutoscaler Replicas", EnumSet.of(PolarisCheck.HPA_MIN_AVAILABILITY)),
            Map.entry("Deployment Replicas", EnumSet.of(PolarisCheck.DEPLOYMENT_MISSING_REPLICAS)),
            Map.entry(
                    "Pod Probes",
                    EnumSet.of(PolarisCheck.LIVENESS_PROBE_MISSING, PolarisCheck.READINESS_PROBE_MISSING)),
            Map.entry("Pod Topology Spread Constraints", EnumSet.of(PolarisCheck.TOPOLOGY_SPREAD_CONSTRAINT))));

    /** Options of kube-score's that match our fixed behaviour; a case run with any other option is not ours. */
    private static final Map<String, String> OUR_OPTIONS = Map.of(
            "KubernetesVersion", "1.18",
            "MinReplicasDeployment", "2",
            "MinReplicasHPA", "2",
            "IgnoreContainerCpuLimitRequirement", "false");

    /** Cases where we differ from kube-score by design (see docs/analysis-polaris.md). */
    static final Set<String> DIFFERENCES = new TreeSet<>(Set.of(
            "TestContainerSeccompAllGood (Container Seccomp Profile)",
            "TestPodContainerPullPolicyUndefinedLatestTag (Container Image Pull Policy)",
            "TestPodContainerPullPolicyUndefinedNoTag (Container Image Pull Policy)",
            "TestProbesMultipleContainers (Pod Probes)",
            "TestProbesTargetedByServiceDifferentNamespace (Pod Probes)",
            "TestProbesTargetedByServiceNotTargeted (Pod Probes)",
            "TestProbesTargetedByServiceNotTargetedMultiLabels (Pod Probes)"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("on the kube-score cases that share a concern with ours, we agree but for the documented differences")
    void agreesWithKubeScore() throws IOException {
        Path root = Oracles.folder("kube-score");
        JsonNode cases = JSON.readTree(Files.readString(root.resolve("kube_score_cases.json")))
                .path("cases");
        Set<String> differing = new TreeSet<>();
        List<String> covered = new ArrayList<>();
        for (JsonNode c : cases) {
            Set<PolarisCheck> ours = OVERLAPS.get(c.path("check").asString());
            String expected = c.path("expected").asString();
            if (ours == null || !ourOptions(c.path("runConfig")) || !graded(expected)) {
                continue;
            }
            List<Map<String, Object>> documents = new ArrayList<>();
            for (JsonNode fixture : c.path("fixtures")) {
                documents.addAll(ManifestParser.parse(
                        Oracles.read(root.resolve("testdata").resolve(fixture.asString()))));
            }
            Oracles.Recorded run = new Oracles.Recorded();
            PolarisScan.run(new ManifestState(documents, Instant.EPOCH), ours, run);
            boolean weFail = !run.failures.isEmpty();
            boolean theyFail = !expected.startsWith("OK");
            String id = c.path("test").asString() + " (" + c.path("check").asString() + ")";
            covered.add(id + " " + expected + " -> " + (weFail ? "finding" : "no finding"));
            if (weFail != theyFail) {
                differing.add(id);
            }
        }
        assertThat(covered).hasSizeGreaterThanOrEqualTo(60);
        assertThat(differing).isEqualTo(DIFFERENCES);
    }

    private static boolean graded(String expected) {
        return expected.startsWith("OK") || expected.startsWith("WARNING") || expected.startsWith("CRITICAL");
    }

    private static boolean ourOptions(JsonNode runConfig) {
        for (Map.Entry<String, JsonNode> option : runConfig.properties()) {
            String key = option.getKey();
            if ("EnabledOptionalTests".equals(key)) {
                continue;
            }
            if (!option.getValue().isString() || !option.getValue().asString().equals(OUR_OPTIONS.get(key))) {
                return false;
            }
        }
        return true;
    }
}
