"""The briefing PDF, rendered with poppler (pdftoppm) and read back with pdftotext/pdffonts."""

from __future__ import annotations

import subprocess

import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest

from errors import ParkPlanError
from exports.briefing import Briefing, write_briefing
from exports.briefing_data import list_checksum, parcel_totals
from exports.tables import Provenance
from geo.crs import M2_PER_MU
from tests.exports.conftest import clean_parks


@pytest.fixture(scope="module")
def sample(session_workspace):
    ws = session_workspace
    parks, parcels = ws.read("parks"), ws.read("parcels")
    chosen, listed = clean_parks(parks, parcels)
    return ws, parks, chosen, listed


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def make(sample, tmp_path, *, lang="zh", scores=None, scenario="三园方案A"):
    ws, parks, chosen, listed = sample
    prov = Provenance(
        what="briefing",
        data_version=ws.data_version(),
        scenario=scenario,
        parameters={
            "method": "wsm",
            "weights": {"heat": 2.0, "pv": 1.0},
            "gate": {"min_area_ha": 10},
        },
        created="2026-01-31T10:00:00+08:00",
    )
    b = Briefing(
        chosen, parks, ws.read("towns"), ws.district(), ws.read("enterprises"), listed, prov,
        scores=scores,
    )  # fmt: skip
    return write_briefing(tmp_path / f"b_{lang}.pdf", b, lang=lang), b


@pytest.fixture(scope="module")
def zh_pdf(sample, tmp_path_factory):
    return make(sample, tmp_path_factory.mktemp("briefing"))


def test_briefing_has_a4_pages_embedded_fonts_and_the_facts(zh_pdf):
    path, b = zh_pdf
    info = run("pdfinfo", str(path))
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 4
    assert "595.44 x 841.68 pts (A4)" in info
    fonts = run("pdffonts", str(path)).splitlines()[2:]
    assert fonts
    for line in fonts:  # embedded, subset, with a Unicode map, and a real TrueType font
        assert "CID TrueType" in line
        assert line.split()[-5:-2] == ["yes", "yes", "yes"]
    text = run("pdftotext", "-layout", str(path), "-")
    names = b.parks.set_index("park_id").loc[list(b.chosen), "name"]
    for name in names:
        assert name in text
    assert "三园方案A" in text
    assert b.provenance.data_version in text
    assert list_checksum(b.parcels) in text.replace("\n", "")
    totals = parcel_totals(b.parcels, "sanjiu_type").loc["__total__"]
    assert f"{b.parcels['area_m2'].sum() / M2_PER_MU:,.2f}" in text
    assert str(int(totals["count"])) in text
    assert "未提供循环化改造评分" in text  # no scores given: says so, invents nothing
    assert "heat" in text


def test_briefing_pages_render_to_png(zh_pdf, tmp_path):
    path, _ = zh_pdf
    run("pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page"))
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 3
    for png in pngs:
        pixels = mpimg.imread(png)
        assert pixels.shape[0] > pixels.shape[1]  # portrait
        assert pixels[..., :3].std() > 0.02  # not blank


def test_english_briefing_with_scores_draws_the_rank_chart(sample, tmp_path):
    _, parks, chosen, _ = sample
    ids = list(chosen) + [p for p in parks["park_id"] if p not in chosen][:3]
    rng = np.random.default_rng(1)
    scores = pd.DataFrame({"park_id": ids})
    for c in ("m_heat", "m_treatment", "m_water", "m_recycling", "m_pv", "m_chain", "score"):
        scores[c] = rng.random(len(ids))
    probs = rng.dirichlet(np.ones(3), len(ids))
    for k in range(3):
        scores[f"p_rank{k + 1}"] = probs[:, k]
    scores["rank"] = range(1, len(ids) + 1)
    path, _ = make(sample, tmp_path, lang="en", scores=scores)
    text = run("pdftotext", "-layout", str(path), "-")
    assert "Chosen parks" in text
    assert "Rooftop PV" in text
    assert "rank 1" in text  # the legend of the rank-acceptability chart
    assert f"{scores.loc[0, 'm_heat']:.2f}" in text
    assert "No retrofit scores" not in text


def test_missing_font_is_a_clear_error(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("PARKPLAN_CJK_FONT", str(tmp_path / "nope.ttc"))
    with pytest.raises(ParkPlanError, match="apt-get install fonts-noto-cjk"):
        make(sample, tmp_path)
