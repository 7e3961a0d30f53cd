#!/usr/bin/env bash
# Makes sure Debian's `chromium` is installed (the dashboard's browser test drives it through
# playwright-core, which downloads no browser of its own). Idempotent: prints the binary's path.
#
#   CHROMIUM_PATH set and executable -> use it
#   /usr/bin/chromium present        -> use it
#   otherwise                        -> apt-get install chromium (as root, or through sudo)
set -euo pipefail

log() { echo "[chromium] $*" >&2; }

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "$CHROMIUM_PATH"
  exit 0
fi
if [ -x /usr/bin/chromium ]; then
  echo /usr/bin/chromium
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH"
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { log "need root (or sudo) to apt-get install chromium"; exit 1; }
  SUDO="sudo -n"
fi
# one installer at a time: parallel test files may all find it missing
exec 9>/tmp/jipp-chromium-install.lock
flock 9
if [ ! -x /usr/bin/chromium ]; then
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
  log "apt-get install chromium"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
[ -x /usr/bin/chromium ] || { log "apt-get finished but /usr/bin/chromium is still missing"; exit 1; }
echo /usr/bin/chromium
