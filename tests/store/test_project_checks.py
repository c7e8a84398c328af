"""Whatever a town's project file holds, :func:`store.project_checks.check_projects` gives typed
rows that keep the library's rules, or one ValidationError naming file, row, field and what is
allowed — never another exception (hypothesis), and the English code names are headers too."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from config import load_settings
from errors import ValidationError
from geo.codes import uscc_check_char
from store.project_checks import check_projects
from store.projects import COLUMNS, STAGE_DATE
from tests.store.projects_files import HEADERS, row

SETTINGS = load_settings().projects
FIRMS = [f"91440113MA5C0000{i}" for i in range(1, 4)]
FIRMS = [f + uscc_check_char(f) for f in FIRMS]


def table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """As the confined reader gives a CSV: text cells, blanks as ''."""
    frame = pd.DataFrame(rows).rename(columns=HEADERS)
    return frame.astype(object).where(frame.notna(), "").astype(str)


BASE = [
    row("A1", FIRMS[0]),
    row("A2", FIRMS[1], stage="投产", production_date="2016-05-01", matching_approved_wan=900),
    row("A3", FIRMS[2], stage="储备", landing_date=None, start_date=None, city_key="是"),
    row("A4", FIRMS[0], stage="终止", terminated_date="2015-08-01", subsidy_city_wan=None),
]
JUNK = ["", "abc", "-1", "0", "1e400", "=1+1", "９９", "2015-13-01", "2014-01-01", "2017-01-01",
        "投产", "终止", "首台套", "是", "A1", FIRMS[1], "12,5", "99999"]  # fmt: skip


def test_the_base_file_is_accepted_with_chinese_or_english_headers() -> None:
    typed = check_projects(table(BASE), source="t.csv", firms=FIRMS, settings=SETTINGS)
    assert typed["project_id"].tolist() == ["A1", "A2", "A3", "A4"]
    assert typed["city_key"].tolist() == [False, False, True, False]
    assert typed["year"].tolist() == [2015] * 4
    english = pd.DataFrame(BASE).astype(object)
    english = english.where(english.notna(), "").astype(str)
    again = check_projects(english, source="t.csv", firms=FIRMS, settings=SETTINGS)
    pd.testing.assert_frame_equal(typed, again)


def test_a_missing_required_column_is_named() -> None:
    frame = table(BASE).drop(columns=["阶段", "总投资（万元）"])
    with pytest.raises(ValidationError) as caught:
        check_projects(frame, source="t.csv", firms=FIRMS, settings=SETTINGS)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (None, "total_investment_wan（总投资（万元））"),
        (None, "stage（阶段）"),
    ]


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(
        st.tuples(st.integers(0, len(BASE) - 1), st.sampled_from(list(HEADERS.values())),
                  st.sampled_from(JUNK)),
        min_size=1, max_size=5,
    )
)  # fmt: skip
def test_any_damaged_file_is_typed_rows_or_a_clear_refusal(cells) -> None:
    frame = table(BASE)
    for i, column, junk in cells:
        frame.loc[i, column] = junk
    refusal: ValidationError | None = None
    try:
        typed = check_projects(frame, source="t.csv", firms=FIRMS, settings=SETTINGS)
    except ValidationError as exc:
        refusal = exc
    if refusal is not None:
        assert refusal.problems
        for p in refusal.problems:
            assert p.file == "t.csv"
            assert p.row is None or 2 <= p.row <= len(BASE) + 1
            assert p.field
            assert p.allowed
        return
    assert list(typed.columns) == COLUMNS
    assert len(typed) == len(BASE)
    assert typed["project_id"].is_unique
    assert set(typed["uscc"]) <= set(FIRMS)
    assert set(typed["type"]) <= set(SETTINGS.types)
    total = typed["total_investment_wan"]
    assert (typed["equipment_investment_wan"].fillna(0) <= total + 1e-6).all()
    money = typed[[c for c in COLUMNS if c.endswith("_wan")]]
    assert (money.fillna(0) >= 0).all().all()
    for stage, column in STAGE_DATE.items():
        assert typed.loc[typed["stage"] == stage, column].notna().all()
    dates = typed[["reserve_date", "landing_date", "start_date", "production_date"]]
    for _, days in dates.iterrows():
        given_days = [d for d in days if isinstance(d, str)]
        assert given_days == sorted(given_days)
    approved = typed["matching_approved_wan"].fillna(0)
    spent = typed["subsidy_province_wan"].fillna(0) + typed["subsidy_city_wan"].fillna(0)
    assert ((approved == 0) | (spent + approved <= 0.5 * total + 1e-6)).all()


def test_the_refusal_is_by_row_and_keeps_the_first_problems() -> None:
    rows = [row(f"B{i}", FIRMS[0], type="买地", stage="施工") for i in range(5)]
    with pytest.raises(ValidationError) as caught:
        check_projects(table(rows), source="t.csv", firms=FIRMS, settings=SETTINGS, max_problems=3)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (2, "type（项目类型）"),
        (2, "stage（阶段）"),
        (3, "type（项目类型）"),
    ]
    assert caught.value.more == 7
    assert "and 7 more" in str(caught.value)
