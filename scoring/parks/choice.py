"""The choice of parks for circular retrofit: the top ``n`` eligible, with the user's rules.

Rules (DOMAIN.md §3): pins are taken first (a pin of a gated-out park is refused with the
gate's reason), exclusions are never taken, then the best-ranked eligible parks fill the
remaining places, optionally at most one per town. Every pick carries why it was taken, and
every higher-ranked park that was passed over carries why it was skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from errors import Problem, ValidationError

__all__ = ["Choice", "choose"]


@dataclass(frozen=True)
class Choice:
    """The parks picked, in order, with reasons."""

    parks: tuple[str, ...]
    why: dict[str, str] = field(default_factory=dict)  # park_id → why taken
    skipped: dict[str, str] = field(default_factory=dict)  # park_id → why passed over
    short: int = 0  # places left empty (not enough eligible parks)


def _problems(
    ranking: pd.DataFrame, n: int, pins: Sequence[str], excludes: Sequence[str], one_per_town: bool
) -> list[Problem]:
    known = set(ranking["park_id"].astype(str))
    rows = ranking.set_index(ranking["park_id"].astype(str))
    problems = []
    if n < 1:
        problems.append(Problem("select", None, "--n", n, "须 ≥ 1 / must be at least 1"))
    for pid in [*pins, *excludes]:
        if pid not in known:
            problems.append(Problem("select", None, "park_id", pid, "未知园区 / unknown park"))
    for pid in pins:
        if pid in known and not bool(rows.loc[pid, "eligible"]):
            reason = str(rows.loc[pid, "ineligible_reason"])
            problems.append(
                Problem("select", None, "--pin", pid, f"未通过资格门槛 / gated out: {reason}")
            )
        if pid in excludes:
            problems.append(
                Problem("select", None, "--pin", pid, "同时被排除 / also excluded (--exclude)")
            )
    if len(set(pins)) > n:
        problems.append(
            Problem(
                "select", None, "--pin", list(pins), f"钉选超过 {n} 个 / more pins than --n {n}"
            )
        )
    if one_per_town:
        towns = pd.Series([rows.loc[p, "town"] for p in pins if p in known], dtype=object)
        for town in towns[towns.duplicated()].unique():
            problems.append(
                Problem(
                    "select",
                    None,
                    "--pin",
                    str(town),
                    "同一镇街钉选多个 / two pins in one town with --one-per-town",
                )
            )
    return problems


def choose(
    ranking: pd.DataFrame,
    *,
    n: int,
    one_per_town: bool,
    pins: Sequence[str] = (),
    excludes: Sequence[str] = (),
) -> Choice:
    """Pick ``n`` parks from ``ranking``.

    Parameters
    ----------
    ranking
        One row per park with ``park_id``, ``town``, ``eligible``, ``ineligible_reason`` and
        ``rank`` (1 = best; NaN when not eligible).
    n, one_per_town, pins, excludes
        How many to pick; at most one per town; parks that must be picked; parks that must not.

    Raises
    ------
    ValidationError
        Every problem with the pins and exclusions at once (unknown park, gated-out pin with
        its reason, pin also excluded, more pins than places, two pins in one town).
    """
    pins = list(dict.fromkeys(str(p) for p in pins))
    excludes = list(dict.fromkeys(str(p) for p in excludes))
    problems = _problems(ranking, n, pins, excludes, one_per_town)
    if problems:
        raise ValidationError(problems, source="select")
    rows = ranking.assign(park_id=ranking["park_id"].astype(str)).set_index("park_id")
    picked = list(pins)
    why = {p: f"钉选 pinned (rank {_rank(rows, p)})" for p in pins}
    towns = {rows.loc[p, "town"] for p in pins}
    skipped: dict[str, str] = {}
    eligible = rows[rows["eligible"].astype(bool)].sort_values("rank", kind="stable")
    for pid, row in eligible.iterrows():  # at most the eligible parks, stops after n picks
        if len(picked) >= n:
            break
        pid = str(pid)
        if pid in picked:
            continue
        if pid in excludes:
            skipped[pid] = "排除 excluded by the user"
            continue
        if one_per_town and row["town"] in towns:
            skipped[pid] = f"同镇街已选 {row['town']} already has a pick (one per town)"
            continue
        picked.append(pid)
        towns.add(row["town"])
        why[pid] = f"排名 rank {_rank(rows, pid)}"
    return Choice(tuple(picked), why, skipped, short=max(0, n - len(picked)))


def _rank(rows: pd.DataFrame, pid: str) -> str:
    value = pd.to_numeric(pd.Series([rows.loc[pid, "rank"]]), errors="coerce").iloc[0]
    return "–" if pd.isna(value) else str(int(value))
