"""A read of an untrusted file runs in a worker process within a time and a memory budget.

The budgets are made tiny through the limits (``[import] read_timeout_s`` / ``read_memory_mb``);
the file is real: a 40 MB CSV that takes longer and needs more memory than the budgets.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
import types
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import cli
from errors import ValidationError
from geo.read_budget import read_budgeted
from geo.readers import read_file
from geo.readers_guard import MIB, ReadLimits
from store.imports import ImportSettings, plan_import
from store.workspace import Workspace
from tests.conftest import workspace_digest, workspace_location

LIMITS = ReadLimits.default()


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """1.2 M rows, 40 MB: ~1 s to read on this machine, ~0.4 GB of address space."""
    path = tmp_path_factory.mktemp("budget") / "big.csv"
    lines = (f"甲企业 {i},town {i % 20},C{i % 999}\n" for i in range(1_200_000))
    path.write_text("name,town,code\n" + "".join(lines), encoding="utf-8")
    return path


def test_the_budget_comes_from_the_config():
    assert LIMITS.read_timeout_s == 60.0
    assert LIMITS.read_memory == 1024 * MIB


def test_a_read_over_the_time_budget_is_stopped_at_it(big_csv):
    limits = dataclasses.replace(LIMITS, read_timeout_s=0.1)
    start = time.perf_counter()
    with pytest.raises(ValidationError, match=r"read time = '> 0.1 s'") as caught:
        read_budgeted(big_csv, layer="enterprises", limits=limits)
    assert time.perf_counter() - start < 0.1 + 3.0  # the budget plus the worker's start and kill
    assert "[import] read_timeout_s" in str(caught.value)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].file == "big.csv"


def test_a_read_over_the_memory_budget_is_refused(big_csv):
    path = big_csv
    assert path.stat().st_size > 30 * MIB
    limits = dataclasses.replace(LIMITS, read_memory=40 * MIB)
    with pytest.raises(ValidationError, match=r"read memory = '> 40 MiB'") as caught:
        read_budgeted(path, layer="enterprises", limits=limits)
    assert "[import] read_memory_mb" in str(caught.value)
    # the same file within the default budget is read in full, as in this process
    raw = read_budgeted(path, layer="enterprises", limits=LIMITS)
    assert len(raw.frame) == 1_200_000
    assert raw.frame.iloc[-1].tolist() == ["甲企业 1199999", "town 19", f"C{1_199_999 % 999}"]


def test_a_normal_file_reads_the_same_as_in_this_process(tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("企业名称,行业代码\n甲公司,2614\n乙公司,\n".encode("gbk"))
    gpkg = tmp_path / "parks.gpkg"
    parks = gpd.GeoDataFrame({"name": ["甲", "乙"]}, geometry=[shapely.box(0, 0, 1, 1)] * 2)
    parks.set_crs(4326).to_file(gpkg, layer="parks")
    for path, layer in [(gbk, "enterprises"), (gpkg, "parks")]:
        here = read_file(path, layer=layer, limits=LIMITS)
        there = read_budgeted(path, layer=layer, limits=LIMITS)
        assert type(there.frame) is type(here.frame)
        pd.testing.assert_frame_equal(there.frame, here.frame)
        assert there.warnings == here.warnings
        assert there.row_offset == here.row_offset
    assert read_budgeted(gbk, limits=LIMITS).warnings[0].value == "GBK"
    assert read_budgeted(gpkg, layer="parks", limits=LIMITS).frame.crs == "EPSG:4326"


def test_a_refusal_in_the_worker_is_the_same_refusal_with_its_log_and_no_traceback(
    tmp_path, caplog, capfd
):
    broken = tmp_path / "broken.xlsx"  # a workbook whose sheet is not XML: openpyxl fails
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "not xml at all <<<")
    wrong = tmp_path / "names.txt"
    wrong.write_text("a\n")
    for path in (broken, wrong):
        with pytest.raises(ValidationError) as here:
            read_file(path, layer="enterprises", limits=LIMITS)
        caplog.clear()
        with caplog.at_level(logging.INFO), pytest.raises(ValidationError) as there:
            read_budgeted(path, layer="enterprises", limits=LIMITS)
        assert type(there.value) is ValidationError
        assert str(there.value) == str(here.value)
        assert there.value.problems == here.value.problems
    # the parser's traceback reached this process's log (replayed), never the terminal
    with caplog.at_level(logging.INFO):
        caplog.clear()
        with pytest.raises(ValidationError):
            read_budgeted(broken, layer="enterprises", limits=LIMITS)
    failed = [r for r in caplog.records if r.name == "geo.readers" and r.levelname == "WARNING"]
    assert failed
    assert "Traceback" in (failed[0].exc_text or "")
    assert "Traceback" not in capfd.readouterr().err


def test_an_import_over_the_budget_exits_3_and_leaves_the_workspace_as_it_was(
    tmp_path, big_csv, capsys, monkeypatch
):
    ws = workspace_location(tmp_path)
    assert cli.main(["info", "--workspace", ws]) == 0
    before = workspace_digest(Workspace.open(ws))
    path = big_csv
    tight = ImportSettings(limits=dataclasses.replace(LIMITS, read_timeout_s=0.1))
    monkeypatch.setattr(ImportSettings, "from_config", classmethod(lambda cls, config=None: tight))
    start = time.perf_counter()
    code = cli.main(["import", str(path), "--layer", "enterprises", "--workspace", ws])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 3
    assert "big.csv: read time = '> 0.1 s'" in err
    assert "[import] read_timeout_s" in err
    assert "Traceback" not in err
    assert elapsed < 0.1 + 5.0
    assert workspace_digest(Workspace.open(ws)) == before
    # the page's path (plan_import) is the same read
    with pytest.raises(ValidationError, match=r"read_timeout_s"):
        plan_import(Workspace.open(ws), path, layer="enterprises", settings=tight)
    assert workspace_digest(Workspace.open(ws)) == before


def test_the_worker_does_not_run_the_main_script_again(tmp_path, monkeypatch):
    """Under Streamlit ``__main__`` is the app script; a worker that re-ran it would draw the
    app before reading (multiprocessing re-runs the parent's main script by default)."""
    marker = tmp_path / "ran.txt"
    script = tmp_path / "app.py"
    script.write_text(f"open({str(marker)!r}, 'a').write('ran\\n')\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    path = tmp_path / "firms.csv"
    path.write_text("name\n甲\n", encoding="utf-8")
    assert read_budgeted(path, limits=LIMITS).frame["name"].tolist() == ["甲"]
    assert not marker.exists()
