#!/usr/bin/env bash
# Start ParkPlan on the bundled Panyu sample: creates .venv and installs what it needs.
# Usage: bash scripts/run.sh [extra streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv requirements.txt
export PARKPLAN_WORKSPACE="${PARKPLAN_WORKSPACE:-$PWD/workspace/parkplan.gpkg}"
echo "==> workspace: $PARKPLAN_WORKSPACE (created from the bundled sample if missing)"
exec .venv/bin/python -m streamlit run app.py "$@"
