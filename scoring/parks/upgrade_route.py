"""A suggested upgrade route per park, with its reasons — a suggestion, shown as such.

Routes of Guangdong's 村镇工业集聚区升级改造 programme (2021–2023): 淘汰关停 (phase out and
close), 合并搬迁 (merge and relocate), 功能转换 (convert to another use), 改造提升 (retrofit and
upgrade in place). The rules are ParkPlan's proposal (no official quantitative rule exists),
evaluated in order, first match wins:

1. 淘汰关停 when the share of phase-out candidates (≥ 3 of the five flags) reaches
   ``route.phase_out_share`` or the share of D-class firms reaches ``route.d_share``;
2. 功能转换 when more of the park than ``gate.max_demolition_share`` lies in 三旧 parcels marked
   for demolition (全面改造): the land is planned for another use;
3. 合并搬迁 when the park is outside every industrial block, or smaller / emptier than the gate
   allows: its firms are better moved to a larger park;
4. 改造提升 otherwise, with its retrofit score and rank.

The screen's park aggregates come in as a small frame (:data:`SCREEN_COLUMNS`: ``park_id``,
``d_share``, ``phase_out_share``; :func:`scoring.parks.pipeline.park_routes` makes it from a
screen); without one (``None``) rule 1 is reported as not evaluated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from config.settings import ParkScoreSettings
from scoring.screen.aggregates import park_aggregates

__all__ = ["ROUTES", "SCREEN_COLUMNS", "SUGGESTION_NOTE", "screen_shares", "upgrade_routes"]

SCREEN_COLUMNS = ("park_id", "d_share", "phase_out_share")
SUGGESTION_NOTE = "建议路径，仅供参考 suggested route, not a decision"


@dataclass(frozen=True)
class Route:
    """One route: its label and the test that selects it (mask over parks + reason texts)."""

    key: str
    label: str
    test: Callable[[pd.DataFrame, ParkScoreSettings], tuple[np.ndarray, list[str]]]


def _phase_out(f: pd.DataFrame, s: ParkScoreSettings) -> tuple[np.ndarray, list[str]]:
    po, d = f["phase_out_share"].to_numpy(float), f["d_share"].to_numpy(float)
    lim_po, lim_d = s.route.phase_out_share, s.route.d_share
    hit_po, hit_d = po >= lim_po, d >= lim_d
    texts = []
    for a, b, ha, hb in zip(po, d, hit_po, hit_d, strict=True):
        parts = [
            p
            for p, on in (
                (f"淘汰类企业占比 phase-out candidates {a:.0%} ≥ {lim_po:.0%}", ha),
                (f"D类企业占比 D-class firms {b:.0%} ≥ {lim_d:.0%}", hb),
            )
            if on
        ]
        texts.append("; ".join(parts))
    return hit_po | hit_d, texts


def _conversion(f: pd.DataFrame, s: ParkScoreSettings) -> tuple[np.ndarray, list[str]]:
    share, lim = f["demolition_share"].to_numpy(float), s.gate.max_demolition_share
    return share > lim, [f"全面改造地块占园区 {v:.0%} > {lim:.0%} demolition share" for v in share]


def _merge(f: pd.DataFrame, s: ParkScoreSettings) -> tuple[np.ndarray, list[str]]:
    g = s.gate
    outside = ~f["in_industrial_block"].to_numpy(bool)
    small = f["area_ha"].to_numpy(float) < g.min_area_ha
    few = f["firms_latest"].to_numpy(int) < g.min_enterprises
    texts = []
    for o, sm, fw, a, n in zip(outside, small, few, f["area_ha"], f["firms_latest"], strict=True):
        parts = [
            p
            for p, on in (
                ("不在产业区块内 outside every industrial block", o),
                (f"面积 {a:.1f} ha < {g.min_area_ha:g} ha", sm),
                (f"企业 {n} 家 < {g.min_enterprises}", fw),
            )
            if on
        ]
        texts.append("; ".join(parts))
    return outside | small | few, texts


def _upgrade(f: pd.DataFrame, s: ParkScoreSettings) -> tuple[np.ndarray, list[str]]:
    texts = [
        f"位于产业区块、用地稳定 in an industrial block, land kept; 改造评分 score {sc:.3f}"
        + ("" if pd.isna(r) else f", 排名 rank {int(r)}")
        for sc, r in zip(f["score"], f["rank"], strict=True)
    ]
    return np.ones(len(f), dtype=bool), texts


ROUTES: tuple[Route, ...] = (
    Route("phase_out", "淘汰关停", _phase_out),
    Route("convert", "功能转换", _conversion),
    Route("merge", "合并搬迁", _merge),
    Route("upgrade", "改造提升", _upgrade),
)


def screen_shares(screen: pd.DataFrame) -> pd.DataFrame:
    """The park shares a route reads (:data:`SCREEN_COLUMNS`) from a five-excess screen's table
    (:func:`scoring.screen.run.screen`): ``d_share`` (D / graded firms) and ``phase_out_share``
    (phase-out candidates / firms), one row per park with firms."""
    parks = park_aggregates(screen)
    return pd.DataFrame(
        {
            "park_id": parks.index.astype(str),
            "d_share": parks["share_d"].to_numpy(dtype=float),
            "phase_out_share": parks["share_phase_out"].to_numpy(dtype=float),
        }
    )


def upgrade_routes(
    parks: pd.DataFrame,
    settings: ParkScoreSettings,
    *,
    screen: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Suggested route per park.

    Parameters
    ----------
    parks
        One row per park: ``park_id``, ``area_ha``, ``firms_latest``, ``in_industrial_block``,
        ``demolition_share`` (the indicators) and ``score``, ``rank`` (the ranking).
    settings
        ``[park_score]`` of the typed settings (its ``gate`` and ``route``).
    screen
        The screen's park aggregates (:data:`SCREEN_COLUMNS`), or ``None`` when not available.

    Returns
    -------
    pandas.DataFrame
        ``park_id``, ``route`` (key), ``route_label`` (Chinese), ``route_reason`` and
        ``suggestion`` (the note that this is a suggestion), on ``parks``' index.
    """
    frame = parks.copy()
    if screen is not None:
        agg = screen.loc[:, list(SCREEN_COLUMNS)].set_index("park_id")
        frame["d_share"] = frame["park_id"].map(agg["d_share"]).to_numpy(float)
        frame["phase_out_share"] = frame["park_id"].map(agg["phase_out_share"]).to_numpy(float)
    else:
        frame["d_share"] = np.nan
        frame["phase_out_share"] = np.nan
    route = np.full(len(frame), "", dtype=object)
    label = np.full(len(frame), "", dtype=object)
    reason = np.full(len(frame), "", dtype=object)
    open_ = np.ones(len(frame), dtype=bool)
    for r in ROUTES:
        if r.key == "phase_out" and screen is None:
            continue
        hit, texts = r.test(frame, settings)
        take = open_ & hit
        route[take], label[take] = r.key, r.label
        reason[take] = np.asarray(texts, dtype=object)[take]
        open_ &= ~take
    if screen is None:
        reason = np.array(
            [
                f"{t}（未评估淘汰类占比：无筛查结果 screen aggregates not available）"
                for t in reason
            ],
            dtype=object,
        )
    return pd.DataFrame(
        {
            "park_id": frame["park_id"].to_numpy(),
            "route": route,
            "route_label": label,
            "route_reason": reason,
            "suggestion": SUGGESTION_NOTE,
        },
        index=parks.index,
    )
