#!/usr/bin/env bash
# Checks that the served OpenAPI document tells the whole truth: schemathesis generates requests
# from it (valid and invalid ones) and runs every check (`--checks all`) on the answers, once
# anonymously and once as the demo coordinator. Any failure fails this script.
#
# Uses the debug build (run `cargo build` first; scripts/test.sh does), a temporary SQLite database
# with the demo data, and a free loopback port. Budget: SCHEMATHESIS_MAX_EXAMPLES per operation
# (default 10) with a fixed seed, so a run is short and repeatable; set SCHEMATHESIS_SEED to vary it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_schemathesis

binary=./target/debug/spoluplan
[ -x "$binary" ] || { echo "$binary is missing: run cargo build first"; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/api/v1"

step "schemathesis: starting the server on 127.0.0.1:$port (SQLite, demo data)"
# Generous abuse limits, so generated sign-ins, comments, needs and writes reach the handlers rather than a 429
# (a 429 is documented where it can come, and would pass, but would check less).
SPOLUPLAN_DEMO=1 \
  DATABASE_URL="sqlite://$work/st.db?mode=rwc" \
  SPOLUPLAN_DATA_DIR="$work/data" \
  SPOLUPLAN_BIND="127.0.0.1:$port" \
  SPOLUPLAN_LOGIN_FAILURES_PER_ACCOUNT=100000 \
  SPOLUPLAN_LOGIN_FAILURES_PER_ADDRESS=100000 \
  SPOLUPLAN_ANONYMOUS_COMMENTS_PER_ADDRESS=100000 \
  SPOLUPLAN_ANONYMOUS_NEEDS_PER_ADDRESS=100000 \
  SPOLUPLAN_ANONYMOUS_SURVEY_RESPONSES_PER_ADDRESS=100000 \
  SPOLUPLAN_WRITES_PER_ACCOUNT=100000 \
  RUST_LOG=warn \
  "$binary" serve --init >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done

token=$(curl -fs "$base/auth/login" -H 'content-type: application/json' \
  -d '{"email":"koordinator@example.cz","password":"spoluplan-demo"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

run() {
  local name=$1
  shift
  step "schemathesis: $name"
  schemathesis --config-file scripts/schemathesis.toml run "$base/openapi.json" \
    --checks all \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-10}" \
    --seed "${SCHEMATHESIS_SEED:-1}" \
    --no-color \
    --generation-database none \
    --report junit --report-junit-path "$work/$name.xml" \
    "$@"
}

failed=0
run anonymous || failed=1
# Signing out would end the very session this run uses (every later request would be a 401); the
# anonymous run covers that operation.
run coordinator -H "Authorization: Bearer $token" --exclude-path /api/v1/auth/logout || failed=1

# A 500 fails `not_a_server_error` above; a panic or an error-level log line fails here too.
if grep -Eq ' ERROR |panicked' "$work/server.log"; then
  echo "the server logged an internal error:"
  grep -E ' ERROR |panicked' "$work/server.log" | head -n 20
  failed=1
fi
if [ "$failed" = 0 ]; then
  echo "schemathesis: no failures (anonymous and coordinator, --checks all)"
else
  echo "schemathesis: failures above"
fi
exit "$failed"
