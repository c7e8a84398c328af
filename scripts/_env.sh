# Shared by run.sh and test.sh: make .venv with Python 3.11 and install a requirements file
# when it changed since the last install (a stamp holds its hash).
set -euo pipefail

find_python() {
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "ParkPlan needs Python 3.11 or newer (python3.11 not found)" >&2
  return 1
}

ensure_venv() {
  local req="$1"
  if [ ! -x .venv/bin/python ]; then
    local py; py=$(find_python)
    echo "==> creating .venv with $($py --version)"
    "$py" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  local stamp=".venv/.installed-$(basename "$req")"
  local want; want=$(cat "$req" requirements.txt | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing $req"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
  .venv/bin/python scripts/setup_static.py
}
