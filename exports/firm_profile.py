"""A firm's profile (一企一档) as an Excel workbook: one sheet per topic, one row per survey
year (the projects one row per project), Chinese headers, cells neutralised, and the "说明
About" sheet with what produced it (:func:`exports.tables.write_xlsx`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from exports.tables import Provenance, write_xlsx
from scoring.profile.labels import TOPICS, profile_labels, topic_title
from scoring.profile.topics import FirmProfile

__all__ = ["profile_provenance", "profile_sheets", "write_profile"]


def profile_sheets(profile: FirmProfile) -> dict[str, pd.DataFrame]:
    """Sheet name (``"指标 Indicators"``) → the topic's table, in :data:`TOPICS` order."""
    return {topic_title(t, "both"): profile.topics[t] for t in TOPICS if t in profile.topics}


def profile_provenance(
    profile: FirmProfile, *, data_version: str, parameters: Mapping[str, Any], user: str = ""
) -> Provenance:
    """What produced a profile: the firm, the survey years and the screen's settings."""
    return Provenance(
        what=f"企业档案 firm profile {profile.uscc} {profile.name}",
        data_version=data_version,
        parameters={
            "uscc": profile.uscc,
            "survey_years": list(profile.survey_years),
            "surveyed_years": list(profile.years),
            **parameters,
        },
        user=user,
    )


def write_profile(profile: FirmProfile, target: Path | BinaryIO, *, provenance: Provenance) -> None:
    """Write ``profile`` as a workbook to ``target`` (a path, atomically, or a stream)."""
    write_xlsx(profile_sheets(profile), target, provenance=provenance, labels=profile_labels("zh"))
