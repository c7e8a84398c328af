"""Bench stage ``screen``: the five-excess screen of synthetic firms, and its peak memory.

``district`` screens 10 000 firms, ``city`` 100 000, ``province`` 1 000 000 (issue 8: under
10 s on this 2-core machine, peak memory under 4 GB). The firms are drawn with numpy (skewed
GB/T 4754 divisions, log-normal figures, a few percent missing), screened with the default
settings (every flag relative: division medians), and the contract columns are written with
Arrow's CSV writer (:func:`exports.tables.write_csv`).

Each measurement runs in a fresh Python process (``python -m benchmarks.screen N``), so the peak
resident set size it reports (``getrusage``) belongs to the screen alone, not to the stages run
before it in ``cli.py bench``.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import Result

__all__ = ["FIRMS", "MemoryResult", "measure", "run_stage", "synthetic_firms"]

log = logging.getLogger(__name__)

FIRMS = {"district": 10_000, "city": 100_000, "province": 1_000_000}
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class MemoryResult(Result):
    """A :class:`benchmarks.Result` with the peak resident memory of its process."""

    peak_bytes: int = 0


def synthetic_firms(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` firms with every input the screen reads, drawn with numpy (no Python loop)."""
    rng = np.random.default_rng(seed)
    divisions = np.array([13, 14, 17, 18, 19, 21, 22, 23, 24, 26, 27, 29, 30, 31, 32, 33, 34,
                          35, 36, 38, 39, 40, 41, 43, 44])  # fmt: skip
    weights = rng.dirichlet(np.full(len(divisions), 0.6))
    division = rng.choice(divisions, size=n, p=weights)

    def draw(median: float, sigma: float, missing: float = 0.0) -> np.ndarray:
        x = rng.lognormal(np.log(median), sigma, n)
        if missing:
            x[rng.random(n) < missing] = np.nan
        return x

    # size drives the totals; the ratios the flags read vary on their own, as in real firms
    size = draw(1.0, 1.0)
    output = 800 * size
    value_added = output * draw(0.22, 0.35)
    sometimes = rng.random(n)
    frame = pd.DataFrame(
        {
            "uscc": pd.Series(np.arange(n)).astype(str).str.zfill(17) + "X",
            "name": "企业" + pd.Series(np.arange(n)).astype(str),
            "industry_code": (division * 100 + 11).astype(str),
            "above_scale": output >= 2000,
            "founded_year": rng.integers(1985, 2016, n),
            "survey_year": 2015,
            "employees": np.round(40 * size**0.8 * draw(1.0, 0.4)) + 1,
            "land_area_m2": 4000 * size**0.8 * draw(1.0, 0.5),
            "floor_area_m2": np.where(rng.random(n) < 0.05, np.nan, 5000 * size * draw(1, 0.4)),
            "gross_output": output,
            "value_added": value_added,
            "revenue": output * draw(0.97, 0.05),
            "tax": value_added * draw(0.2, 0.4),
            "rd_spend": np.where(rng.random(n) < 0.3, np.nan, output * draw(0.015, 0.8)),
            "electricity_kwh": 330 * output * draw(1.0, 0.6),
            "natural_gas_m3": np.where(sometimes < 0.2, 25 * output * draw(1.0, 0.8), 0.0),
            "coal_t": np.where(sometimes > 0.97, 0.05 * output * draw(1.0, 0.8), 0.0),
            "water_m3": 2.4 * output * draw(1.0, 0.7),
            "cod_t": 3e-4 * output * draw(1.0, 0.7),
            "nh3n_t": 3e-5 * output * draw(1.0, 0.7),
            "so2_t": np.where(sometimes > 0.9, 6e-5 * output * draw(1.0, 0.8), 0.0),
            "nox_t": np.where(sometimes > 0.9, 6e-5 * output * draw(1.0, 0.8), 0.0),
            "permitted_emissions_t": np.where(
                sometimes < 0.3, 6e-4 * output * draw(1.0, 0.3), np.nan
            ),
            "years_in_d": rng.choice([0, 0, 0, 0, 1, 2], size=n),
        }
    )
    return frame


def measure(n: int) -> dict[str, float]:
    """Screen ``n`` synthetic firms and write the contract as CSV, in this process."""
    from exports.tables import Provenance, write_csv
    from scoring.screen.config import load_screen_config
    from scoring.screen.run import screen

    config = load_screen_config()
    firms = synthetic_firms(n)
    start, cpu0 = time.perf_counter(), time.process_time()
    result = screen(firms, config=config)
    screened, cpu1 = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        write_csv(
            result.contract(),
            Path(tmp) / "screen.csv",
            provenance=Provenance(what="bench", data_version="synthetic"),
        )
    written, cpu2 = time.perf_counter(), time.process_time()
    return {
        "firms": n,
        "screen_s": screened - start,
        "write_s": written - screened,
        "screen_cpu_s": cpu1 - cpu0,
        "write_cpu_s": cpu2 - cpu1,
        "load_1min": os.getloadavg()[0],
        "phase_out_share": float(result.table["phase_out"].mean()),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def run_stage(scale: str) -> list[Result]:
    """Screen the synthetic firms of ``scale`` in a fresh process: wall time, CPU time (less
    sensitive to other work on a shared machine; the load average is in its name) and peak
    memory."""
    n = FIRMS[scale]
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.screen", str(n)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    peak = int(m["peak_rss_bytes"])
    total = m["screen_s"] + m["write_s"]
    cpu = m["screen_cpu_s"] + m["write_cpu_s"]
    log.info(
        "screen of %s firms: %.2f s wall, %.2f s CPU, peak RSS %.2f GB, load %.1f",
        f"{n:,}",
        total,
        cpu,
        peak / 1e9,
        m["load_1min"],
    )
    return [
        Result("screen: indicators, flags, grades, reasons", n, m["screen_s"]),
        Result("screen: Arrow CSV write (BOM, neutralised)", n, m["write_s"]),
        MemoryResult(f"screen total (peak RSS {peak / 1e9:.2f} GB)", n, total, peak_bytes=peak),
        Result(f"screen total CPU time (load {m['load_1min']:.1f})", n, cpu),
    ]


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
