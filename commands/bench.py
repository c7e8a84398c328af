"""``cli.py bench``: measure the hot paths and the map payload; one line per figure.

Besides the core figures, every module of the ``benchmarks`` package that defines
``run_stage(scale: str) -> list[benchmarks.Result]`` is run, in module-name order, so a new
stage (screen, park score, export …) is a new module there.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import inspect
import json
import logging
import os
import pkgutil
import time
from pathlib import Path

from commands import EXIT_OK

NAME = "bench"
HELP = "measure performance (figures for the README)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", default="district", choices=["district", "city", "province"])
    parser.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="also write the figures as JSON"
    )
    parser.add_argument(
        "--workspace",
        help="a postgresql:// address: also measure the PostGIS back end there (in the schema "
        "bench_<scale>, dropped first)",
    )


def run(args: argparse.Namespace) -> int:
    """Measure the hot paths and the map payload; print one line per figure."""
    import benchmarks
    from benchmarks.map_payload import run_map_benchmark

    # streamlit-folium imports Streamlit, which warns when used outside a script run
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    print(f"scale: {args.scale}")
    print(f"{'what':<44} {'items':>10} {'seconds':>9} {'items/s':>12} {'payload':>11}")
    results = []
    stages = _stages(args.scale, args.workspace)
    for r in [*benchmarks.run(args.scale), *run_map_benchmark(), *stages]:
        payload, peak = getattr(r, "payload_bytes", 0), getattr(r, "peak_bytes", None)
        shown = f"{payload / 1e6:.2f} MB" if payload else ""
        if peak is not None:
            shown = f"{peak / 1e6:.0f} MB peak"
        print(f"{r.name:<44} {r.items:>10,} {r.seconds:>9.3f} {r.per_second:>12,.0f} {shown:>11}")
        results.append(r)
    if args.json is not None:
        write_json(results, args.json, scale=args.scale)
        print(f"written: {args.json}")
    return EXIT_OK


def write_json(results: list, path: Path, *, scale: str) -> None:
    """The figures as JSON: scale, when, the machine's load, and every result's fields."""
    doc = {
        "scale": scale,
        "measured": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average": list(os.getloadavg()),
        "cpus": os.cpu_count(),
        "results": [{**dataclasses.asdict(r), "per_second": r.per_second} for r in results],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


def _stages(scale: str, workspace: str | None = None) -> list:
    import benchmarks

    results: list = []
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"benchmarks.{info.name}")
        stage = getattr(module, "run_stage", None)
        if callable(stage):
            takes_workspace = "workspace" in inspect.signature(stage).parameters
            results.extend(stage(scale, workspace=workspace) if takes_workspace else stage(scale))
    return results
