"""The colouring registry: plug-ins, unknown keys, categories and classes."""

from __future__ import annotations

import pandas as pd
import pytest

import layers
from errors import DuplicateKeyError, UnknownKeyError
from layers.colourings import Colouring, colouring, colourings, register_colouring


def test_unknown_colouring_lists_the_known_keys():
    with pytest.raises(
        UnknownKeyError,
        match=r"unknown colouring of parks 'score'; known: area, town, firms, sanjiu_share",
    ):
        colouring("parks", "score")
    with pytest.raises(UnknownKeyError, match=r"unknown layer with colourings 'roads'; known: "):
        colouring("roads", "x")


def test_a_later_issue_plugs_in_a_colouring(small_parks):
    score = layers.Colouring(
        key="test_score",
        label=("园区评分", "Park score"),
        column="score",
        kind="quantity",
        palette=("#eeeeee", "#888888", "#111111"),
        fmt="{:.2f}",
        compute=lambda frame: pd.Series([0.2, 0.9], index=frame.index),
    )
    layers.register_colouring("parks", score)  # the public API of the package
    try:
        assert "test_score" in [c.key for c in colourings("parks", small_parks)]
        styled = colouring("parks", "test_score").apply(small_parks)
        assert styled.codes.tolist() == [0, 2]
        assert styled.entries[0].label == "0.20 – 0.43"
        with pytest.raises(DuplicateKeyError, match="'test_score' of parks exists; pass replace"):
            register_colouring("parks", score)
        assert register_colouring("parks", score, replace=True) is score
    finally:
        from layers.colourings import COLOURINGS

        COLOURINGS["parks"].pop("test_score")


def test_colouring_needing_a_missing_column_is_not_offered(small_parks):
    grade = Colouring("g", ("分级", "Grade"), "grade", "category", ("#000",))
    assert not grade.available(small_parks)
    with pytest.raises(UnknownKeyError, match=r"unknown column for colouring 'g' 'grade'"):
        grade.values(small_parks)


def test_categories_beyond_the_palette_become_other():
    c = Colouring("c", ("类", "Class"), "v", "category", ("#111", "#222", "#333"))
    frame = pd.DataFrame({"v": ["a", "a", "a", "b", "b", "c", None, "d"]})
    styled = c.apply(frame, lang="en")
    assert [e.label for e in styled.entries] == ["a", "b", "Other", "No data"]
    assert styled.codes.tolist() == [0, 0, 0, 1, 1, 2, 3, 2]
    assert styled.palette[2] == "#333"


def test_fixed_classes_with_labels(small_parks):
    styled = colouring("parks", "sanjiu_share").apply(small_parks, lang="zh")
    assert styled.codes.tolist() == [4, 0]  # 60 % → "≥ 50%", 0 → "无"
    assert [e.label for e in styled.entries] == ["无", "< 10%", "10% – 30%", "30% – 50%", "≥ 50%"]
