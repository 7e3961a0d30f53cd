#!/usr/bin/env bash
# npm run demo: installs, starts MariaDB + Redis when needed, migrates, seeds, starts api and worker.
# Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh
npm run build --silent
node dist/apps/cli/src/main.js migrate
node dist/apps/cli/src/main.js seed --demo
PORT="${PORT:-3000}"
pids=()
cleanup() { echo; echo "[demo] stopping"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup INT TERM EXIT
PORT="$PORT" node dist/apps/api/src/main.js & pids+=($!)
node dist/apps/worker/src/main.js & pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<INFO

  JIPP platform is running
    GraphQL sandbox  http://localhost:$PORT/graphql
    Health           http://localhost:$PORT/health/ready
    Metrics          http://localhost:$PORT/metrics
  Demo logins (password: jipp-demo-2026)
    admin@jipp.demo               ADMIN (KemenPANRB)
    koordinator.jatim@jipp.demo   COORDINATOR (JIPP Jawa Timur)
    admin.banyuwangi@jipp.demo    AGENCY_ADMIN (Pemkab Banyuwangi)
    anggota.banyuwangi@jipp.demo  MEMBER (Pemkab Banyuwangi)
  Ctrl-C stops api and worker.

INFO
wait
