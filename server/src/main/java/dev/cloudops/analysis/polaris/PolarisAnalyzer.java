package dev.cloudops.analysis.polaris;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.CheckInfo;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Subject;
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
    private static final class Reporter implements Verdicts {

        private final Findings findings;
        /** Failures come in runs on one object: its coordinates are read once a run. */
        private Map<String, Object> lastObject;

        private Subject lastSubject;

        Reporter(Findings findings) {
            this.findings = findings;
        }

        @Override
        public void pass(PolarisCheck check, Map<String, Object> object) {}

        @Override
        public void fail(
                PolarisCheck check,
                Map<String, Object> object,
                String container,
                String message,
                List<Map<String, Object>> patch) {
            if (object != lastObject) {
                lastObject = object;
                lastSubject = Subject.of(object);
            }
            CheckInfo info = check.info();
            findings.add(new Finding(
                    info.id(), info.category(), info.severity(), lastSubject, container, message, check.fix(), patch));
        }

        @Override
        public void note(String text) {
            findings.note(text);
        }
    }
}
