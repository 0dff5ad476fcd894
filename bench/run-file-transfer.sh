#!/usr/bin/env bash
# End-to-end benchmark of file transfers into and out of containers: a 1 GiB file downloaded, its directory
# downloaded as tar, and a 1 GiB tar stream uploaded, each checked by SHA-256 while the server's heap is sampled
# (server under -Xmx256m by default); peers: fabric8's file().read() from the bench JVM and kubectl cp. See RESULTS.md.
#
#   bench/run-file-transfer.sh                                  # 1 GiB; appends to RESULTS.md
#   bench/run-file-transfer.sh --size-mb=64 --results=          # smoke run
#
# Builds the server's executable jar and the bench classes (no tests), then runs
# dev.cloudops.bench.FileTransferBenchmark in a JVM that hosts the mock API server (whose exec runs real processes
# here) and starts the server as a child process. Options are passed through (see the class's Javadoc).
# Env: BENCH_XMX (bench JVM heap, default 1g), MAVEN_ARGS (e.g. -o to stay offline), KUBECTL (default /usr/bin/kubectl).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -pl server,bench -am package \
  -DskipTests -Djacoco.skip=true -Dspotbugs.skip=true -Dspotless.check.skip=true
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -pl bench dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime

jar="$root/server/target/cloudops-server-0.1.0-SNAPSHOT-exec.jar"
exec java -Xmx"${BENCH_XMX:-1g}" -XX:+UseG1GC \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.cloudops.bench.FileTransferBenchmark \
  --server-jar="$jar" --kubectl="${KUBECTL:-/usr/bin/kubectl}" --results="$root/bench/RESULTS.md" "$@"
