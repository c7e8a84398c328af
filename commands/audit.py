"""``cli.py audit``: write the workspace's audit (who did what, when) to a CSV file.

UTF-8 with BOM, every text cell formula-safe (``exports.safe``), a provenance file beside it.
``--since DATE`` keeps the rows from that day on (UTC), ``--user`` one account's rows. The
download is itself an export: it adds its own row (with the file's SHA-256) to the audit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path

from commands import EXIT_OK, add_workspace_argument
from exports.tables import Provenance, write_csv
from geo.checksum import sha256_file
from store import audit
from store.accounts import Account
from store.workspace import Workspace

NAME = "audit"
HELP = "write the audit (sign-ins, imports, undos, scenarios, targets, exports) to a CSV"
LABELS = {
    "seq": "序号 seq",
    "when": "时间 when (UTC)",
    "user": "用户 user",
    "role": "角色 role",
    "action": "操作 action",
    "object": "对象 object",
    "checksum": "校验和 checksum (SHA-256)",
    "detail": "说明 detail",
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: use YYYY-MM-DD, e.g. 2026-03-01") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_date, help="rows from this day on (YYYY-MM-DD, UTC)")
    parser.add_argument("--user", help="only this account's rows")
    parser.add_argument("--out", required=True, help="the CSV file to write")
    add_workspace_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the (filtered) audit to ``--out`` and record the download."""
    ws = Workspace.open(args.workspace)
    table = audit.read_audit(ws, since=args.since, user=args.user)
    out = Path(args.out)
    filters = {"since": str(args.since or ""), "user": args.user or ""}
    write_csv(
        table,
        out,
        provenance=Provenance("审计记录 audit", ws.data_version(), parameters=filters),
        labels=LABELS,
    )
    admin = Account(name=getpass.getuser(), role="admin")
    audit.record(ws, admin, "export", target=out.name, checksum=f"{out.name}={sha256_file(out)}",
                 detail="audit")  # fmt: skip
    print(f"已导出 exported: {out}  {len(table):,} rows")
    return EXIT_OK
