#!/usr/bin/env bash
# Makes sure MariaDB/MySQL and Redis are reachable, then creates the `jipp` and `jipp_test`
# databases and the application user. Idempotent: a second run changes nothing.
#
#   DATABASE_URL / REDIS_URL set     -> use them as they are (only wait until they answer)
#   127.0.0.1:3306 and :6379 answer  -> use them (MariaDB `root` with an empty password)
#   otherwise                        -> apt-get install mariadb-server / redis-server when missing,
#                                       start them and wait until they answer
#
# Writes the URLs the app and the tests should use to `.env.services` (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/.env.services"
APP_USER="${JIPP_DB_USER:-jipp}"
APP_PASSWORD="${JIPP_DB_PASSWORD:-jipp}"
DB_NAME="${JIPP_DB_NAME:-jipp}"
TEST_DB_NAME="${JIPP_TEST_DB_NAME:-jipp_test}"

log() { echo "[services] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host="$1" port="$2" name="$3" tries=0
  until port_open "$host" "$port"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ]; then
      log "$name did not answer on $host:$port after 60 s"
      exit 1
    fi
    sleep 0.5
  done
}

# host and port of a URL such as mysql://u:p@host:3306/db, mariadb://... or redis://host:6379/0
url_host() { echo "$1" | sed -E 's#^[a-z0-9+]+://([^@/]*@)?\[?([^]:/]+)\]?.*#\2#'; }
url_port() {
  local p
  p="$(echo "$1" | sed -nE 's#^[a-z0-9+]+://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p')"
  echo "${p:-$2}"
}

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "need $* but apt-get is not available: install it, or set DATABASE_URL / REDIS_URL"
    exit 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

start_mariadb() {
  if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
    apt_install mariadb-server mariadb-client
  fi
  local daemon
  daemon="$(command -v mariadbd || command -v mysqld)"
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "initialising the MariaDB data directory"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  log "starting MariaDB"
  # setsid: the server outlives this script and the npm command that ran it.
  setsid "$daemon" --user=mysql --datadir=/var/lib/mysql --bind-address=127.0.0.1 --port=3306 \
    --socket=/run/mysqld/mysqld.sock --innodb-buffer-pool-size=512M --max-connections=500 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    >/tmp/jipp-mariadb.log 2>&1 </dev/null &
  wait_port 127.0.0.1 3306 MariaDB
  # the port opens a moment before the server accepts logins
  local tries=0
  until mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -gt 60 ] && { log "MariaDB does not accept logins; see /tmp/jipp-mariadb.log"; exit 1; }
    sleep 0.5
  done
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
  fi
  log "starting Redis"
  mkdir -p /var/lib/jipp-redis
  redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --dir /var/lib/jipp-redis \
    --appendonly yes --maxmemory-policy noeviction --save '' \
    --logfile /tmp/jipp-redis.log >/dev/null
  wait_port 127.0.0.1 6379 Redis
}

# Runs SQL as an administrator: the local root over the socket, else root@127.0.0.1 with an empty
# password (with the mariadb/mysql client, else with node + mysql2).
admin_sql() {
  local client
  client="$(command -v mariadb || command -v mysql || true)"
  if [ -n "$client" ]; then
    if "$client" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      "$client" -N -B -uroot -e "$1"
      return
    fi
    if "$client" -h127.0.0.1 -P3306 -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      "$client" -N -B -h127.0.0.1 -P3306 -uroot -e "$1"
      return
    fi
  fi
  SQL="$1" node -e "
    const mysql = require('mysql2/promise');
    (async () => {
      const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', multipleStatements: true });
      const [rows] = await c.query({ sql: process.env.SQL, rowsAsArray: true });
      for (const row of [rows].flat().filter(Array.isArray)) console.log(row.join('\\t'));
      await c.end();
    })().catch((e) => { console.error('[services] cannot administer MariaDB as root: ' + e.message); process.exit(1); });
  "
}

provision_database() {
  log "creating databases '$DB_NAME', '$TEST_DB_NAME' and user '$APP_USER'"
  admin_sql "
    CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE DATABASE IF NOT EXISTS \`$TEST_DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS '$APP_USER'@'localhost' IDENTIFIED BY '$APP_PASSWORD';
    CREATE USER IF NOT EXISTS '$APP_USER'@'127.0.0.1' IDENTIFIED BY '$APP_PASSWORD';
    GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$APP_USER'@'localhost', '$APP_USER'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON \`${TEST_DB_NAME//_/\\_}%\`.* TO '$APP_USER'@'localhost', '$APP_USER'@'127.0.0.1';
  "
}

if [ -n "${DATABASE_URL:-}" ]; then
  log "using DATABASE_URL"
  wait_port "$(url_host "$DATABASE_URL")" "$(url_port "$DATABASE_URL" 3306)" "database"
  DB_URL="$DATABASE_URL"
  TEST_DB_URL="${TEST_DATABASE_URL:-$DATABASE_URL}"
else
  if port_open 127.0.0.1 3306; then
    log "MariaDB/MySQL answers on 127.0.0.1:3306"
  else
    start_mariadb
  fi
  provision_database
  # mariadb:// tells TypeORM it talks to MariaDB (it reads the two catalogues differently)
  scheme=mysql
  admin_sql "SELECT VERSION()" | grep -qi mariadb && scheme=mariadb
  # a server on this machine is reached through its Unix socket when it has one: about half the
  # time and CPU of TCP on loopback per statement (mysql2 and the platform read ?socketPath=)
  query=""
  socket="$(admin_sql "SELECT @@socket" 2>/dev/null | head -n 1 || true)"
  if [ -n "$socket" ] && [ -S "$socket" ]; then
    query="?socketPath=$socket"
  fi
  DB_URL="$scheme://$APP_USER:$APP_PASSWORD@127.0.0.1:3306/$DB_NAME$query"
  TEST_DB_URL="$scheme://$APP_USER:$APP_PASSWORD@127.0.0.1:3306/$TEST_DB_NAME$query"
fi

if [ -n "${REDIS_URL:-}" ]; then
  log "using REDIS_URL"
  wait_port "$(url_host "$REDIS_URL")" "$(url_port "$REDIS_URL" 6379)" "Redis"
  R_URL="$REDIS_URL"
else
  if port_open 127.0.0.1 6379; then
    log "Redis answers on 127.0.0.1:6379"
  else
    start_redis
  fi
  R_URL="redis://127.0.0.1:6379/0"
fi

# a development signing key, made once and kept (set JWT_SECRET yourself in production)
JWT="$(sed -n 's/^JWT_SECRET=//p' "$OUT" 2>/dev/null || true)"
[ -n "$JWT" ] || JWT="$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)"

umask 077
cat >"$OUT.tmp" <<EOF
DATABASE_URL=$DB_URL
TEST_DATABASE_URL=$TEST_DB_URL
REDIS_URL=$R_URL
JWT_SECRET=$JWT
EOF
mv "$OUT.tmp" "$OUT"
log "ready: database and Redis answer (URLs in .env.services)"
