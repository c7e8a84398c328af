"""The profile's topics and their columns' labels, Chinese first (export headers, page tables).

The screen's columns keep the screen's labels (:mod:`scoring.screen.labels`), the survey's
fields the survey's (the enterprises of :data:`geo.schema.LAYERS`), the projects' the
library's; only what the profile adds (a flag's reason, 亩 of land demand, the park's name) is
labelled here.
"""

from __future__ import annotations

from geo.schema import LAYERS, PROJECTS
from scoring.screen.five_excess import FLAG_RULES
from scoring.screen.labels import SCREEN_LABELS

__all__ = ["PROFILE_LABELS", "TOPICS", "profile_label", "profile_labels", "topic_title"]

# topic key → (sheet / section title zh, en), in the order the page and the workbook show them
TOPICS: dict[str, tuple[str, str]] = {
    "places": ("概况", "Overview"),
    "indicators": ("指标", "Indicators"),
    "flags": ("五过", "Five excesses"),
    "grade": ("亩均分级", "Grade"),
    "surcharge": ("差别价格", "Surcharge"),
    "retrofit": ("技改", "Retrofit"),
    "audit": ("清洁生产", "Clean production"),
    "land": ("用地", "Land"),
    "projects": ("项目", "Projects"),
}

_ADDED: dict[str, tuple[str, str]] = {
    "surveyed": ("当年在册", "Surveyed that year"),
    "park_name": ("园区名称", "Park name"),
    "land_demand_mu": ("用地需求（亩）", "Land demand (mu)"),
    "firm_name": ("企业名称", "Firm name"),
    "project_name": ("项目名称", "Project name"),
    **{
        f"reason_{key}": (f"{rule.label[0]}原因", f"{rule.label[1]}: reason")
        for key, rule in FLAG_RULES.items()
    },
}

PROFILE_LABELS: dict[str, tuple[str, str]] = {
    **{f.name: (f.label_zh, f.label_en) for f in PROJECTS.fields},
    **{f.name: (f.label_zh, f.label_en) for f in LAYERS["enterprises"].fields},
    **SCREEN_LABELS,
    **_ADDED,
}


def profile_label(column: str, lang: str = "zh") -> str:
    """The label of one column (the column name when it has none)."""
    text = PROFILE_LABELS.get(column)
    if text is None:
        return column
    return text[0] if lang == "zh" else text[1]


def profile_labels(lang: str = "zh") -> dict[str, str]:
    """Every column → its label (``exports.tables`` headers)."""
    return {column: profile_label(column, lang) for column in PROFILE_LABELS}


def topic_title(topic: str, lang: str = "zh") -> str:
    """A topic's title; ``"指标 Indicators"`` (both) for ``lang="both"`` (sheet names)."""
    zh, en = TOPICS[topic]
    if lang == "both":
        return f"{zh} {en}"
    return zh if lang == "zh" else en
