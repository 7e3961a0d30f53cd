#!/usr/bin/env bash
# npm run demo: installs, starts MariaDB + Redis when needed, migrates, seeds, starts api and worker.
# Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh
npm run build --silent
node dist/apps/cli/src/main.js migrate
# the CLI prints the demo logins (from DEMO_USERS); keep that line for the banner
LOGINS="$(node dist/apps/cli/src/main.js seed --demo | tee /dev/stderr | sed -n 's/^\[cli\] demo users //p')"
# the dashboard's rollups, from what the seed wrote; the worker keeps them current from here on
node dist/apps/cli/src/main.js analytics rebuild
PORT="${PORT:-3000}"
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "[demo] stopping"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  exit 0
}
trap cleanup INT TERM EXIT
PORT="$PORT" node dist/apps/api/src/main.js & pids+=($!)
node dist/apps/worker/src/main.js & pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://localhost:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<INFO

  JIPP platform is running
    Dashboard        http://localhost:$PORT/dashboard/
    GraphQL sandbox  http://localhost:$PORT/graphql
    Health           http://localhost:$PORT/health/ready
    Metrics          http://localhost:$PORT/metrics
    Queue board      http://localhost:$PORT/admin/queues/login (admins)
  Demo logins $LOGINS
  Ctrl-C stops api and worker.

INFO
wait
