#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit and integration tests (SQLite and PostgreSQL), schemathesis over the
# served OpenAPI document, the web app's
# type check, unit tests, bundle budget (250 kB gzipped initial JS) and browser tests in
# Debian's Chromium. Installs what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_postgres
ensure_node_packages

step "Rust: formatting (cargo fmt --check)"
cargo fmt --all --check || { echo "the tree is not formatted: run cargo fmt --all"; exit 1; }
step "Rust: build"
cargo build --locked --all-targets
step "Rust: lints (cargo clippy -D warnings; clippy.toml names the methods we forbid)"
cargo clippy --locked --workspace --all-targets -- -D warnings
step "Rust: OpenAPI document is up to date"
./target/debug/spoluplan openapi | diff -u openapi.yaml - || { echo "openapi.yaml is stale: run ./target/debug/spoluplan openapi > openapi.yaml"; exit 1; }
step "OpenAPI document validates as OpenAPI 3.1"
ensure_spec_validator
python3 -m openapi_spec_validator openapi.yaml
step "Rust: unit and integration tests (SQLite and PostgreSQL)"
cargo test --locked --workspace
step "API: the served OpenAPI document against the server (schemathesis, --checks all)"
bash scripts/schemathesis.sh

step "Web app: generated client, types, lint (ESLint, import directions), unit tests, build, bundle budget"
(cd frontend && npm run check:api && npm run typecheck && npm run lint && npm run test:unit && npm run build && npm run size)

ensure_chromium
step "Web app: browser tests against the real server"
(cd frontend && npm run test:e2e)
