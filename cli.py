"""ParkPlan without a browser: the same computations the app shows.

Exit status: 0 done; 2 wrong usage; 3 the input broke the contract (the message names file,
row, field and the allowed values; nothing was written); 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from errors import ParkPlanError, ValidationError
from geo.chinese_offsets import COORD_SYSTEMS
from geo.schema import LAYERS
from store.imports import IMPORTABLE, import_file
from store.workspace import Workspace

__all__ = ["main"]

log = logging.getLogger("parkplan")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONTRACT = 0, 1, 2, 3


def cmd_info(args: argparse.Namespace) -> int:
    """Print the layers, counts, survey years, CRS and district area of a workspace."""
    info = Workspace.open(args.workspace).info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    layers = info["layers"]
    assert isinstance(layers, dict)
    print(f"工作库 workspace: {info['workspace']}")
    print(f"数据版本 data version: {info['data_version']}")
    print(f"坐标系 CRS: {info['crs']} (areas in {info['area_crs']})")
    print("图层 layers:")
    for name, count in layers.items():
        label = LAYERS[name].label_zh if name in LAYERS else ""
        print(f"  {name:<14} {label:<8} {count:>7,}")
    years = ", ".join(str(y) for y in info["survey_years"])  # type: ignore[attr-defined]
    print(f"调查年度 survey years: {years}")
    print(f"镇街 towns: {layers.get('towns', 0)}")
    print(f"区域面积 district area: {info['district_area_km2']:.1f} km²")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a file and store it in the workspace (nothing is stored if any row is wrong)."""
    report = import_file(
        Workspace.open(args.workspace),
        args.file,
        layer=args.layer,
        coords=args.coords,
        year=args.year,
        dry_run=args.dry_run,
    )
    verb = "检查通过 checked" if report.dry_run else "已导入 imported"
    years = (
        f" survey years {', '.join(map(str, report.survey_years))}" if report.survey_years else ""
    )
    print(
        f"{verb}: {report.source} → {report.layer}: {report.rows:,} rows{years}; "
        f"{report.replaced:,} stored rows {'would be ' if report.dry_run else ''}replaced"
    )
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": cmd_info,
    "import": cmd_import,
    "bench": cmd_bench,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="layers, counts, survey years, CRS and district area")
    info.add_argument("--workspace", help="GeoPackage path (created from the sample if missing)")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    imp = sub.add_parser("import", help="validate a file and store it in the workspace")
    imp.add_argument("file", help="CSV, Excel, GeoPackage, Shapefile or GeoJSON")
    imp.add_argument("--layer", required=True, choices=IMPORTABLE)
    imp.add_argument(
        "--coords",
        default="wgs84",
        choices=COORD_SYSTEMS,
        help="coordinate system of lon/lat columns (default wgs84)",
    )
    imp.add_argument("--year", type=int, help="survey year of an enterprise file")
    imp.add_argument("--workspace", help="GeoPackage path (created from the sample if missing)")
    imp.add_argument("--dry-run", action="store_true", help="check only; store nothing")
    bench = sub.add_parser("bench", help="measure performance (figures for the README)")
    bench.add_argument("--scale", default="district", choices=["district", "city", "province"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on wrong usage, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTRACT
    except ParkPlanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
