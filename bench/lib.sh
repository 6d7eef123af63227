# What every benchmark does before it measures: a release build, a fresh database (SQLite in a
# temporary folder, or a new PostgreSQL database), the server on a random loopback port, and a
# cleanup that stops it and drops what was made. Sourced after scripts/lib.sh.

# bench_database sqlite|postgres NAME: sets $work, $port and DATABASE_URL and the server's settings,
# and $spoluplan, the release binary (under CARGO_TARGET_DIR when that is set).
bench_database() {
  bench_kind="$1"
  step "Building the release server"
  cargo build --release --locked -q
  spoluplan="${CARGO_TARGET_DIR:-target}/release/spoluplan"
  work=$(mktemp -d)
  port=$((20000 + RANDOM % 20000))
  if [ "$bench_kind" = postgres ]; then
    ensure_postgres
    bench_dbname="spoluplan_$2_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $bench_dbname" postgres
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$bench_dbname"
  else
    export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
  fi
  export SPOLUPLAN_DATA_DIR="$work" SPOLUPLAN_BIND="127.0.0.1:$port" RUST_LOG=warn
  base="http://127.0.0.1:$port/api/v1"
}

# bench_serve: starts the seeded server in the background ($server), stops it and removes the
# database on exit, and waits until it is live.
bench_serve() {
  "$spoluplan" serve 2>"$work/server.log" &
  server=$!
  trap bench_cleanup EXIT
  for _ in $(seq 1 50); do curl -fsS "$base/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
}

bench_cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ "$bench_kind" = postgres ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $bench_dbname" postgres || true; fi
  rm -rf "$work"
}

# measure WRK-ARGS…: runs wrk (-t2 -c16 for $duration seconds) and prints "requests/s p99_ms non-2xx".
measure() {
  local out
  out=$(wrk --latency -t2 -c16 -d"${duration}s" "$@" 2>&1)
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
print(f"{rps:.0f} {p99:.2f} {non2xx.group(1) if non2xx else 0}")
PY
}
