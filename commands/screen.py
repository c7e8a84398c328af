"""``cli.py screen``: the five-excess screen of one survey year, one row per enterprise.

``python cli.py screen [FILE] [--workspace W] [--year Y] [--config C] --out OUT.csv|.xlsx|.gpkg``

Without FILE the workspace's own firms are screened. A FILE's firms must lie inside the region of
the workspace (``--workspace``, else the default one): its towns' union, so a city or province
workspace checks a city or province file (issue 22). ``--problems OUT.csv`` writes every problem of
a refused FILE (the terminal shows a summary when there are more than 20).

The columns are those of DATA_MODEL.md, in order (:data:`scoring.screen.run.SCREEN_COLUMNS`), then
the consecutive year in D and where it was counted from (survey history or typed). CSV
is UTF-8 with BOM (a provenance JSON beside it), Excel has Chinese labels on row 1 and codes on
row 2 plus the thresholds and an "About" sheet, GeoPackage holds the firm points. A FILE is
validated with the import's rules first (every problem at once, exit 3); so is a ``--config``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry.base import BaseGeometry

from commands import EXIT_OK, EXIT_USAGE, add_problems_argument, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from exports.tables import Provenance, write_csv, write_xlsx
from geo.checksum import sha256_file
from geo.chinese_offsets import COORD_SYSTEMS
from scoring.screen.config import load_screen_config
from scoring.screen.labels import screen_labels
from scoring.screen.run import ScreenResult, screen, select_year, thresholds_table
from store.workspace import Workspace, sample_workspace

NAME = "screen"
HELP = "five-excess screen: flags, grades, surcharges and reasons per enterprise"
WHAT = "“五过”企业筛查 five-excess screen"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="enterprise file (CSV, Excel, GeoPackage …)")
    add_workspace_argument(parser)
    parser.add_argument("--year", type=int, help="survey year (default: the latest)")
    parser.add_argument("--config", help="TOML settings merged over config/defaults.toml")
    parser.add_argument(
        "--coords", default="wgs84", choices=COORD_SYSTEMS, help="lon/lat system of a FILE"
    )
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of reasons")
    parser.add_argument("--out", required=True, help="OUT.csv, OUT.xlsx or OUT.gpkg")
    add_actor_argument(parser)
    add_problems_argument(parser)


def read_enterprise_file(
    path: Path, *, coords: str = "wgs84", region: BaseGeometry | None = None
) -> gpd.GeoDataFrame:
    """A FILE validated as the enterprises layer with the import's rules (all problems at once),
    every firm inside ``region`` (default: the bundled sample's district).

    A GeoPackage holding an ``enterprises`` layer is read from that layer.
    """
    from geo.io import read_layer_file
    from geo.validate import validate_layer

    district = region if region is not None else sample_workspace().district()
    if path.suffix.lower() == ".gpkg" and path.exists():
        names = [str(name) for name, _kind in pyogrio.list_layers(path)]
        if "enterprises" in names:
            raw = gpd.read_file(path, layer="enterprises", engine="pyogrio", use_arrow=True)
            return validate_layer(
                raw, "enterprises", source=path.name, district=district, row_offset=1
            )
    return read_layer_file(path, layer="enterprises", coords=coords, district=district)


def _write_csv(result: ScreenResult, out: Path, prov: Provenance, _firms: pd.DataFrame) -> None:
    write_csv(result.output(), out, provenance=prov)


def _write_xlsx(result: ScreenResult, out: Path, prov: Provenance, _firms: pd.DataFrame) -> None:
    sheets = {"五过筛查 screen": result.output(), "阈值 thresholds": thresholds_table(result)}
    write_xlsx(sheets, out, provenance=prov, labels=screen_labels("zh"))


def _write_gpkg(result: ScreenResult, out: Path, prov: Provenance, firms: pd.DataFrame) -> None:
    geometry = gpd.GeoSeries(firms.geometry.to_numpy(), crs=firms.crs)
    points = gpd.GeoDataFrame(result.output(), geometry=geometry, crs=firms.crs)
    about = pd.DataFrame(
        [*prov.as_rows(), ("SHA-256 input", prov.data_version)], columns=["item", "value"]
    )
    out.unlink(missing_ok=True)
    pyogrio.write_dataframe(points, out, layer="screen", driver="GPKG")
    pyogrio.write_dataframe(about, out, layer="about", driver="GPKG")


WRITERS: dict[str, Callable[[ScreenResult, Path, Provenance, pd.DataFrame], None]] = {
    ".csv": _write_csv,
    ".xlsx": _write_xlsx,
    ".gpkg": _write_gpkg,
}


def _summary(result: ScreenResult, out: Path) -> str:
    table = result.table
    n = len(table)
    out_n = int(table["phase_out"].sum())
    counts = table["flag_count"].value_counts().reindex(range(6), fill_value=0)
    dist = " · ".join(f"{k}: {int(v):,}" for k, v in counts.items())
    share = out_n / n if n else 0.0
    return (
        f"筛查 screened {n:,} firms of {result.year}: phase-out candidates {out_n:,} "
        f"({share:.1%}); flag counts {dist}\n"
        f"能耗口径 energy basis: {result.basis}\n"
        f"写入 wrote {out}"
    )


def run(args: argparse.Namespace) -> int:
    """Screen a file or the workspace and write one row per enterprise to ``--out``."""
    out = Path(args.out)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        print(f"error: --out must end in {', '.join(WRITERS)} (got {out.name})", file=sys.stderr)
        return EXIT_USAGE
    config = load_screen_config(args.config)
    if args.file:  # checked against the region of the workspace (the default one unless given)
        path = Path(args.file)
        region = Workspace.open(args.workspace).district()
        firms = read_enterprise_file(path, coords=args.coords, region=region)
        version = "file sha256 " + sha256_file(path)[:12]
    else:
        ws = Workspace.open(args.workspace)
        firms = ws.read("enterprises")
        version = ws.data_version()
    of_year, year = select_year(firms, args.year)
    # every year goes in: the earlier years' grades give the consecutive years in D
    result = screen(firms, config=config, year=year, lang=args.lang)
    prov = Provenance(what=f"{WHAT} {year}", data_version=version, parameters=result.parameters())
    frame = of_year.reset_index(drop=True)
    if args.file:  # a file's own firms: nothing of the workspace leaves
        writer(result, out, prov, frame)
    else:  # the workspace's firms: an export, checked against the role and audited
        export_file(args, ws, "table", out, lambda: writer(result, out, prov, frame))
    print(_summary(result, out))
    return EXIT_OK
