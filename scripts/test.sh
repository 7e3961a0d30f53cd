#!/usr/bin/env bash
# npm test: installs what is missing, starts MariaDB and Redis when needed, then lint, unit and
# integration tests. Extra arguments go to jest (e.g. npm test -- apps/api/test/auth.e2e-spec.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[test] lint: eslint, prettier, tsc" >&2
npm run lint --silent
echo "[test] build" >&2
npm run build --silent
export JIPP_SERVICES_READY=1 JIPP_BUILT=1
# two workers on this two-core machine; CI output without colours
npx jest --maxWorkers=2 ${CI:+--ci} "$@"
