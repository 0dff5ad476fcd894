#!/usr/bin/env bash
# Benchmark of the versions diff against GNU diff -u on the same two files; see RESULTS.md.
#
#   bench/run-version-diff.sh                               # 5,000-line bundle, 50 timed runs; appends to RESULTS.md
#   bench/run-version-diff.sh --runs=5 --warmup=5 --results=   # smoke run, printed only
#
# Builds the server and bench classes (no tests), then runs dev.cloudops.bench.VersionDiffBenchmark, which times
# CloudOps' diff in process (the code GET /api/k8s/yaml/versions/{id}/diff runs on two stored versions) and
# `diff -u a.yaml b.yaml` as a process, turn and turn about. Options are passed through (see the class's Javadoc).
# Env: BENCH_XMX (bench JVM heap, default 1g), MAVEN_ARGS (e.g. -o to stay offline).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

for tool in diff patch; do
  if ! command -v "$tool" >/dev/null; then
    echo "GNU $tool not found (apt-get install diffutils patch)" >&2
    exit 1
  fi
done

# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am package \
  -DskipTests -Djacoco.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime

exec java -Xmx"${BENCH_XMX:-1g}" -XX:+UseG1GC \
  -cp "$root/bench/target/classes:$root/server/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.cloudops.bench.VersionDiffBenchmark --results="$root/bench/RESULTS.md" "$@"
