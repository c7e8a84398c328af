"""``cli.py firm USCC --out F.xlsx``: one firm's profile (一企一档) over every survey year of the
workspace — places, indicators, five-excess flags with their reasons, grade, surcharge,
retrofit and 机器换人, clean-production audit, land demand, and its projects — one sheet per
topic, one row per year, Chinese headers, with the 说明 About sheet.

The export is checked against the account of ``--as`` (``export_table``; a town account may
export the profile of a firm of its own town) and audited with the file's SHA-256. A USCC no
survey holds exits 3 naming the nearest surveyed ones; a suffix other than ``.xlsx`` or a target
that is the workspace exits 2; nothing is written either way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_CONTRACT, EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from config import load_settings
from errors import UnknownKeyError
from exports.atomic import ExportTargetError, refuse_protected, workspace_files
from exports.firm_profile import profile_provenance, write_profile
from store.firm_profile import load_profile, screens_of
from store.workspace import Workspace

NAME = "firm"
HELP = "one firm's profile (一企一档) over every survey year, a sheet per topic (.xlsx)"
KIND = "table"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("uscc", help="the firm's unified social credit code (18 characters)")
    parser.add_argument("--out", required=True, help="output workbook (.xlsx)")
    parser.add_argument("--config", help="TOML merged over the defaults (the screen's settings)")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the profile of ``uscc`` to ``--out``; print the years it covers."""
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx" or out.name in ("", ".", ".."):
        print(f"error: --out {out.name!r}: use a .xlsx file", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, out)
    except ExportTargetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownKeyError as exc:
        near = "、".join(exc.known)
        hint = f"；相近的 near matches: {near}" if near else "; no surveyed USCC is close"
        print(
            f"error: 未找到统一社会信用代码 {exc.key!r} 的企业 / no surveyed firm has USCC "
            f"{exc.key!r}{hint}",
            file=sys.stderr,
        )
        return EXIT_CONTRACT


def _run(args: argparse.Namespace, out: Path) -> int:
    settings = load_settings(args.config)
    workspace = Workspace.open(args.workspace)
    refuse_protected([out], workspace_files(workspace))
    firms = workspace.read("enterprises")
    screens = screens_of(firms, config=settings)
    profile = load_profile(workspace, args.uscc, enterprises=firms, screens=screens)
    latest = screens[max(screens)]
    provenance = profile_provenance(
        profile,
        data_version=workspace.data_version(),
        parameters={k: v for k, v in latest.parameters().items() if k != "survey_year"},
    )
    towns = set(profile.topics["places"]["town"].dropna().astype(str))
    export_file(
        args, workspace, KIND, out, lambda: write_profile(profile, out, provenance=provenance),
        towns=towns,
    )  # fmt: skip
    years = "、".join(str(y) for y in profile.years)
    print(
        f"企业档案 firm profile {profile.uscc} {profile.name}: 调查年度 survey years {years} "
        f"(of {len(profile.survey_years)})\n写入 wrote {out}"
    )
    return EXIT_OK
