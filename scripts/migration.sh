#!/usr/bin/env bash
# npm run migration:generate -- <Name> | migration:run | migration:revert
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
npm run build --silent
DS=dist/apps/cli/src/data-source.js
case "$1" in
  generate)
    name="${2:?usage: npm run migration:generate -- <Name>}"
    npx typeorm migration:generate -d "$DS" --pretty "libs/core/src/database/migrations/$name"
    npx prettier --write libs/core/src/database/migrations >/dev/null ;;
  run) node dist/apps/cli/src/main.js migrate ;;
  revert) npx typeorm migration:revert -d "$DS" ;;
  *) echo "usage: migration.sh generate <Name> | run | revert" >&2; exit 2 ;;
esac
