"""``cli.py land``: 厂房加层 potential and land freed against land demanded, for the parks of a
saved scenario or of ``--parks``.

Writes per-firm, per-park and per-town rows (:mod:`exports.land_tables`): ``.xlsx`` one
workbook (企业 firms, 园区 parks, 镇街 towns, 地块 parcels, 参数 settings, 说明 About); ``.csv`` the
firm rows in ``--out`` and one CSV per other table beside it (``<stem>.parks.csv`` …). Each
firm's and park's renewal area (``[land] renewal_gap_m``) is named. "Freed" counts the chosen
parks' firms and the 全面改造 parcels overlapping them; the demand is the whole demand of their
towns (:mod:`scoring.land.balance`).

The export is checked against the account of ``--as`` (planners and the land bureau; a town
account for parks of its own town) and audited with each file's SHA-256. An unknown park,
scenario or survey year, an unsupported suffix or a target that is the workspace is refused in
one line with exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from config import load_settings
from errors import UnknownKeyError
from exports.atomic import ExportTargetError, refuse_protected, workspace_files
from exports.land_tables import csv_paths, write_land
from exports.pack import resolve_selection
from exports.tables import Provenance
from geo.renewal import renewal_areas
from scoring.land.balance import LandBalance, land_balance
from scoring.screen.run import select_year
from store.workspace import Workspace

NAME = "land"
HELP = "厂房加层 potential and land freed against land demanded (per firm, park, town)"
SUFFIXES = (".csv", ".xlsx")
# the land bureau receives parcel lists: the role table's export_parcels (planner, land, town)
KIND = "parcels"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--scenario", help="name of a saved scenario (its chosen parks)")
    which.add_argument("--parks", help="park ids, comma-separated (e.g. PY-SQ-001,PY-DL-004)")
    parser.add_argument("--out", required=True, help="output file: .xlsx, or .csv (firm rows)")
    parser.add_argument(
        "--config", help="TOML merged over the defaults ([land], [plot_ratio_min], screen)"
    )
    parser.add_argument("--year", type=int, help="survey year (default: the latest)")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the land balance of the chosen parks to ``--out``; print the towns' totals."""
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES or out.name in ("", ".", ".."):
        print(f"error: --out {out.name!r}: use one of {', '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, out)
    except (UnknownKeyError, ExportTargetError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, out: Path) -> int:
    settings = load_settings(args.config)
    workspace = Workspace.open(args.workspace)
    parks_arg = None if args.parks is None else args.parks.split(",")
    selection = resolve_selection(workspace, scenario=args.scenario, parks=parks_arg)
    targets = list(csv_paths(out).values()) if out.suffix.lower() == ".csv" else [out]
    refuse_protected(
        [*targets, *(p.with_name(p.name + ".provenance.json") for p in targets)],
        workspace_files(workspace),
    )
    enterprises = workspace.read("enterprises")
    parks, parcels = workspace.read("parks"), workspace.read("parcels")
    _, year = select_year(enterprises, args.year)
    areas = renewal_areas(parks, parcels, enterprises, gap_m=settings.land.renewal_gap_m, year=year)
    balance = land_balance(
        enterprises, parks, parcels, settings=settings, year=year, scope=selection.parks,
        areas=areas,
    )  # fmt: skip
    params = dict(selection.scenario.parameters) if selection.scenario else {}
    provenance = Provenance(
        what=f"用地平衡 land freed against land demanded {year}",
        data_version=workspace.data_version(),
        scenario=selection.name,
        parameters={**balance.parameters, "parks": list(selection.parks), "scenario": params},
        user=selection.scenario.user if selection.scenario else "",
    )
    towns = set(parks.loc[parks["park_id"].isin(selection.parks), "town"].astype(str))
    export_file(
        args, workspace, KIND, out, lambda: write_land(balance, out, provenance=provenance),
        towns=towns,
    )  # fmt: skip
    print(_summary(balance, out))
    return EXIT_OK


def _summary(balance: LandBalance, out: Path) -> str:
    d = balance.district.iloc[0]
    ratio = "—" if d["freed_to_demand"] != d["freed_to_demand"] else f"{d['freed_to_demand']:.2f}"
    return (
        f"用地平衡 land balance {balance.year}, {len(balance.scope or ())} parks, "
        f"{len(balance.towns)} towns: freed {d['freed_mu']:,.1f} 亩 "
        f"(phase-out {d['freed_phase_out_mu']:,.1f}, 全面改造 {d['freed_parcel_mu']:,.1f}, "
        f"加层 {d['freed_plot_ratio_mu']:,.1f}); demanded {d['demand_mu']:,.1f} 亩, "
        f"unmet {d['unmet_mu']:,.1f} 亩; freed ÷ demanded {ratio}\n"
        f"写入 wrote {out}"
    )
