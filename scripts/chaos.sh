#!/usr/bin/env bash
# npm run chaos: the long fault runs (apps/api/test/faults/*.chaos-spec.ts): Redis and MariaDB
# restarted again and again under load, rolling restarts of the apis and the worker. Each run starts
# its own MariaDB and Redis (child processes on free ports, data in a temporary directory); the
# shared ones of scripts/services.sh are only used by the e2e global setup. Tables are printed and
# written to test-results/faults/*.json. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh
command -v redis-server >/dev/null && command -v mariadb-install-db >/dev/null || {
  echo "[chaos] needs redis-server and mariadb-install-db/mariadbd (apt-get install redis-server mariadb-server)" >&2
  exit 1
}
echo "[chaos] build" >&2
npm run build --silent
export JIPP_SERVICES_READY=1 JIPP_BUILT=1 JIPP_CHAOS=1
# one file at a time: the runs measure recovery times on a small machine
npx jest --selectProjects chaos --runInBand ${CI:+--ci} "$@"
echo "[chaos] results: test-results/faults/" >&2
