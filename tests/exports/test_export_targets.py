"""``--out`` that names no file, a folder that is a file, and what a killed export leaves: the
next export into the same folder removes it; folders of live exports and of other hosts stay."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import cli
from exports.atomic import STAGING_PREFIX, sweep_stale
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.exports.conftest import clean_parks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ws = Workspace.open(workspace_location(tmp_path_factory.mktemp("targets")))
    chosen, _ = clean_parks(ws.read("parks"), ws.read("parcels"), n=2)
    return ws, chosen


def _export(ws, parks, fmt, out) -> int:
    args = ["export", "--parks", ",".join(parks), "--format", fmt, "--out", str(out)]
    return cli.main([*args, "--workspace", ws.location])


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _staged(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX))


@pytest.mark.parametrize("out", ["", "/", ".", "sub/.."])
def test_an_out_that_names_no_file_is_one_line(sample, capsys, out):
    ws, chosen = sample
    assert _export(ws, chosen, "csv", out) == 2
    line = _one_line(capsys.readouterr().err)
    assert "--out must name a file" in line
    assert repr(out) in line


def test_an_out_inside_a_file_is_one_line_naming_that_file(sample, tmp_path, capsys):
    ws, chosen = sample
    blocker = tmp_path / "list.csv"
    blocker.write_bytes(b"earlier")
    for fmt in ("csv", "zip", "pdf"):
        assert _export(ws, chosen, fmt, blocker / "x.csv") == 2
        line = _one_line(capsys.readouterr().err)
        assert f"{blocker} is a file, not a folder" in line
    assert blocker.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_next_export_removes_what_a_killed_export_left(tmp_path):
    """kill -9 mid-zip leaves a hidden staging folder; the next export beside it removes it."""
    ws_path = tmp_path / "ws.gpkg"
    ws = Workspace.open(str(ws_path))
    chosen, _ = clean_parks(ws.read("parks"), ws.read("parcels"), n=2)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "pack.zip"
    assert _export(ws, chosen[:1], "zip", out) == 0
    earlier = _digest(out)
    script = f"""
import os, signal, sys, zipfile
sys.path.insert(0, {str(ROOT)!r})
real = zipfile.ZipFile.write
def write(self, *a, **k):
    real(self, *a, **k)
    if self.filename.endswith({out.name!r}):
        self.fp.flush()
        os.kill(os.getpid(), signal.SIGKILL)
zipfile.ZipFile.write = write
import cli
cli.main(["export", "--parks", {",".join(chosen)!r}, "--format", "zip", "--out", {str(out)!r},
          "--workspace", {str(ws_path)!r}])
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL
    assert _digest(out) == earlier
    left = _staged(out_dir)
    assert len(left) == 1  # the killed export's folder, holding its partial zip
    assert (out_dir / left[0] / out.name).is_file()
    # a live export's folder (this process) and another host's are not the killed one's
    mine = out_dir / f"{STAGING_PREFIX}{socket.gethostname()}-{os.getpid()}-keep"
    other = out_dir / f"{STAGING_PREFIX}elsewhere-1-keep"
    mine.mkdir()
    other.mkdir()

    assert _export(ws, chosen, "zip", out) == 0
    assert _staged(out_dir) == sorted([mine.name, other.name])
    assert sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".")) == [out.name]
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
    assert _digest(out) != earlier  # the new pack, of both parks


def test_sweep_keeps_folders_of_live_processes_and_files(tmp_path):
    host = socket.gethostname()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f"{STAGING_PREFIX}{host}-{child.pid}-a"
        live.mkdir()
        pid = [sys.executable, "-c", "import os; print(os.getpid())"]
        dead_pid = subprocess.run(pid, capture_output=True, text=True, check=True).stdout.strip()
        dead = tmp_path / f"{STAGING_PREFIX}{host}-{dead_pid}-b"
        (dead / "half").mkdir(parents=True)
        plain = tmp_path / f"{STAGING_PREFIX}{host}-{dead_pid}-c"
        plain.write_bytes(b"a file, not a staging folder")
        assert sweep_stale(tmp_path) == [dead]
        assert live.is_dir()
        assert not dead.exists()
        assert plain.is_file()
    finally:
        child.kill()
        child.wait()


EMPTY_PARK = "PY-DS-001"  # built 2009, after the 三旧 cut-off: no parcel of the sample overlaps it


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "gpkg", "zip"])
def test_the_cli_names_the_chosen_parks_without_parcels(sample, tmp_path, capsys, fmt):
    ws, chosen = sample
    assert _export(ws, [EMPTY_PARK, chosen[0]], fmt, tmp_path / f"a.{fmt}") == 0
    notes = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("注意 note")]
    assert len(notes) == 1
    assert notes[0].endswith(f"the list holds none of them: {EMPTY_PARK}")
    assert _export(ws, chosen, fmt, tmp_path / f"b.{fmt}") == 0
    assert "注意 note" not in capsys.readouterr().out
