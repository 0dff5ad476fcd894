#!/usr/bin/env bash
# Real MCP clients against the built server in demo mode: the MCP conformance suite's server scenarios and the
# official TypeScript SDK client (over Streamable HTTP and over stdio through `cloudops mcp`). Called by .ci/run
# after `mvn -B verify`; needs the server's -exec jar and the CLI's -all jar in the target directories.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
server_jar="$(ls "$root"/server/target/cloudops-server-*-exec.jar | head -1)"
cli_jar="$(ls "$root"/cli/target/cloudops-cli-*-all.jar | head -1)"

work="$(mktemp -d)"
server_pid=""
proxy_pid=""
cleanup() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Node packages in a scratch directory, exactly as the lock file pins them; nothing is installed in the repository.
cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$work/"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
password="mcp-ci-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
CLOUDOPS_ADMIN_PASSWORD="$password" java -Xmx512m -jar "$server_jar" --demo --server.port="$port" \
  --server.address=127.0.0.1 --cloudops.data-dir="$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"

echo "mcp: waiting for the demo server on $base"
for _ in $(seq 1 180); do
  if grep -q "Simulated cluster 'demo' (id [0-9]*) is ready" "$work/server.log" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then tail -50 "$work/server.log"; echo "mcp: the server died" >&2; exit 1; fi
  sleep 1
done
grep -q "Simulated cluster 'demo' (id [0-9]*) is ready" "$work/server.log" \
  || { tail -50 "$work/server.log"; echo "mcp: the demo cluster did not come up" >&2; exit 1; }

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
login="$(curl -sf "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | json_field token)"
token="$(curl -sf "$base/api/auth/tokens" -H 'Content-Type: application/json' -H "Authorization: Bearer $login" \
  -d '{"name":"mcp-ci","expiresInDays":1}' | json_field token)"

# (a) conformance scenarios. The conformance CLI cannot send an Authorization header, so it talks to a small
# proxy that adds the API token (auth-proxy.mjs).
TARGET="$base" CLOUDOPS_TOKEN="$token" node "$work/auth-proxy.mjs" >"$work/proxy.port" 2>"$work/proxy.log" &
proxy_pid=$!
for _ in $(seq 1 50); do [ -s "$work/proxy.port" ] && break; sleep 0.2; done
proxy="http://127.0.0.1:$(head -1 "$work/proxy.port")/mcp"
failed=0
for scenario in server-initialize ping tools-list; do
  if (cd "$work" && npx --no-install conformance server --url "$proxy" --scenario "$scenario" \
        -o "$work/conformance-$scenario" >"$work/conformance-$scenario.log" 2>&1); then
    if grep -q "FAILURE" "$work/conformance-$scenario.log" || ! grep -q "SUCCESS" "$work/conformance-$scenario.log"; then
      failed=1; echo "mcp: conformance $scenario reported failures:"; cat "$work/conformance-$scenario.log"
    else
      echo "mcp: conformance $scenario passed ($(grep -c SUCCESS "$work/conformance-$scenario.log") successful checks)"
    fi
  else
    failed=1; echo "mcp: conformance $scenario failed:"; cat "$work/conformance-$scenario.log"
  fi
done

# (b) the official TypeScript client over Streamable HTTP and, through the CLI, over stdio.
if ! (cd "$work" && CLOUDOPS_SERVER="$base" CLOUDOPS_TOKEN="$token" CLOUDOPS_CLI_JAR="$cli_jar" \
      node client-check.mjs); then
  failed=1
  echo "mcp: the TypeScript client check failed"
fi
if [ "$failed" != 0 ]; then
  echo "mcp: server log tail:"; tail -40 "$work/server.log"
  exit 1
fi
echo "mcp: conformance scenarios and client checks passed"
