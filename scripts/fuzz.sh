#!/usr/bin/env bash
# npm run fuzz -- [--runs N] [--seed N]: fuzzes the api from its schema (apps/api/test/fuzz/) with N
# cases (default 20000) and a seed (default: a new random one, printed so that a failure can be
# replayed with --seed). Installs what is missing, starts MariaDB and Redis when needed and builds
# (the CLI that migrates and seeds the test database runs from dist/) unless JIPP_BUILT=1.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20000
seed=$(( (RANDOM << 15 | RANDOM) ))
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --seed) seed="$2"; shift 2 ;;
    --seed=*) seed="${1#*=}"; shift ;;
    *) echo "usage: npm run fuzz -- [--runs N] [--seed N]" >&2; exit 2 ;;
  esac
done
if ! [[ "$runs" =~ ^[0-9]+$ && "$seed" =~ ^-?[0-9]+$ ]]; then
  echo "[fuzz] --runs and --seed take integers" >&2
  exit 2
fi

bash scripts/ensure-deps.sh
bash scripts/services.sh
if [ "${JIPP_BUILT:-}" != 1 ]; then
  echo "[fuzz] build" >&2
  npm run build --silent
fi
echo "[fuzz] seed $seed, $runs cases; replay with: npm run fuzz -- --seed $seed --runs $runs" >&2
export JIPP_SERVICES_READY=1 JIPP_BUILT=1 FUZZ_RUNS="$runs" FUZZ_SEED="$seed"
npx jest --selectProjects e2e --testPathPatterns 'apps/api/test/fuzz/fuzz\.e2e-spec\.ts$' ${CI:+--ci}
