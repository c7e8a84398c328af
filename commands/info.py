"""``cli.py info``: layers, counts, survey years, CRS and district area of a workspace."""

from __future__ import annotations

import argparse
import json

from commands import EXIT_OK, add_workspace_argument
from geo.schema import LAYERS
from store.workspace import Workspace

NAME = "info"
HELP = "layers, counts, survey years, CRS and district area"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_workspace_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args: argparse.Namespace) -> int:
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
