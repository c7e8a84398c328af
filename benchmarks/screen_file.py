"""Bench stage ``screen_file``: ``cli.py screen FILE --workspace W`` end to end, as a planner would.

Issue 22: a survey FILE of ``district`` 6 112, ``city`` 60 000 or ``province`` 1 000 000 firms
(GeoPackage points, every input the screen reads, valid USCCs and GB/T 4754 classes) is read,
validated against the region of a workspace W, screened and written as CSV by the real command in
a fresh process; the stage reports its wall time, its CPU time (less sensitive to other work on a
shared machine) and the process's peak resident memory.

The region is the workspace's: at district scale the bundled sample (Panyu), at city and province
scale a copy of the sample whose towns are replaced by a grid over the file's extent (as
:mod:`benchmarks.workspaces` grids the synthetic towns), so the file is checked against a city- or
province-sized outline of 100 towns. A second run, on a file of 50 000 rows with a bad
employees cell each, times a refusal with its summary and full ``--problems`` CSV.
"""

from __future__ import annotations

import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from benchmarks import Result
from benchmarks.screen import MemoryResult, synthetic_firms

__all__ = ["FIRMS", "firm_file", "run_stage"]

log = logging.getLogger(__name__)

FIRMS = {"district": 6_112, "city": 60_000, "province": 1_000_000}
ROOT = Path(__file__).resolve().parents[1]
# the extent of the synthetic firms: Panyu's box, or a city's / a province's (degrees)
EXTENTS = {
    "district": None,
    "city": (113.0, 22.5, 113.9, 23.4),
    "province": (109.7, 20.3, 117.2, 25.5),
}


def _usccs(n: int) -> pd.Series:
    """``n`` distinct valid USCCs (GB 32100-2015 check character), vectorised."""
    from geo.codes import uscc_check_chars

    body = "91440113" + pd.Series(np.arange(n)).astype(str).str.zfill(9)
    return body + uscc_check_chars(body)


def _classes(divisions: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """A GB/T 4754-2017 class in each firm's division."""
    from geo.codes import industry_table

    classes = pd.Series(
        [c for c, (_name, level, _parent) in industry_table().items() if level == "class"]
    )
    by_division = classes.groupby(classes.str[:2]).agg(list).to_dict()
    codes = divisions.to_numpy(dtype=object)
    out = np.empty(len(codes), dtype=object)
    for division in np.unique(codes):
        where = codes == division
        out[where] = rng.choice(by_division[str(division)], size=int(where.sum()))
    return out


def firm_file(scale: str, path: Path, region: shapely.Geometry) -> Path:
    """A survey GeoPackage of ``FIRMS[scale]`` firms inside ``region``, valid in every field."""
    n = FIRMS[scale]
    rng = np.random.default_rng(22)
    frame = synthetic_firms(n, seed=22).drop(columns=["years_in_d"])
    frame["uscc"] = _usccs(n).to_numpy()
    frame["industry_code"] = _classes(frame["industry_code"].str[:2], rng)
    w, s, e, north = shapely.bounds(region)
    shapely.prepare(region)
    x, y = np.empty(0), np.empty(0)
    while len(x) < n:  # uniform in the box, kept where inside the outline
        dx, dy = rng.uniform(w, e, 2 * n), rng.uniform(s, north, 2 * n)
        inside = shapely.contains_xy(region, dx, dy)
        x, y = np.concatenate([x, dx[inside]]), np.concatenate([y, dy[inside]])
    points = shapely.points(x[:n], y[:n])
    firms = gpd.GeoDataFrame(frame, geometry=points[:n], crs="EPSG:4326")
    pyogrio.write_dataframe(firms, path, layer="enterprises", driver="GPKG")
    return path


def _grid(extent: tuple[float, float, float, float], side: int = 10) -> gpd.GeoDataFrame:
    """``side × side`` towns over ``extent``: a city's or a province's region."""
    w, s, e, n = extent
    k = np.arange(side * side)
    dx, dy = (e - w) / side, (n - s) / side
    x0, y0 = w + (k % side) * dx, s + (k // side) * dy
    return gpd.GeoDataFrame(
        {
            "town_code": [f"T{i:03d}" for i in k],
            "name": [f"镇{i:02d}" for i in k],
            "kind": "镇",
            "approximate": False,
        },
        geometry=shapely.box(x0, y0, x0 + dx, y0 + dy),
        crs="EPSG:4326",
    )


def _workspace(scale: str, folder: Path) -> tuple[str, shapely.Geometry]:
    """A workspace for ``scale`` and its region."""
    from store.workspace import Workspace

    ws = Workspace.open(folder / f"{scale}.gpkg")  # a copy of the sample
    extent = EXTENTS[scale]
    if extent is not None:
        ws.write("towns", _grid(extent))
    return ws.location, ws.district()


def _run(args: list[str]) -> tuple[float, float, int, str]:
    """Wall time, CPU time, peak RSS (bytes) and stderr of ``cli.py ARGS`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss * 1024, proc.stderr


def run_stage(scale: str) -> list[Result]:
    """Screen the file of ``scale`` against its workspace's region, then refuse a bad one."""
    n = FIRMS[scale]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        location, region = _workspace(scale, folder)
        source = firm_file(scale, folder / "firms.gpkg", region)
        out = folder / "screen.csv"
        wall, cpu, peak, err = _run(
            ["screen", str(source), "--workspace", location, "--out", str(out)]
        )
        if not out.exists():
            log.warning("screen FILE failed: %s", err[-2000:])
        bad = folder / "bad.gpkg"
        firms = gpd.read_file(source, engine="pyogrio", use_arrow=True).head(50_000)
        firms["employees"] = np.nan  # a required number left blank in every row
        pyogrio.write_dataframe(firms, bad, layer="enterprises", driver="GPKG")
        problems = folder / "problems.csv"
        bad_wall, _cpu, _peak, bad_err = _run(
            ["screen", str(bad), "--workspace", location, "--out", str(out) + ".x.csv",
             "--problems", str(problems)]
        )  # fmt: skip
    lines = len(bad_err.strip().splitlines())
    log.info(
        "screen FILE of %s firms: %.1f s wall, %.1f s CPU, %.2f GB peak; refusal %d lines",
        f"{n:,}", wall, cpu, peak / 1e9, lines,
    )  # fmt: skip
    return [
        MemoryResult(
            f"screen FILE --workspace, end to end (load {load:.1f})", n, wall, peak_bytes=peak
        ),
        Result("screen FILE: CPU time of the process", n, cpu),
        Result(f"refuse bad rows: {lines} lines + problems CSV", len(firms), bad_wall),
    ]
