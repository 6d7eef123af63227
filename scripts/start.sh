#!/usr/bin/env bash
# Builds and starts Spoluplán (API and web app) on SQLite with demo data, and prints a sign-in.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_packages
step "Building the web app"
(cd frontend && npm run build)
step "Building the server"
cargo build --release --locked

export SPOLUPLAN_DEMO="${SPOLUPLAN_DEMO:-1}"
export SPOLUPLAN_ADMIN_EMAIL="${SPOLUPLAN_ADMIN_EMAIL:-admin@example.cz}"
export SPOLUPLAN_ADMIN_PASSWORD="${SPOLUPLAN_ADMIN_PASSWORD:-spoluplan-demo-admin}"
export SPOLUPLAN_BIND="${SPOLUPLAN_BIND:-127.0.0.1:8080}"
cat <<MSG

  Spoluplán:      http://${SPOLUPLAN_BIND}/
  API document:   http://${SPOLUPLAN_BIND}/api/v1/openapi.json
  Sign in as admin:        ${SPOLUPLAN_ADMIN_EMAIL} / ${SPOLUPLAN_ADMIN_PASSWORD}
  Demo coordinator:        koordinator@example.cz / spoluplan-demo
  E-mail:                  ${SPOLUPLAN_SMTP_URL:-written as .eml files to ${SPOLUPLAN_OUTBOX_DIR:-${SPOLUPLAN_DATA_DIR:-data}/outbox}/ (set SPOLUPLAN_SMTP_URL to send)}
  (data in ./data; stop with Ctrl+C)

MSG
# `serve` never makes a new database by itself (a missing one may be lost data): say so here,
# the first time, for the default SQLite file.
init=()
if [ -z "${DATABASE_URL:-}" ] && [ ! -f "${SPOLUPLAN_DATA_DIR:-data}/spoluplan.db" ]; then
  echo "  No database in ${SPOLUPLAN_DATA_DIR:-data}/ yet: starting a new one."
  init=(--init)
fi
exec ./target/release/spoluplan serve "${init[@]}"
