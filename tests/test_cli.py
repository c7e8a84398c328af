"""The command line: info on a fresh workspace, contract errors exit 3, usage errors exit 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

import cli
from store.workspace import Workspace
from tests.conftest import workspace_digest, workspace_location

ROOT = Path(__file__).resolve().parents[1]


def test_info_on_a_fresh_workspace_as_a_real_process(tmp_path):
    """The foundation's bar: 16 towns and a district of 518 km² ± 3 %."""
    ws = workspace_location(tmp_path, "fresh")
    out = subprocess.run(
        [sys.executable, "cli.py", "info", "--workspace", ws],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert Workspace.open(ws, create="never").layers()
    assert re.search(r"towns\s+镇街\s+16\b", out.stdout)
    assert "镇街 towns: 16" in out.stdout
    assert "调查年度 survey years: 2014, 2015, 2016, 2017" in out.stdout
    km2 = float(re.search(r"district area: ([\d.]+) km²", out.stdout).group(1))
    assert 518 * 0.97 <= km2 <= 518 * 1.03
    assert "survey years: 2014, 2015" in out.stdout
    assert "CRS: EPSG:4326 (areas in EPSG:4547)" in out.stdout
    for layer in ("parks", "parcels", "enterprises", "heat_sources", "sewage_plants"):
        assert re.search(rf"^\s+{layer}\s", out.stdout, re.MULTILINE)


def test_info_json(tmp_path, capsys):
    assert cli.main(["info", "--workspace", workspace_location(tmp_path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["layers"]["towns"] == 16
    assert info["survey_years"] == [2014, 2015, 2016, 2017]  # the plan's years (issue 23)


def test_import_contract_error_exits_3_and_writes_nothing(tmp_path, capsys):
    ws = workspace_location(tmp_path)
    assert cli.main(["info", "--workspace", ws]) == 0
    before = workspace_digest(Workspace.open(ws))
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"统一社会信用代码": ["91350100M000100Y44"], "企业名称": ["甲"]}).to_csv(
        bad, index=False, encoding="utf-8-sig"
    )
    code = cli.main(["import", str(bad), "--layer", "enterprises", "--workspace", ws])
    err = capsys.readouterr().err
    assert code == 3
    assert "bad.csv row 2: uscc（统一社会信用代码） = '91350100M000100Y44'" in err
    assert "industry_code（行业代码）" in err
    assert "required column is missing" in err
    assert workspace_digest(Workspace.open(ws)) == before


def test_usage_errors_exit_2(capsys):
    assert cli.main(["import", "x.csv", "--layer", "towns"]) == 2
    assert cli.main(["nonsense"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_sample_cannot_be_the_workspace(capsys):
    code = cli.main(["info", "--workspace", str(ROOT / "data" / "parks" / "panyu_sample.gpkg")])
    assert code == 1
    assert "read-only" in capsys.readouterr().err
