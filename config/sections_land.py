"""Typed settings of the land clauses: ``[land]`` (contiguous renewal areas, 二(二)4; the
厂房加层 plot-ratio potential, 三(二))."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.fields import Section, msg

__all__ = ["MAX_PLOT_RATIO", "MAX_RENEWAL_GAP_M", "MAX_UPLIFT", "LandSettings"]

# beyond 1 km "neighbouring" stops meaning anything: half a town becomes one area
MAX_RENEWAL_GAP_M = 1_000.0
# a plot ratio of 10 is a tower, not a factory: beyond it a cap is a typing error
MAX_PLOT_RATIO = 10.0
# an uplift of more than 5 storeys' worth over the minimum is a typing error, not a plan
MAX_UPLIFT = 5.0


class LandSettings(Section):
    """``[land]``: the gap (m) within which parks and 三旧 parcels form one renewal area, and the
    target plot ratio of 厂房加层 (minimum of the division + ``plot_ratio_uplift``, at most
    ``max_plot_ratio``)."""

    renewal_gap_m: Annotated[
        float,
        Field(
            ge=0,
            le=MAX_RENEWAL_GAP_M,
            allow_inf_nan=False,
            description=msg("须为 0–1000 米", "must be 0–1000 m"),
        ),
    ]
    plot_ratio_uplift: Annotated[
        float,
        Field(
            ge=0,
            le=MAX_UPLIFT,
            allow_inf_nan=False,
            description=msg("须为 0–5 之间的数值", "must be a number from 0 to 5"),
        ),
    ]
    max_plot_ratio: Annotated[
        float,
        Field(
            gt=0,
            le=MAX_PLOT_RATIO,
            allow_inf_nan=False,
            description=msg("须为 (0, 10] 之间的数值", "must be a number in (0, 10]"),
        ),
    ]
