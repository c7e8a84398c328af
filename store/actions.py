"""Every action that writes, as a signed-in account: checked against its role, then done by the
module that owns it, then written to the audit.

One entry per action — :func:`import_as` (or :func:`plan_import_as` then
:func:`apply_import_as`, for a page that previews), :func:`undo_as`, :func:`restore_as`,
:func:`save_scenario_as`, :func:`delete_scenario_as`, :func:`reset_targets_as`,
:func:`export_bytes_as`, :func:`save_targets_as`, :func:`export_as` — each calls
:func:`store.roles.require` first (a refusal writes nothing), then :mod:`store.imports`,
:mod:`store.history`, :mod:`store.scenarios`, :mod:`store.targets` or the export writer it is
given, with its audit row (:func:`store.audit.along`) stored in the same atomic write as what it
writes — both or neither. An export writes no workspace data: its row follows the files. The
account's name is what those modules record as the user (never a name typed into a form).

A town account imports the survey rows of its own town only: a file with rows of another town is
refused, every such row named by its row number, and nothing is stored; its import replaces the
rows of its town in the survey years of the file, never another town's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from errors import AccessDeniedError, Problem, ValidationError
from geo.checksum import sha256_file
from scoring.targets.split import KEYS
from store import audit
from store.changes import compare
from store.history import TABLE as HISTORY
from store.history import restore_to, undo_last
from store.imports import ImportPlan, ImportReport, ImportSettings, apply_import, plan_import
from store.roles import Actor, require
from store.scenarios import Scenario, delete_scenario, save_scenario
from store.targets import SaveResult, load_split, reset_split, save_split
from store.workspace import Workspace

__all__ = [
    "apply_import_as",
    "delete_scenario_as",
    "export_as",
    "export_bytes_as",
    "import_action",
    "import_as",
    "own_town_plan",
    "plan_import_as",
    "reset_targets_as",
    "restore_as",
    "save_scenario_as",
    "save_targets_as",
    "town_of",
    "undo_as",
]

# the first data row of a spreadsheet is line 2 (header = 1); of a vector layer, feature 1
_TABULAR = (".csv", ".xlsx", ".xlsm", ".xls")


def _recorded(written: Mapping[str, pd.DataFrame]) -> pd.Series | None:
    """The history row a write records (the last of the history it stores), if any."""
    history = written.get(HISTORY)
    return None if history is None or not len(history) else history.iloc[-1]


def _entry(written: Mapping[str, pd.DataFrame]) -> str:
    """The history entry a write records, "?" when it records none."""
    row = _recorded(written)
    return "?" if row is None else str(int(row["entry"]))


def _what_history_records(written: Mapping[str, pd.DataFrame]) -> str:
    """The history row a write records, as the audit's detail (entry, what it goes back to)."""
    row = _recorded(written)
    if row is None:
        return ""
    back = f" back to entry {row['undoes']}" if pd.notna(row.get("undoes")) else ""
    return f"history entry {int(row['entry'])}: {row['action']}{back}; {row['rows']} rows"


def _history_sha(written: Mapping[str, pd.DataFrame]) -> str:
    """The SHA-256 of the file the history row a write records is about."""
    row = _recorded(written)
    return "" if row is None else str(row["sha256"])


def _history_file(written: Mapping[str, pd.DataFrame]) -> str:
    """What the history row a write records acted on (``file → layer``)."""
    row = _recorded(written)
    return "" if row is None else f"{row['file']} → {row['layer']}"


def import_action(layer: str) -> str:
    return "import_survey" if layer == "enterprises" else "import_layer"


def town_of(actor: Actor) -> str | None:
    """The town an action concerns when a town account takes it (others: the whole district)."""
    return actor.town if actor.role == "town" else None


def own_town_plan(ws: Workspace, plan: ImportPlan, town: str, *, row_offset: int) -> ImportPlan:
    """``plan`` (enterprises) limited to ``town``: refused when a row lies in another town;
    otherwise it replaces only ``town``'s rows of the file's survey years.

    Raises
    ------
    errors.ValidationError
        Naming every row of another town (its row number in the file, and the town it lies in).
    """
    incoming = plan.incoming
    where = incoming["town"].astype("string").fillna("")
    wrong = incoming.index[where != town]
    if len(wrong):
        problems = [
            Problem(
                plan.source,
                int(i) + row_offset,
                "town（镇街）",
                str(where.at[i]) or None,
                f"镇街账户只可导入本镇街 {town} 的企业 / a town account imports the firms of "
                f"{town} only",
            )
            for i in wrong
        ]
        raise ValidationError(problems, source=plan.source)
    existing = ws.read("enterprises")
    mine = existing["survey_year"].isin(plan.years) & (existing["town"] == town)
    keep, replaced = existing[~mine], existing[mine]
    stored = pd.concat([keep, incoming.reindex(columns=keep.columns)], ignore_index=True)
    result = gpd.GeoDataFrame(stored, geometry="geometry", crs=incoming.crs)
    changes = compare(replaced, incoming, layer="enterprises")
    return replace(plan, result=result, changes=changes, replaced=len(replaced))


def plan_import_as(
    ws: Workspace,
    actor: Actor,
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    year: int | None = None,
    settings: ImportSettings | None = None,
    on_progress: Callable[[float, str], None] | None = None,
) -> ImportPlan:
    """Check ``path`` as ``layer`` for ``actor`` (nothing stored): refused before reading when
    the role may not import it; a town account's plan holds its own town's rows only."""
    require(actor, import_action(layer), town=town_of(actor))
    path = Path(path)
    plan = plan_import(
        ws, path, layer=layer, coords=coords, year=year, settings=settings, on_progress=on_progress
    )
    town = town_of(actor)
    if town is not None:
        offset = 2 if path.suffix.lower() in _TABULAR else 1
        plan = own_town_plan(ws, plan, town, row_offset=offset)
    return plan


def apply_import_as(
    ws: Workspace,
    actor: Actor,
    plan: ImportPlan,
    *,
    settings: ImportSettings | None = None,
    on_progress: Callable[[float, str], None] | None = None,
) -> ImportReport:
    """Store a plan of :func:`plan_import_as` for ``actor``, then audit it."""
    require(actor, import_action(plan.layer), town=town_of(actor))
    summary = f"{plan.rows} rows, {plan.changes.summary()}"
    with audit.along(
        ws, actor, "import", target=f"{plan.source} → {plan.layer}", checksum=plan.sha256,
        detail=lambda written: f"history entry {_entry(written)}; {summary}",
    ):  # fmt: skip
        return apply_import(ws, plan, user=actor.name, settings=settings, on_progress=on_progress)


def import_as(
    ws: Workspace,
    actor: Actor,
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    year: int | None = None,
    settings: ImportSettings | None = None,
) -> ImportReport:
    """Check, then store ``path`` as ``layer`` for ``actor`` (see the module's docstring)."""
    plan = plan_import_as(ws, actor, path, layer=layer, coords=coords, year=year, settings=settings)
    return apply_import_as(ws, actor, plan, settings=settings)


def undo_as(ws: Workspace, actor: Actor, *, lock_timeout: float | None = None) -> dict[str, Any]:
    """Undo the last import for ``actor``."""
    require(actor, "undo")
    with audit.along(ws, actor, "undo", target=_history_file, checksum=_history_sha,
                     detail=_what_history_records):  # fmt: skip
        return undo_last(ws, user=actor.name, lock_timeout=lock_timeout)


def restore_as(ws: Workspace, actor: Actor, entry: int) -> dict[str, Any]:
    """Restore the data as they were after history entry ``entry`` (0: before the first) for
    ``actor`` (restoring is an import of the past: the role must be allowed to import layers)."""
    require(actor, "import_layer")
    with audit.along(ws, actor, "restore", target=f"entry {entry}", detail=_what_history_records):
        return restore_to(ws, entry, user=actor.name)


def save_scenario_as(
    ws: Workspace,
    actor: Actor,
    name: str,
    *,
    parks: Sequence[str],
    parameters: Mapping[str, Any],
) -> Scenario:
    """Save (or replace) the scenario ``name`` for ``actor``."""
    require(actor, "scenario_save")
    with audit.along(ws, actor, "scenario_save", target=name.strip(),
                     detail=f"{len(parks)} parks: {', '.join(parks)}"):  # fmt: skip
        return save_scenario(ws, name, parks=parks, parameters=parameters, user=actor.name)


def delete_scenario_as(ws: Workspace, actor: Actor, name: str) -> None:
    """Delete the scenario ``name`` for ``actor``."""
    require(actor, "scenario_delete")
    with audit.along(ws, actor, "scenario_delete", target=name):
        delete_scenario(ws, name)


def _changed_rows(previous: pd.DataFrame, frame: pd.DataFrame) -> list[tuple[int, str]]:
    """(row number from 1, town) of every row of ``frame`` whose targets differ from
    ``previous`` (or that ``previous`` does not have)."""
    rows = frame.reset_index(drop=True)
    old = previous.assign(year=previous["year"].astype(int)).set_index(["year", "town"])
    out = []
    for i, row in rows.iterrows():
        key = (int(row["year"]), row["town"])
        if key not in old.index:
            out.append((int(str(i)) + 1, str(row["town"])))
            continue
        new = pd.to_numeric(row[list(KEYS)], errors="coerce").to_numpy(dtype=float)
        was = old.loc[key, list(KEYS)].to_numpy(dtype=float)
        if not np.allclose(new, was, equal_nan=True):
            out.append((int(str(i)) + 1, str(row["town"])))
    return out


def save_targets_as(
    ws: Workspace, actor: Actor, frame: pd.DataFrame, *, config: TargetsSettings
) -> SaveResult:
    """Store an edited split for ``actor``; a town account may change its own town's rows only
    (every other changed row is named and nothing is written)."""
    town = town_of(actor)
    require(actor, "target_edit", town=town)
    if town is not None:
        previous = load_split(ws, config=config).frame
        others = [(n, t) for n, t in _changed_rows(previous, frame) if t != town]
        if others:
            rows = "、".join(f"{n}（{t}）" for n, t in others)
            raise AccessDeniedError(
                f"{actor.name}：镇街账户只可修改 {town} 的目标，第 {rows} 行属于其他镇街，未保存 / "
                f"{actor.name}: a town account edits the targets of {town} only; rows "
                f"{', '.join(str(n) for n, _t in others)} are of other towns; nothing was saved"
            )
    what = "town_targets" if town is None else f"town_targets:{town}"
    with audit.along(ws, actor, "target_edit", target=what, detail="edited split saved"):
        return save_split(ws, frame, user=actor.name, config=config)


def reset_targets_as(ws: Workspace, actor: Actor, *, config: TargetsSettings) -> SaveResult:
    """Store the default split of every town again for ``actor`` (a district decision: a town
    account may not)."""
    require(actor, "target_edit")
    with audit.along(ws, actor, "target_edit", target="town_targets",
                     detail="reset to the default split"):  # fmt: skip
        return reset_split(ws, user=actor.name, config=config)


def export_as(
    ws: Workspace,
    actor: Actor,
    kind: str,
    write: Callable[[], Iterable[Path]],
    *,
    town: str | None = None,
    target: str = "",
) -> list[Path]:
    """Run the export writer ``write`` for ``actor`` and audit each file's SHA-256.

    ``kind`` is ``parcels``, ``pack``, ``briefing`` or ``table``; ``town`` the town whose lists
    these are (``None``: the district's). A town account exports its own town's lists only.
    """
    require(actor, f"export_{kind}", town=town)
    files = [Path(p) for p in write()]
    sums = "; ".join(f"{p.name}={sha256_file(p)}" for p in files)
    what = target or ", ".join(p.name for p in files)
    audit.record(ws, actor, "export", target=what, checksum=sums, detail=kind)
    return files


def export_bytes_as(
    ws: Workspace,
    actor: Actor,
    kind: str,
    name: str,
    make: Callable[[], bytes],
    *,
    town: str | None = None,
) -> bytes:
    """The bytes of the download ``name`` that ``make`` builds, for ``actor``, audited with their
    SHA-256 (a page's deferred download: built and recorded when the planner clicks)."""
    require(actor, f"export_{kind}", town=town)
    data = make()
    digest = hashlib.sha256(data).hexdigest()
    audit.record(ws, actor, "export", target=name, checksum=f"{name}={digest}", detail=kind)
    return data
