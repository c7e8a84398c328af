"""The towns' target completion as a map colouring, registered through the public ``layers``
API when this module is imported (``app.py`` imports it, so every page's map offers it).

The map page lists every colouring registered for ``"towns"``: choosing this one fills each town
with its overall completion of the latest year that has both targets and a survey (red below
100 %, green above), and its tooltip shows the figure. The map page itself does not change.
"""

from __future__ import annotations

import pandas as pd

from layers import Colouring, register_colouring
from ui.loaders import town_target_completion

__all__ = ["TARGET_COMPLETION"]


def _completion(frame: pd.DataFrame) -> pd.Series:
    _, values = town_target_completion()
    return frame["name"].astype(str).map(values).astype(float)


TARGET_COMPLETION = register_colouring(
    "towns",
    Colouring(
        key="target_completion",
        label=("目标综合完成率（最近调查年度）", "Target completion (latest survey year)"),
        column="completion",
        kind="quantity",
        palette=("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#1a9850"),
        unit=("%", "%"),
        bins=(0.0, 60.0, 80.0, 100.0, 110.0, 125.0, 150.0),
        compute=_completion,
    ),
    replace=True,
)
