"""The land page's area figures: a metric in 亩 (what a Panyu planner reads first) with 公顷 in
its label, so that neither is cut off in a narrow column."""

from __future__ import annotations

from typing import Any

from ui.i18n import t

__all__ = ["area_metric"]


def area_metric(where: Any, label: str, *, ha: float, mu: float) -> None:
    """``where.metric`` of an area: ``38,386 亩`` under ``腾退用地（2,559.1 公顷）``."""
    where.metric(t("land.metric_label", label=label, ha=ha), t("land.metric_mu", mu=mu))
