#!/usr/bin/env bash
# Start ParkPlan on the bundled Panyu sample: creates .venv and installs what it needs.
# Usage: bash scripts/run.sh [extra streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv requirements.txt
# the briefing PDF embeds Noto Sans CJK; without it the app runs and the briefing says how to install
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && command -v apt-get >/dev/null; then
  echo "==> installing the CJK fonts of the briefing (fonts-noto-cjk)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null; } ||
    echo "==> could not install fonts-noto-cjk: the briefing PDF will ask for it" >&2
fi
export PARKPLAN_WORKSPACE="${PARKPLAN_WORKSPACE:-$PWD/workspace/parkplan.gpkg}"
echo "==> workspace: $PARKPLAN_WORKSPACE (created from the bundled sample if missing)"
# a workspace without accounts gets admin, with a one-time password printed here once
.venv/bin/python cli.py users ensure-admin --workspace "$PARKPLAN_WORKSPACE"
exec .venv/bin/python -m streamlit run app.py "$@"
