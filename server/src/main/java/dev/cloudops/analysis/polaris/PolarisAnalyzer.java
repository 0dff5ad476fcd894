package dev.cloudops.analysis.polaris;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Findings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An analyzer made of a share of the Polaris checks; they read specs only, so they run on manifests too. */
abstract class PolarisAnalyzer implements Analyzer {

    private final Set<PolarisCheck> checks;
    private final List<CheckInfo> infos;

    PolarisAnalyzer(Set<PolarisCheck> checks) {
        this.checks = EnumSet.copyOf(checks);
        this.infos = this.checks.stream().map(PolarisCheck::info).toList();
    }

    @Override
    public List<CheckInfo> checks() {
        return infos;
    }

    @Override
    public boolean readsSpecsOnly() {
        return true;
    }

    @Override
    public void analyze(ClusterState state, Findings findings) {
        PolarisScan.run(state, checks, new Reporter(findings));
    }

    /** Failures become findings at the check's severity; passes are not reported. */
    private record Reporter(Findings findings) implements Verdicts {

        @Override
        public void pass(PolarisCheck check, Map<String, Object> object) {}

        @Override
        public void fail(
                PolarisCheck check,
                Map<String, Object> object,
                String container,
                String message,
                List<Map<String, Object>> patch) {
            findings.report(check.info(), check.info().severity(), object, container, message, check.fix(), patch);
        }

        @Override
        public void note(String text) {
            findings.note(text);
        }
    }
}
