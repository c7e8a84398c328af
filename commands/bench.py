"""``cli.py bench``: measure the hot paths and the map payload; one line per figure."""

from __future__ import annotations

import argparse
import logging

from commands import EXIT_OK

NAME = "bench"
HELP = "measure performance (figures for the README)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", default="district", choices=["district", "city", "province"])


def run(args: argparse.Namespace) -> int:
    """Measure the hot paths and the map payload; print one line per figure."""
    import benchmarks
    from benchmarks.map_payload import run_map_benchmark

    # streamlit-folium imports Streamlit, which warns when used outside a script run
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    print(f"scale: {args.scale}")
    print(f"{'what':<44} {'items':>10} {'seconds':>9} {'items/s':>12} {'payload':>11}")
    for r in [*benchmarks.run(args.scale), *run_map_benchmark()]:
        payload = getattr(r, "payload_bytes", 0)
        shown = f"{payload / 1e6:.2f} MB" if payload else ""
        print(f"{r.name:<44} {r.items:>10,} {r.seconds:>9.3f} {r.per_second:>12,.0f} {shown:>11}")
    return EXIT_OK
