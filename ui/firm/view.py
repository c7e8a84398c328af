"""The firm profile page's pieces: which firm the address names, its profile (cached), the
headline, one table per topic and the Excel download."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from errors import UnknownKeyError
from exports.firm_profile import profile_provenance, write_profile
from scoring.profile.labels import TOPICS, profile_label, topic_title
from scoring.profile.topics import FirmProfile
from store.firm_profile import load_profile, survey_years
from ui.auth import current_account
from ui.downloads import audited_download
from ui.firm.search import PARAM, profile_link
from ui.i18n import lang, t
from ui.loaders import data_version, load_layer, screen_result, workspace, workspace_key
from ui.map_view.card import md
from ui.screen.state import current_config

__all__ = ["MAX_CODE", "TABLE_TOPICS", "download", "headline", "load", "requested", "show_topics"]

# the topics drawn as tables, in order (the projects last, with their own empty note)
TABLE_TOPICS = tuple(TOPICS)
MAX_CODE = 40  # characters of ``?uscc=`` looked at (a USCC has 18)


def requested() -> str | None:
    """The USCC the address names (``?uscc=…``), upper-cased, its letters and digits only (a
    USCC has no other characters; the rest of an address is never shown); ``None`` without."""
    value = st.query_params.get(PARAM)
    text = re.sub(r"[^0-9A-Z]", "", str(value or "").upper())[:MAX_CODE]
    return text or None


@st.cache_data(show_spinner=False, max_entries=32)
def _profile(path: str, stamp: str, uscc: str, config: str, language: str) -> FirmProfile:
    settings = json.loads(config)
    firms = load_layer("enterprises")
    screens = {year: screen_result(year, settings, language) for year in survey_years(firms)}
    return load_profile(workspace(), uscc, enterprises=firms, screens=screens, lang=language)


def load(uscc: str) -> FirmProfile | None:
    """The profile of ``uscc`` (cached until the workspace or the thresholds change); an
    unknown USCC draws its message with links to the near matches and gives ``None``."""
    config = json.dumps(current_config(), sort_keys=True, ensure_ascii=False)
    try:
        return _profile(*workspace_key(), uscc, config, lang())
    except UnknownKeyError as exc:
        st.warning(t("firm.unknown", uscc=uscc))
        if exc.known:
            st.caption(t("firm.near"))
            for near in exc.known:
                profile_link(near, near)
        return None


def _latest(profile: FirmProfile, topic: str, column: str) -> Any:
    frame = profile.topics[topic]
    rows = frame[frame["survey_year"] == profile.years[-1]] if profile.years else frame.iloc[:0]
    return rows[column].iloc[0] if len(rows) else None


def headline(profile: FirmProfile) -> None:
    """The firm's name, USCC and four figures: years surveyed, latest grade, town, park."""
    st.header(md(profile.name))
    st.caption(t("firm.uscc", uscc=profile.uscc))
    cols = st.columns(4)
    cols[0].metric(
        t("firm.years"),
        t("firm.years_value", n=len(profile.years), total=len(profile.survey_years)),
    )
    year = profile.years[-1] if profile.years else ""
    cols[1].metric(t("firm.latest_grade", year=year), str(_latest(profile, "grade", "grade")))
    cols[2].metric(t("firm.town"), str(_latest(profile, "places", "town") or "–"))
    park = _latest(profile, "places", "park_name") or t("firm.outside")
    cols[3].metric(t("firm.park"), str(park))
    missing = [str(y) for y in profile.survey_years if y not in profile.years]
    if missing:
        st.caption(t("firm.not_surveyed", years="、".join(missing)))


def _is_flag(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values):
        return True
    present = values.dropna()
    return (
        values.dtype == object
        and len(present) > 0
        and bool(present.map(lambda v: isinstance(v, bool | np.bool_)).all())
    )


def _display(frame: pd.DataFrame) -> pd.DataFrame:
    """The topic's table with labels for headers and 是/否 for yes/no (no raw values)."""
    out = frame.copy()
    yes, no = t("firm.yes"), t("firm.no")
    for column in out.columns:
        if _is_flag(out[column]):
            out[column] = out[column].map(lambda v: None if pd.isna(v) else yes if v else no)
    return out.rename(columns={c: profile_label(c, lang()) for c in out.columns})


def show_topics(profile: FirmProfile, *, after: dict[str, Any] | None = None) -> None:
    """One subheader and table per topic; ``after[topic]`` (a function) draws below its table."""
    extra = after or {}
    for topic in TABLE_TOPICS:
        frame = profile.topics[topic]
        st.subheader(topic_title(topic, lang()))
        if topic == "projects" and frame.empty:
            st.caption(t("firm.no_projects"))
        else:
            st.dataframe(_display(frame), hide_index=True, key=f"firm_table_{topic}")
        if topic in extra:
            extra[topic](profile)


def download(profile: FirmProfile) -> None:
    """The profile as the workbook of ``cli.py firm`` (made, checked and audited on click);
    a town account may download the profiles of its own town's firms."""
    config = current_config()
    latest = screen_result(profile.survey_years[-1], config, lang())
    provenance = profile_provenance(
        profile,
        data_version=data_version(),
        parameters={k: v for k, v in latest.parameters().items() if k != "survey_year"},
        user=current_account().name,
    )

    def make() -> bytes:
        buffer = io.BytesIO()
        write_profile(profile, buffer, provenance=provenance)
        return buffer.getvalue()

    town = _latest(profile, "places", "town")
    audited_download(
        t("firm.download"),
        make,
        file_name=f"firm_{profile.uscc}.xlsx",
        kind="table",
        key="firm_download",
        town=str(town) if town else None,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
