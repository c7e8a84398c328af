"""``cli.py export``: the parcel list, the briefing or the whole decision pack of chosen parks,
or chosen renewal areas (连片改造区) as polygons in every format but the briefing."""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from commands._park_score import score_scenario
from config import load_settings
from exports.atomic import ExportTargetError
from exports.coords import DEFAULT_CRS, EXPORT_CRS
from exports.encodings import ENCODINGS
from exports.pack import (
    PRODUCTS,
    RENEWAL_PRODUCTS,
    export_product,
    export_renewal_areas,
    resolve_selection,
)
from store.actions import export_as
from store.workspace import Workspace

NAME = "export"
HELP = "parcel list (gpkg, shp, xlsx, csv, txt), briefing (pdf) or everything (zip)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--scenario", help="name of a saved scenario")
    which.add_argument("--parks", help="park ids, comma-separated (e.g. PY-SQ-001,PY-DL-004)")
    which.add_argument(
        "--renewal-areas",
        help="renewal-area ids, comma-separated (e.g. RA-001,RA-004); DKBH is the area's code",
    )
    parser.add_argument("--format", required=True, choices=PRODUCTS, help="what to write")
    parser.add_argument(
        "--encoding",
        choices=list(ENCODINGS),
        help="text encoding of shp and txt (default: shp utf-8, txt gbk)",
    )
    parser.add_argument(
        "--crs", default=DEFAULT_CRS, choices=list(EXPORT_CRS),
        help="EPSG code of gpkg/shp coordinates (default 4526, zone 38 with prefix)",
    )  # fmt: skip
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="briefing language")
    parser.add_argument("--out", required=True, help="file to write")
    parser.add_argument(
        "--config", help="TOML merged over the defaults (renewal areas: [land] renewal_gap_m)"
    )
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the chosen product; print each file written with its size.

    A target that is the workspace (or one of its files) or that cannot be written is refused
    with one line and exit 2; nothing is written and an earlier file stays as it was.
    """
    try:
        return _run(args)
    except ExportTargetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    if Path(args.out).name in ("", ".", ".."):  # "", "/", "dir/.." name no file
        raise ExportTargetError(f"refusing to write {args.out!r}: --out must name a file")
    if args.renewal_areas is not None:
        return _run_areas(args)
    workspace = Workspace.open(args.workspace)
    parks = None if args.parks is None else args.parks.split(",")
    selection = resolve_selection(workspace, scenario=args.scenario, parks=parks)
    scores = None
    if selection.scenario is not None and args.format in ("pdf", "zip"):
        # the briefing shows the scenario's measure scores and rank acceptability
        scores = score_scenario(workspace, selection.scenario).table
    actor = actor_of(args, workspace)
    kind = {"zip": "pack", "pdf": "briefing"}.get(args.format, "parcels")
    towns = set(workspace.read("parks").set_index("park_id").loc[list(selection.parks), "town"])
    town = actor.town if actor.role == "town" and towns == {actor.town} else None
    files = export_as(
        workspace, actor, kind,
        lambda: export_product(
            workspace, selection, args.format, args.out, crs=args.crs, encoding=args.encoding,
            lang=args.lang, scores=scores,
        ),
        town=town, target=args.out,
    )  # fmt: skip
    label = f"方案 {selection.name}" if selection.name else "园区 " + ",".join(selection.parks)
    print(f"已导出 exported ({label}):")
    for f in files:
        print(f"  {f}  {f.stat().st_size:,} B")
    empty = _manifest(files).get("parks_without_parcels") or []
    if empty:
        print(
            "注意 note: 园区内没有三旧地块，清单中不含这些园区 / no 三旧 parcel overlaps these "
            f"parks, the list holds none of them: {', '.join(map(str, empty))}"
        )
    return EXIT_OK


def _run_areas(args: argparse.Namespace) -> int:
    """The renewal areas named by ``--renewal-areas``, in the chosen format."""
    if args.format not in RENEWAL_PRODUCTS:
        print(
            f"error: --format {args.format} cannot carry renewal areas; use one of "
            f"{', '.join(RENEWAL_PRODUCTS)} (the briefing is of chosen parks)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    settings = load_settings(args.config)
    gap_m = settings.land.renewal_gap_m
    workspace = Workspace.open(args.workspace)
    actor = actor_of(args, workspace)
    ids = [a.strip() for a in args.renewal_areas.split(",") if a.strip()]
    files = export_as(
        workspace, actor, "pack" if args.format == "zip" else "parcels",
        lambda: export_renewal_areas(
            workspace, ids, args.format, args.out, settings=settings, crs=args.crs,
            encoding=args.encoding,
        ),
        target=args.out,
    )  # fmt: skip
    print(f"已导出 exported (连片改造区 renewal areas {','.join(ids)}, gap {gap_m:g} m):")
    for f in files:
        print(f"  {f}  {f.stat().st_size:,} B")
    return EXIT_OK


def _manifest(files: list[Path]) -> dict[str, Any]:
    """The manifest written with ``files``: the last file, or ``manifest.json`` in a zip pack."""
    if len(files) == 1 and zipfile.is_zipfile(files[0]):
        with zipfile.ZipFile(files[0]) as zf:
            if "manifest.json" not in zf.namelist():
                return {}
            record = json.loads(zf.read("manifest.json"))
    else:
        record = json.loads(files[-1].read_text("utf-8"))
    return record if isinstance(record, dict) else {}
