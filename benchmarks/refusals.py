"""Bench stage: the time and peak memory of refusing each hostile upload of issue 27.

Each file is made here (the workbooks by ``tests.geo.xlsxcraft``, the generators the tests use)
and read and checked as an import reads it (:func:`geo.io.read_checked`) in a fresh Python
process, so the peak is that refusal's own: the process's peak resident size above what it had
with the readers loaded. The stage also times one refusal through the worker
(:func:`geo.read_budget.read_budgeted`), start-up included. The scale does not change the files.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import Result
from errors import BenchmarkError, ValidationError

__all__ = ["PeakResult", "run_stage"]

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


@dataclass(frozen=True)
class PeakResult(Result):
    """A :class:`benchmarks.Result` with the peak resident memory it added, in bytes."""

    peak_bytes: int = 0
    refused: bool = True


_SCRIPT = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from errors import ValidationError
from geo.io import read_checked
import geopandas, openpyxl, pyogrio  # start-up, not the read
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    read_checked({path!r}, layer={layer!r})
    refused = False
except ValidationError:
    refused = True
elapsed = time.perf_counter() - start
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({{"refused": refused, "seconds": elapsed, "peak": peak}}))
"""


def _gpkg(path: Path) -> Path:
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame({"name": ["甲"]}, geometry=[shapely.box(113.3, 22.9, 113.31, 22.91)])
    frame.set_crs(4326).to_file(path, layer="parks")
    return path


def _view(folder: Path) -> Path:
    path = _gpkg(folder / "view.gpkg")
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE VIEW forever AS WITH RECURSIVE c(fid, x) AS (SELECT 1, 1 UNION ALL "
            "SELECT fid + 1, x + 1 FROM c) SELECT fid, x FROM c;"
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
            "VALUES ('forever', 'attributes', 'forever');"
        )
    return path


def _tables(folder: Path) -> Path:
    path = _gpkg(folder / "tables.gpkg")
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "PRAGMA synchronous=OFF; BEGIN;"
            + "".join(f"CREATE TABLE t{i} (a);" for i in range(20_000))
            + "COMMIT;"
        )
    return path


def _empty_rows(folder: Path) -> Path:
    from geo.schema import layer_schema

    names = layer_schema("enterprises").names
    path = folder / "empty.csv"
    path.write_text(",".join(names) + "\n" + ("," * (len(names) - 1) + "\n") * 20_000)
    return path


def _long_cell(folder: Path) -> Path:
    path = folder / "long.csv"
    path.write_text("name,town\n" + "甲" * 17_000_000 + ",市桥\n", encoding="utf-8")
    return path


def _dimension(folder: Path) -> Path:
    from tests.geo.xlsxcraft import sheet_xml, workbook

    cells = [(1, [(1, "name"), (2, "town")]), (1_048_576, [(16384, "x")])]
    return workbook(folder / "dim.xlsx", sheet_xml("A1:XFD1048576", cells))


def _bomb(part: str, inflated_mib: int, unit: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        from tests.geo.xlsxcraft import sheet_xml, workbook

        sheet = sheet_xml("A1:B2", [(1, [(1, "name")]), (2, [(1, "甲")])])
        name = f"{Path(part).stem}_{inflated_mib}.xlsx"
        return workbook(folder / name, sheet, bomb=(part, inflated_mib, unit))

    return make


_STYLES = _bomb("xl/styles.xml", 477, 480)  # also timed through the read worker

# (what, the layer it is imported as, how it is made)
CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("refuse xlsx <dimension> A1:XFD1048576", "enterprises", _dimension),
    ("refuse xlsx styles bomb (477 MiB)", "enterprises", _STYLES),
    (
        "refuse xlsx shared strings (855 MiB, ratio 150)",
        "enterprises",
        _bomb("xl/sharedStrings.xml", 855, 480),
    ),
    (
        "refuse xlsx shared strings (1000 MiB, ratio 68)",
        "enterprises",
        _bomb("xl/sharedStrings.xml", 1000, 210),
    ),
    ("refuse csv 17 M-character cell", "enterprises", _long_cell),
    ("refuse csv 20 000 empty rows", "enterprises", _empty_rows),
    ("refuse gpkg recursive view", "parks", _view),
    ("refuse gpkg 20 000 tables", "parks", _tables),
]


def _measure(what: str, path: Path, layer: str) -> PeakResult:
    script = _SCRIPT.format(root=str(ROOT), path=str(path), layer=layer)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    if done.returncode != 0:
        msg = f"{what}: the measuring process failed: {done.stderr.strip()[-300:]}"
        raise BenchmarkError(msg)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    name = what if out["refused"] else f"{what} — NOT REFUSED"
    return PeakResult(name, 1, out["seconds"], peak_bytes=out["peak"], refused=out["refused"])


def _through_the_worker(path: Path, layer: str) -> Result:
    from geo.read_budget import read_budgeted

    start = time.perf_counter()
    with contextlib.suppress(ValidationError):  # refused, as measured above
        read_budgeted(path, layer=layer)
    return Result(f"  same, in the read worker ({path.name})", 1, time.perf_counter() - start)


def run_stage(scale: str) -> list[Result]:
    """Make and refuse each hostile file once (``scale`` is ignored: the files are the attack)."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for what, layer, make in CASES:
            path = make(folder)
            results.append(_measure(what, path, layer))
            if make is _STYLES:
                results.append(_through_the_worker(path, layer))
            path.unlink()
    return results
