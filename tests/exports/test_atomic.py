"""Exports that cannot destroy: the workspace and its files are refused as targets, a failure
mid-write leaves the earlier file byte-identical and nothing beside it, an unwritable target is
one line (no traceback), and a park without parcels is a clear message or a note."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from exports.atomic import atomic_path, publish
from exports.pack import NOTE_FILE
from geo.crs import AREA_CRS
from store.workspace import Workspace, is_database_location
from tests.conftest import workspace_digest, workspace_location
from tests.exports.conftest import clean_parks

ROOT = Path(__file__).resolve().parents[2]
EMPTY_PARK = "PY-DS-001"  # built 2009, after the 三旧 cut-off: no parcel of the sample overlaps it


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A workspace from the sample and three parks with clean 三旧 parcels."""
    ws = Workspace.open(workspace_location(tmp_path_factory.mktemp("atomic")))
    chosen, listed = clean_parks(ws.read("parks"), ws.read("parcels"))
    return ws, chosen, listed


def _export(ws, parks, fmt, out, *extra) -> int:
    args = ["export", "--parks", ",".join(parks), "--format", fmt, "--out", str(out), *extra]
    return cli.main([*args, "--workspace", ws.location])


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _protected(ws) -> list[Path]:
    """The workspace's files, named here from the back end's documented layout."""
    files = [ws.errors_log]
    if not is_database_location(ws.location):
        db = Path(ws.location)
        files += [db, Path(f"{db}-wal"), Path(f"{db}-journal"), Path(f"{db}.lock")]
        files += [db.with_name(f"{db.stem}.irradiance.tif"), db.with_name(f"{db.stem}.landuse.tif")]
        files += [db.with_name(f"{db.stem}.landuse_classes.csv")]
    return files


# --- the workspace is never a target ----------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "zip", "gpkg", "txt"])
def test_export_onto_the_workspace_or_its_files_is_refused_and_changes_nothing(
    sample, tmp_path, capsys, fmt
):
    ws, chosen, _ = sample
    for target in _protected(ws):
        before = workspace_digest(ws)
        existed = target.exists()
        old = _digest(target) if existed else None
        assert _export(ws, chosen, fmt, target) == 2
        line = _one_line(capsys.readouterr().err)
        assert str(target) in line
        assert "workspace" in line
        assert workspace_digest(ws) == before
        assert (_digest(target) if target.exists() else None) == old
        assert not Path(f"{target}.manifest.json").exists()


def test_a_link_to_the_workspace_is_refused_too(tmp_path, capsys):
    ws = Workspace.open(str(tmp_path / "ws.gpkg"))  # a file workspace on every back end
    chosen, _ = clean_parks(ws.read("parks"), ws.read("parcels"), n=1)
    before = _digest(tmp_path / "ws.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    (out / "soft.csv").symlink_to(tmp_path / "ws.gpkg")
    os.link(tmp_path / "ws.gpkg", out / "hard.csv")
    for name in ("soft.csv", "hard.csv"):
        assert _export(ws, chosen, "csv", out / name) == 2
        assert "workspace" in _one_line(capsys.readouterr().err)
    assert _digest(tmp_path / "ws.gpkg") == before
    assert Workspace.open(str(tmp_path / "ws.gpkg")).read("towns").shape[0] > 1


# --- failures mid-write ---------------------------------------------------------------


def _files(folder: Path) -> dict[str, str]:
    """Every entry of ``folder`` (hidden ones too) with its digest, '' for folders."""
    return {p.name: ("" if p.is_dir() else _digest(p)) for p in folder.iterdir()}


def _partial_copy(monkeypatch):
    """``shutil.copyfile`` of the delivery writes half the bytes, then the disk is full."""
    import exports.atomic as atomic

    def copy(src, dst, *a, **k):
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.shutil, "copyfile", copy)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "txt", "gpkg"])
def test_a_full_disk_while_delivering_leaves_the_earlier_export_intact(
    sample, tmp_path, capsys, monkeypatch, fmt
):
    ws, chosen, _ = sample
    out = tmp_path / f"list.{fmt}"
    assert _export(ws, chosen[:1], fmt, out) == 0
    earlier = _files(tmp_path)
    capsys.readouterr()
    _partial_copy(monkeypatch)
    assert _export(ws, chosen, fmt, out) == 2
    line = _one_line(capsys.readouterr().err)
    assert str(out) in line
    assert os.strerror(errno.ENOSPC) in line
    assert _files(tmp_path) == earlier  # same files, same bytes, no temporary left


def test_a_zip_failing_after_its_first_member_leaves_the_earlier_pack_intact(
    sample, tmp_path, capsys, monkeypatch
):
    ws, chosen, _ = sample
    out = tmp_path / "pack.zip"
    assert _export(ws, chosen[:1], "zip", out) == 0
    earlier = _files(tmp_path)
    capsys.readouterr()
    real = zipfile.ZipFile.write
    calls = []

    def write(self, filename, *a, **k):
        if Path(self.filename).name != out.name:  # a zip inside the pack (the Shapefile)
            return real(self, filename, *a, **k)
        calls.append(filename)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(self, filename, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "write", write)
    assert _export(ws, chosen, "zip", out) == 2
    assert os.strerror(errno.EIO) in _one_line(capsys.readouterr().err)
    assert len(calls) == 2  # the first member was written before the failure
    assert _files(tmp_path) == earlier
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None


def test_a_bug_mid_write_removes_the_partial_file_and_propagates(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"earlier")

    def fail_mid_write() -> None:
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half of the new")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_mid_write()
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_publish_stages_every_file_before_renaming_any(tmp_path, monkeypatch):
    import exports.atomic as atomic

    (tmp_path / "a").write_bytes(b"old a")
    (tmp_path / "b").write_bytes(b"old b")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a").write_bytes(b"new a")
    real = atomic.shutil.copyfile

    def copy(s, d, *a, **k):
        if Path(s).name == "b":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(s, d, *a, **k)

    monkeypatch.setattr(atomic.shutil, "copyfile", copy)
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        publish({tmp_path / "a": src / "a", tmp_path / "b": src / "b"})
    assert (tmp_path / "a").read_bytes() == b"old a"  # a was staged, never renamed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "src"]


def test_an_export_killed_mid_write_leaves_the_earlier_file_intact(tmp_path):
    """kill -9 while the zip is being written: the earlier pack is untouched."""
    ws_path = tmp_path / "ws.gpkg"
    ws = Workspace.open(str(ws_path))
    chosen, _ = clean_parks(ws.read("parks"), ws.read("parcels"), n=2)
    out = tmp_path / "pack.zip"
    assert _export(ws, chosen[:1], "zip", out) == 0
    earlier = _digest(out)
    script = f"""
import os, signal, sys, zipfile
sys.path.insert(0, {str(ROOT)!r})
real = zipfile.ZipFile.write
def write(self, *a, **k):
    real(self, *a, **k)
    if not self.filename.endswith({out.name!r}):
        return
    self.fp.flush()
    os.kill(os.getpid(), signal.SIGKILL)
zipfile.ZipFile.write = write
import cli
cli.main(["export", "--parks", {",".join(chosen)!r}, "--format", "zip", "--out", {str(out)!r},
          "--workspace", {str(ws_path)!r}])
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120, check=False)
    assert done.returncode == -9
    assert _digest(out) == earlier
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
    # only the hidden staging folder of the killed export is left, beside nothing else new
    left = {p.name for p in tmp_path.iterdir()} - {out.name, "pack.zip"}
    assert all(n.startswith("ws.") or n.startswith(".parkplan-export-") for n in left), left


# --- targets that cannot be written ---------------------------------------------------


def test_unwritable_targets_are_one_line_without_traceback(sample, tmp_path, capsys, monkeypatch):
    import exports.atomic as atomic

    ws, chosen, _ = sample
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    cases = {
        Path("/proc/parkplan-export.csv"): None,  # procfs: no file can be made there
        Path("/proc/x/a.csv"): os.strerror(errno.ENOENT),
        folder: "not a regular file",
        fifo: "not a regular file",
    }
    for target, why in cases.items():
        assert _export(ws, chosen, "csv", target) == 2
        line = _one_line(capsys.readouterr().err)
        assert str(target) in line
        assert why is None or why in line
    assert folder.is_dir()
    assert fifo.is_fifo()

    # a read-only folder (the suite may run as root, which writes anyway: the OS refusal is
    # what a read-only mount gives)
    def refuse(*a, **k):
        raise PermissionError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic.tempfile, "mkdtemp", refuse)
    assert _export(ws, chosen, "xlsx", tmp_path / "ro.xlsx") == 2
    assert os.strerror(errno.EROFS) in _one_line(capsys.readouterr().err)
    assert not (tmp_path / "ro.xlsx").exists()


# --- a park without parcels -----------------------------------------------------------


def _overlap_m2(ws, park: str) -> float:
    """Area (m², EPSG:4547) of the park covered by 三旧 parcels, recomputed here."""
    parks = ws.read("parks").to_crs(AREA_CRS)
    parcels = ws.read("parcels").to_crs(AREA_CRS)
    shape = parks.loc[parks["park_id"] == park, "geometry"].iloc[0]
    return float(gpd.GeoSeries(parcels.geometry).intersection(shape).area.sum())


def test_a_park_without_parcels_is_a_clear_message_for_the_txt(sample, tmp_path, capsys):
    ws, _, _ = sample
    assert _overlap_m2(ws, EMPTY_PARK) <= 1.0
    out = tmp_path / "x.txt"
    assert _export(ws, [EMPTY_PARK], "txt", out) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert EMPTY_PARK in err
    assert "三旧" in err
    assert list(tmp_path.iterdir()) == []


def test_a_park_without_parcels_gets_a_note_in_the_pack(sample, tmp_path):
    ws, chosen, listed = sample
    out = tmp_path / "p.zip"
    assert _export(ws, [EMPTY_PARK, chosen[0]], "zip", out) == 0
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "x")
    note = (tmp_path / "x" / NOTE_FILE).read_text("utf-8")
    assert EMPTY_PARK in note
    assert chosen[0] not in note
    table = pd.read_csv(tmp_path / "x" / "sanjiu_parcels.csv", encoding="utf-8-sig")
    own = listed[listed["park_ids"].str.split(";").map(lambda ids: chosen[0] in ids)]
    assert sorted(table["地块编号"]) == sorted(own["parcel_id"])
    # only the empty park: every file of the pack is written, the lists hold no parcel
    alone = tmp_path / "alone.zip"
    assert _export(ws, [EMPTY_PARK], "zip", alone) == 0
    with zipfile.ZipFile(alone) as zf:
        zf.extractall(tmp_path / "y")
        names = set(zf.namelist())
    assert {NOTE_FILE, "jiezhidian_zone38.txt", "briefing.pdf", "manifest.json"} <= names
    assert pd.read_csv(tmp_path / "y" / "sanjiu_parcels.csv", encoding="utf-8-sig").shape[0] == 0
    assert pd.read_excel(tmp_path / "y" / "sanjiu_parcels.xlsx").shape[0] == 0
    txt = (tmp_path / "y" / "jiezhidian_zone38.txt").read_bytes().decode("gbk")
    assert "[地块坐标]" in txt
    assert txt.rstrip("\r\n").endswith("[地块坐标]")  # the header, then no parcel


# --- each writer failing mid-write, onto an earlier file --------------------------------


def _half_then_full(path, data: bytes = b"PK\x03\x04 half a file") -> None:
    Path(path).write_bytes(data)
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _break_csv(monkeypatch):
    import exports.tables as tables

    def write(table, fh, **k):
        fh.write(b"\xe5\x9c\xb0\xe5\x9d\x97,")  # some bytes of the header, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tables.pacsv, "write_csv", write)


def _break_xlsx(monkeypatch):
    """XlsxWriter's zip gets its first parts, then the disk is full."""
    real_write, real_writestr = zipfile.ZipFile.write, zipfile.ZipFile.writestr
    calls = []

    def fail_after_two(real):
        def call(self, *a, **k):
            calls.append(a[0])
            if len(calls) > 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(self, *a, **k)

        return call

    monkeypatch.setattr(zipfile.ZipFile, "write", fail_after_two(real_write))
    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_after_two(real_writestr))


def _break_gpkg(monkeypatch):
    import exports.vector as vector

    monkeypatch.setattr(
        vector.pyogrio, "write_dataframe", lambda frame, path, **k: _half_then_full(path)
    )


def _break_txt(monkeypatch):
    real = Path.write_bytes

    def write(self, data):
        real(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", write)


@pytest.mark.parametrize(
    ("fmt", "breaker"),
    [("csv", _break_csv), ("xlsx", _break_xlsx), ("gpkg", _break_gpkg), ("txt", _break_txt)],
)
def test_a_writer_failing_mid_write_leaves_the_earlier_file_and_nothing_else(
    tmp_path, monkeypatch, fmt, breaker
):
    from exports.formats import FORMATS, ExportContext
    from exports.parcel_list import parcel_list
    from exports.tables import Provenance
    from tests.exports.conftest import CHOSEN, make_parcels, make_parks

    listed = parcel_list(make_parks(), make_parcels(), CHOSEN)
    ctx = ExportContext(Provenance(what="t", data_version="v"))
    target = tmp_path / f"list.{fmt}"
    FORMATS[fmt].write(listed.iloc[:1], target, ctx)
    earlier = _files(tmp_path)
    breaker(monkeypatch)
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)) as caught:
        FORMATS[fmt].write(listed, target, ctx)
    assert str(target) in str(caught.value)
    monkeypatch.undo()
    assert _files(tmp_path) == earlier


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    hops=st.lists(st.sampled_from([".", "sub/..", "", "sub/./.."]), max_size=4),
    name=st.sampled_from(["ws.gpkg", "ws.gpkg-wal", "ws.gpkg-shm", "ws.gpkg.lock",
                          "ws.gpkg.errors.log", "ws.landuse.tif"]),
)  # fmt: skip
def test_any_spelling_of_a_workspace_file_is_refused(tmp_path, hops, name):
    """However the path is written (./, sub/.., doubled slashes), it names the same file."""
    from exports.atomic import ExportTargetError, refuse_protected

    (tmp_path / "sub").mkdir(exist_ok=True)
    db = tmp_path / "ws.gpkg"
    protected = [db, *(Path(f"{db}{s}") for s in ("-wal", "-shm", ".lock", ".errors.log"))]
    protected.append(tmp_path / "ws.landuse.tif")
    spelled = str(tmp_path) + "/" + "/".join([*hops, name])
    with pytest.raises(ExportTargetError, match="workspace"):
        refuse_protected([spelled], protected)
    refuse_protected([tmp_path / f"other-{name}"], protected)  # a neighbour is fine
