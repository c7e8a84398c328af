"""Typed settings of the land clauses: ``[land]`` (contiguous renewal areas, 二(二)4)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.fields import Section, msg

__all__ = ["MAX_RENEWAL_GAP_M", "LandSettings"]

# beyond 1 km "neighbouring" stops meaning anything: half a town becomes one area
MAX_RENEWAL_GAP_M = 1_000.0


class LandSettings(Section):
    """``[land]``: the gap (m) within which parks and 三旧 parcels form one renewal area."""

    renewal_gap_m: Annotated[
        float,
        Field(
            ge=0,
            le=MAX_RENEWAL_GAP_M,
            allow_inf_nan=False,
            description=msg("须为 0–1000 米", "must be 0–1000 m"),
        ),
    ]
