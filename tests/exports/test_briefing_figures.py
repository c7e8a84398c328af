"""The briefing draws on plain matplotlib Figure objects: importing it leaves the backend alone
and pyplot (its global figures) unused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_briefing_keeps_the_backend_and_skips_pyplot():
    code = (
        "import sys, matplotlib, exports.briefing, exports.briefing_map;"
        "print(matplotlib.get_backend().lower(), 'matplotlib.pyplot' in sys.modules)"
    )
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["svg", "False"]
