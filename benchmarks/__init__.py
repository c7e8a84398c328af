"""Benchmarks behind ``python cli.py bench``: figures for the README and the issue notes.

These measure; they never pass or fail. Each result is the best of ``repeat`` runs on this
machine, with the input size, so that figures can be compared across changes.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from config import load_settings
from errors import UnknownKeyError

__all__ = ["SCALES", "Result", "run"]

log = logging.getLogger(__name__)

# multiples of the bundled sample's enterprise rows
SCALES = {"district": 1, "city": 10, "province": 100}


@dataclass(frozen=True)
class Result:
    """One measured figure."""

    name: str
    items: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("inf")


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall-clock time of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _survey_table(firms: pd.DataFrame, factor: int) -> pd.DataFrame:
    """The sample's enterprise rows as a town spreadsheet (text cells), ``factor`` times over,
    each copy with fresh valid USCCs so that no record is a duplicate."""
    from geo.codes import uscc_check_char

    base = pd.DataFrame(firms.drop(columns="geometry"))
    base["lon"], base["lat"] = firms.geometry.x, firms.geometry.y
    copies = []
    for k in range(factor):
        part = base.copy()
        if k:
            # a fresh organisation code per row: "YY" + copy + row number (9 characters)
            stem = [f"{u[:8]}YY{k:02d}{i:05d}" for i, u in enumerate(part["uscc"])]
            part["uscc"] = [s + uscc_check_char(s) for s in stem]
        copies.append(part)
    table = pd.concat(copies, ignore_index=True)
    return table.astype(str).replace({"<NA>": "", "None": "", "nan": ""})


def run(
    scale: str = "district", *, on_progress: Callable[[float, str], None] | None = None
) -> list[Result]:
    """Measure the foundation's hot paths at ``scale`` (district, city, province)."""
    from geo.chinese_offsets import gcj02_to_wgs84
    from geo.crs import area_m2
    from geo.validate import validate_layer
    from store.workspace import Workspace, sample_workspace

    if scale not in SCALES:
        raise UnknownKeyError("benchmark scale", scale, list(SCALES))
    factor = SCALES[scale]
    progress = on_progress or (lambda _f, _m: None)
    results: list[Result] = []
    sample = sample_workspace()  # read only

    progress(0.05, "reading the sample")
    firms = sample.read("enterprises")
    results.append(
        Result(
            "read enterprises (GeoPackage)",
            len(firms),
            best_of(lambda: sample.read("enterprises"), 3),
        )
    )

    n = len(firms) * factor
    rng = np.random.default_rng(0)
    (south, west), (north, east) = load_settings().map.district_bounds
    lon, lat = rng.uniform(west, east, n), rng.uniform(south, north, n)
    progress(0.2, "GCJ-02 → WGS84")
    results.append(
        Result("GCJ-02 → WGS84 (iterated)", n, best_of(lambda: gcj02_to_wgs84(lon, lat), 3))
    )

    progress(0.35, "validating a survey table")
    table = _survey_table(firms, factor)
    results.append(
        Result(
            "validate survey rows",
            len(table),
            best_of(
                lambda: validate_layer(table, "enterprises", source="bench.csv"),
                1 if factor > 1 else 3,
            ),
        )
    )

    progress(0.7, "areas")
    parks = sample.read("parks")
    results.append(
        Result("park areas in EPSG:4547", len(parks), best_of(lambda: area_m2(parks), 5))
    )

    progress(0.8, "atomic write")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "bench.gpkg")
        results.append(
            Result(
                "atomic write of enterprises",
                len(firms),
                best_of(lambda: ws.write("enterprises", firms), 1),
            )
        )
    progress(1.0, "done")
    for r in results:
        log.info("%s: %s items in %.3f s", r.name, f"{r.items:,}", r.seconds)
    return results
