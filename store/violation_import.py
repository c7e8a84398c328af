"""Import the yearly violations table (一票否决, issue 25): check every row, then write once.

:func:`plan_violations_import_as` reads the file through the confined reader (the ``[import]``
limits, :func:`geo.read_budget.read_budgeted`), checks every row at once
(:func:`store.violations.check_violations`) and compares it with what is stored: the file
replaces the stored violations of its years. Nothing is written.
:func:`apply_violations_import_as` takes the workspace lock, checks the data did not change
since, and writes the table and the history row in one atomic write
(:func:`store.history.commit_change`; ``cli.py undo`` takes it back), audited in the same write.
Both check the role first (``import_violations``: planner, admin).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from errors import ImportStateError, Problem, ValidationError
from geo.checksum import sha256_file
from geo.read_budget import read_budgeted
from store import audit
from store.changes import Changes
from store.history import commit_change, now
from store.imports import ImportSettings
from store.lock import workspace_lock
from store.roles import Actor, require
from store.violations import TABLE, check_violations, normalised, read_violations
from store.workspace import Workspace

__all__ = [
    "ViolationsPlan",
    "ViolationsReport",
    "apply_violations_import_as",
    "plan_violations_import_as",
]

_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class ViolationsPlan:
    """A checked violations file: its rows, the whole table after the import, the changes."""

    source: str
    sha256: str
    years: tuple[int, ...]
    incoming: pd.DataFrame
    result: pd.DataFrame
    replaced: int
    changes: Changes
    warnings: tuple[Problem, ...]
    base_version: str
    layer: str = TABLE

    @property
    def rows(self) -> int:
        return len(self.incoming)


@dataclass(frozen=True)
class ViolationsReport:
    """What an import did: rows, the stored rows it replaced, the history entry."""

    source: str
    rows: int
    replaced: int
    years: tuple[int, ...]
    entry: int
    layer: str = TABLE


def _ids(frame: pd.DataFrame) -> pd.Series:
    return frame["uscc"].astype(str) + "|" + frame["kind"].astype(str) + "|" + frame["doc_no"]


def _changes(replaced: pd.DataFrame, incoming: pd.DataFrame) -> Changes:
    old, new = _ids(replaced), _ids(incoming)
    added = incoming[~new.isin(set(old))]
    removed = replaced[~old.isin(set(new))]
    table = pd.concat(
        [
            pd.DataFrame({"key": _ids(added), "name": added["kind"], "change": "new"}),
            pd.DataFrame({"key": _ids(removed), "name": removed["kind"], "change": "removed"}),
        ],
        ignore_index=True,
    ).assign(fields="")
    counts = {
        "new": len(added),
        "changed": 0,
        "removed": len(removed),
        "unchanged": len(incoming) - len(added),
    }
    features = gpd.GeoDataFrame({"key": [], "name": [], "change": []}, geometry=[], crs=4326)
    return Changes(table=table, features=features, counts=counts)


def plan_violations_import_as(
    ws: Workspace, actor: Actor, path: str | Path, *, limits: ImportSettings | None = None
) -> ViolationsPlan:
    """Check ``path`` as the violations table for ``actor``; write nothing.

    Raises
    ------
    errors.AccessDeniedError
        The role may not import violations.
    errors.ValidationError
        Every problem of the file at once (file, row, field, value, what is allowed).
    """
    require(actor, "import_violations")
    path = Path(path)
    limits = limits or ImportSettings.from_config()
    if path.suffix.lower() not in _SUFFIXES:
        allowed = "须为 / must be one of: " + ", ".join(_SUFFIXES)
        raise ValidationError(
            [Problem(path.name, None, "file type", path.suffix, allowed)], source=path.name
        )
    raw = read_budgeted(path, layer=None, limits=limits.limits)
    base_version = ws.data_version()
    enterprises = ws.read("enterprises", columns=["uscc"])
    firms = set(enterprises["uscc"].astype("string").str.strip().str.upper().dropna())
    incoming = check_violations(raw.frame, source=path.name, firms=firms, row_offset=raw.row_offset)
    stored = read_violations(ws)
    years = tuple(sorted({int(y) for y in incoming["year"]}))
    mine = stored["year"].isin(years).to_numpy()
    result = normalised(pd.concat([stored[~mine], incoming], ignore_index=True))
    return ViolationsPlan(
        source=path.name,
        sha256=sha256_file(path),
        years=years,
        incoming=incoming,
        result=result,
        replaced=int(mine.sum()),
        changes=_changes(stored[mine], incoming),
        warnings=raw.warnings,
        base_version=base_version,
    )


def apply_violations_import_as(
    ws: Workspace, actor: Actor, plan: ViolationsPlan, *, limits: ImportSettings | None = None
) -> ViolationsReport:
    """Store a plan for ``actor``: the table, the history row and the audit row, one write.

    Raises
    ------
    errors.ImportStateError
        The data changed since the plan was made: check the file again.
    """
    require(actor, "import_violations")
    limits = limits or ImportSettings.from_config()

    def detail(written: Mapping[str, pd.DataFrame]) -> str:
        history = written.get("import_history")
        entry = "?" if history is None or history.empty else int(history.iloc[-1]["entry"])
        return f"history entry {entry}; {plan.rows} rows, {plan.changes.summary()}"

    with workspace_lock(ws, timeout=limits.lock_timeout_s):
        current = ws.data_version()
        if current != plan.base_version:
            raise ImportStateError(
                f"{plan.source}: 检查之后工作库已变化，请重新检查 / the workspace changed since "
                f"this file was checked (version {plan.base_version} → {current}); check it again"
            )
        row = {
            "when": now(),
            "user": actor.name,
            "action": "import",
            "file": plan.source,
            "sha256": plan.sha256,
            "layer": TABLE,
            "years": ", ".join(map(str, plan.years)),
            "rows": plan.rows,
            "new": plan.changes.counts["new"],
            "changed": 0,
            "removed": plan.changes.counts["removed"],
            "version_before": current,
        }
        with audit.along(
            ws, actor, "import", target=f"{plan.source} → {TABLE}", checksum=plan.sha256,
            detail=detail,
        ):  # fmt: skip
            written = commit_change(ws, {TABLE: plan.result}, row)
    return ViolationsReport(
        source=plan.source,
        rows=plan.rows,
        replaced=plan.replaced,
        years=plan.years,
        entry=int(written["entry"]),
    )
