#!/usr/bin/env bash
# Run every test: lint, type check, unit, AppTest and browser tests — the whole suite twice, on
# GeoPackage workspaces and on PostGIS ones (a throwaway PostgreSQL + PostGIS server started
# here in a temporary folder, on a Unix socket, and stopped at the end).
# Installs the test needs too: .venv from requirements-dev.txt, Debian's Chromium, CJK fonts,
# poppler-utils, PostgreSQL and PostGIS when missing. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
source scripts/_pg.sh
ensure_venv requirements-dev.txt

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" ||
   ! command -v pdftoppm >/dev/null; then
  echo "==> installing Chromium, CJK fonts and poppler-utils from the system package manager"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null
fi

pg_install
pg_start

echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy
echo "==> mypy --strict on the settings (config/)"
.venv/bin/mypy --strict config
echo "==> pytest on GeoPackage workspaces"
PARKPLAN_TEST_BACKEND=gpkg .venv/bin/python -m pytest "$@"
echo "==> pytest on PostGIS workspaces"
PARKPLAN_TEST_BACKEND=postgis .venv/bin/python -m pytest "$@"
