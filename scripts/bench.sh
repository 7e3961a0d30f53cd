#!/usr/bin/env bash
# npm run bench -- [NAME...] [options]: installs what is missing, starts MariaDB and Redis when
# needed, builds the project and the benchmarks, then runs the named benchmarks (all when none).
# `npm run bench -- --help` lists them and their options. Not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh
echo "[bench] build" >&2
npm run build --silent
npx tsc -p bench/tsconfig.json
exec node dist/bench/run.js "$@"
