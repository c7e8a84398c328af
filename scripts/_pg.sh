# Sourced by test.sh: a throwaway PostgreSQL + PostGIS server for the tests.
#
# pg_install   installs PostgreSQL and PostGIS from the system packages when missing.
# pg_start     initdb in a temporary folder, start the server on a Unix socket in that folder
#              (no TCP port; local logins trusted, except the role parkplan_pw, which the
#              tests create with a password of their own), create the database parkplan_test
#              with PostGIS, and export PARKPLAN_TEST_PG. The server is stopped and its folder
#              removed on exit.
set -euo pipefail

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; fi
  done | sort -V | tail -n 1
}

pg_install() {
  local bindir; bindir=$(pg_bindir)
  if [ -n "$bindir" ] && [ -n "$(ls /usr/share/postgresql/*/extension/postgis.control 2>/dev/null)" ]; then
    return 0
  fi
  # PostGIS for the server already there (postgresql-15-postgis-3 on Debian 12), else both
  local packages="postgresql postgis"
  if [ -n "$bindir" ]; then
    packages="postgresql-$(basename "$(dirname "$bindir")")-postgis-3"
  fi
  echo "==> installing $packages from the system package manager"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages >/dev/null
}

# Run a server command as the postgres system user when we are root (PostgreSQL refuses root).
_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local bindir; bindir=$(pg_bindir)
  PG_TMP=$(mktemp -d /tmp/parkplan-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TMP"
  _pg_as "$bindir/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # one login that must give a password (the tests of ~/.pgpass and of a refused login); every
  # other local login is trusted (the socket is in a private folder, and no TCP port is open)
  _pg_as sh -c "{ echo 'local all parkplan_pw scram-sha-256'; cat '$PG_TMP/data/pg_hba.conf'; } \
    > '$PG_TMP/hba' && mv '$PG_TMP/hba' '$PG_TMP/data/pg_hba.conf'"
  _pg_as "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
    -o "-c listen_addresses='' -k $PG_TMP -c max_connections=200 -c fsync=off" start >/dev/null
  trap pg_stop EXIT
  "$bindir/createdb" -h "$PG_TMP" -U postgres parkplan_test
  "$bindir/psql" -q -h "$PG_TMP" -U postgres -d parkplan_test -c "CREATE EXTENSION postgis" >/dev/null
  export PARKPLAN_TEST_PG="postgresql://postgres@/parkplan_test?host=$PG_TMP"
  echo "==> throwaway PostGIS server on $PG_TMP ($("$bindir/postgres" --version))"
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
    _pg_as "$(pg_bindir)/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
