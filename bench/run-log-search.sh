#!/usr/bin/env bash
# End-to-end benchmark of log search against kubectl logs | grep -E, and of the server's heap while a 1 GB log
# streams through it; see RESULTS.md.
#
#   bench/run-log-search.sh                                   # 200 MB log, 5 runs, 1 GB stream; appends to RESULTS.md
#   bench/run-log-search.sh --log-mb=20 --stream-mb=100 --runs=2 --results=   # smoke run
#
# Builds the server's executable jar and the bench classes (no tests), then runs
# dev.cloudops.bench.LogSearchBenchmark in a JVM that hosts the mock API servers (and the 200 MB log, twice: with
# and without timestamps) and starts the server as a child process. Options are passed through (see the class's
# Javadoc). Env: BENCH_XMX (bench JVM heap, default 3g), MAVEN_ARGS (e.g. -o to stay offline), KUBECTL (default
# /usr/bin/kubectl).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

kubectl="${KUBECTL:-/usr/bin/kubectl}"
if [[ ! -x "$kubectl" ]]; then
  echo "kubectl not found at $kubectl (set KUBECTL)" >&2
  exit 1
fi

# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am package \
  -DskipTests -Djacoco.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl bench dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime

jar="$root/server/target/cloudops-server-0.1.0-SNAPSHOT-exec.jar"
exec java -Xmx"${BENCH_XMX:-3g}" -XX:+UseG1GC \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.cloudops.bench.LogSearchBenchmark \
  --server-jar="$jar" --kubectl="$kubectl" --results="$root/bench/RESULTS.md" "$@"
