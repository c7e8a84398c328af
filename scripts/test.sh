#!/usr/bin/env bash
# Run every test: lint, type check, unit, AppTest and browser tests.
# Installs the test needs too: .venv from requirements-dev.txt, and Debian's Chromium and CJK
# fonts when /usr/bin/chromium is missing. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv requirements-dev.txt

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" ||
   ! command -v pdftoppm >/dev/null; then
  echo "==> installing Chromium, CJK fonts and poppler-utils from the system package manager"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null
fi

echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/python -m pytest "$@"
