#!/usr/bin/env bash
# End-to-end benchmark of backup, restore preview and restore of 10,000 objects between two mock API servers;
# see RESULTS.md.
#
#   bench/run-backup-restore.sh                              # 10,000 objects, appends to bench/RESULTS.md
#   bench/run-backup-restore.sh --objects=500 --results=     # smoke run
#
# Builds the server's executable jar and the bench classes (no tests), then runs
# dev.cloudops.bench.BackupRestoreBenchmark in a JVM that hosts the mock API servers and starts the server as a
# child process. Options are passed through (see the class's Javadoc). Env: BENCH_XMX (bench JVM heap, default
# 1536m), MAVEN_ARGS (e.g. -o to stay offline).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# One reactor run, so that the bench's classpath takes this checkout's server module, not whatever
# cloudops-server snapshot another checkout may have installed in the local repository.
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am package dependency:build-classpath \
  -DskipTests -Djacoco.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime

jar="$root/server/target/cloudops-server-0.1.0-SNAPSHOT-exec.jar"
exec java -Xmx"${BENCH_XMX:-1536m}" -XX:+UseG1GC \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.cloudops.bench.BackupRestoreBenchmark \
  --server-jar="$jar" --results="$root/bench/RESULTS.md" "$@"
