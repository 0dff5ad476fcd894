#!/usr/bin/env bash
# JMH benchmark of the analysis engine: a scan of 10,000 Deployments with every analyzer against merely
# deserialising them (target: scan <= 3x parse); see RESULTS.md.
#
#   bench/run-analysis-scan.sh                                            # appends a section to RESULTS.md
#   bench/run-analysis-scan.sh --warmup=1 --iterations=2 --seconds=1 --results=   # smoke run, printed only
#
# Builds the server and bench classes (no tests), then runs dev.cloudops.bench.AnalysisScanBenchmark (options in
# its Javadoc), which forks one JMH JVM (-Xmx2g) for the measured runs.
# Env: BENCH_XMX (heap of the launching JVM, default 1g), MAVEN_ARGS (e.g. -o to stay offline).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am package \
  -DskipTests -Djacoco.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime

exec java -Xmx"${BENCH_XMX:-1g}" -XX:+UseG1GC \
  -cp "$root/bench/target/classes:$root/server/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.cloudops.bench.AnalysisScanBenchmark --results="$root/bench/RESULTS.md" "$@"
