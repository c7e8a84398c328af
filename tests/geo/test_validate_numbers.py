"""Numbers are read strictly (thousands groups only where well formed, NFKC) and problems are
capped: the first ``max_problems`` listed, the rest counted, found by whole-column masks."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errors import ValidationError
from geo.readers import read_file
from geo.validate import check_layer
from geo.validate_numbers import parse_numbers
from tests.geo.test_validate import DISTRICT, firm_rows, with_valid_usccs


def _numbers(*cells: str) -> list[float | None]:
    num, _ = parse_numbers(pd.Series(list(cells), dtype=object))
    return [None if np.isnan(v) else v for v in num]


def test_well_formed_groups_and_full_width_digits_are_numbers():
    assert _numbers("12,500.5", "1,200", "-1,234,567", "１２，５００．５", " ３６０ ", "7") == [
        12500.5,
        1200.0,
        -1234567.0,
        12500.5,
        360.0,
        7.0,
    ]


def test_stray_commas_are_not_numbers():
    num, bad = parse_numbers(pd.Series(["1,2,3", "12,5", "1,2345", ",100", "100,", "12,500"]))
    assert bad.tolist() == [True, True, True, True, True, False]
    assert num.isna().tolist() == [True, True, True, True, True, False]


def test_a_stray_comma_is_a_problem_naming_row_field_and_value():
    rows = with_valid_usccs(firm_rows())
    rows.loc[1, "从业人员"] = "1,2,3"
    rows.loc[2, "用地面积"] = "12,5"
    with pytest.raises(ValidationError) as info:
        check_layer(rows, "enterprises", source="firms.csv", district=DISTRICT)
    found = {(p.row, p.field.split("（")[0], p.value) for p in info.value.problems}
    assert found == {(3, "employees", "1,2,3"), (4, "land_area_m2", "12,5")}
    assert all("thousands" in p.allowed for p in info.value.problems)


def test_full_width_and_grouped_numbers_are_stored_as_numbers():
    rows = with_valid_usccs(firm_rows())
    rows.loc[0, "从业人员"] = "１２０"
    rows.loc[1, "用地面积"] = "12,500.5"
    frame = check_layer(rows, "enterprises", source="firms.csv", district=DISTRICT).frame
    assert frame["employees"].tolist()[:2] == [120, 35]
    assert frame["land_area_m2"].tolist()[1] == 12500.5


_GROUPED = st.integers(min_value=1000, max_value=10**12).map(lambda n: (f"{n:,}", float(n)))


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        _GROUPED, st.text(alphabet="0123456789,.-+ １２，", max_size=12).map(lambda t: (t, None))
    )
)
def test_any_text_is_a_number_only_if_it_reads_as_one_without_its_group_commas(case):
    text, expected = case
    num, bad = parse_numbers(pd.Series([text], dtype=object))
    value = num.iloc[0]
    if expected is not None:
        assert value == expected
        assert not bad[0]
        return
    import re
    import unicodedata

    norm = unicodedata.normalize("NFKC", text).strip()
    if "," in norm and not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", norm):
        assert bad[0]
        assert np.isnan(value)
    if not np.isnan(value):  # the oracle: Python's float of the text without its group commas
        assert value == float(norm.replace(",", ""))


def test_problems_stop_at_the_cap_and_the_rest_are_counted():
    rows = pd.concat([firm_rows(1)] * 50, ignore_index=True)
    rows["从业人员"] = "x"
    with pytest.raises(ValidationError) as info:
        check_layer(rows, "enterprises", source="firms.csv", district=DISTRICT, max_problems=10)
    exc = info.value
    assert len(exc.problems) == 10
    assert exc.more == 50 + 50 - 10  # 50 bad numbers; all 50 rows repeat one (uscc, year)
    assert f"… and {exc.more:,} more" in str(exc)
    assert str(exc).startswith("firms.csv: 100 problem(s)")


def test_20000_empty_csv_rows_are_checked_in_under_2_s_with_a_short_message(tmp_path):
    header = ",".join(firm_rows().columns)
    path = tmp_path / "empty.csv"
    path.write_text(header + "\n" + ("," * (len(firm_rows().columns) - 1) + "\n") * 20_000)
    raw = read_file(path, layer="enterprises")
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        check_layer(raw.frame, "enterprises", source=path.name, district=DISTRICT)
    elapsed = time.perf_counter() - start
    exc = info.value
    assert elapsed < 2.0
    assert len(exc.problems) == 1000
    assert exc.more > 20_000
    assert len(str(exc).splitlines()) == 1002  # the head, 1 000 problems, "… and N more"


_CELLS = st.one_of(
    st.text(alphabet="0123456789,.-+eE １２３，．　", max_size=12),
    st.text(alphabet="0123456789.-+eEinfatyINFATY_x ", max_size=10),
    st.sampled_from(["inf", "-inf", "Infinity", "nan", "NaN", "-0", "1e400", "0x10", "1_0"]),
    st.from_regex(r"[+-]?\d{1,7}(\.\d{0,3})?", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**12), 10**12),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(_CELLS, max_size=30))
def test_the_columnar_road_reads_every_column_as_the_text_road_does(cells):
    """Issue 22's fast paths (Arrow's parser for a clean text column, one pandas.to_numeric
    pass, the text road for what they cannot read) give the same numbers and comma problems
    as reading every cell as text."""
    raw = pd.Series(cells, dtype=object)
    text_only = pd.Series([c for c in cells if isinstance(c, str)], dtype=object)
    for column in (raw, text_only):  # mixed cells, and text only (Arrow's road)
        _same_both_ways(column)


def _same_both_ways(raw: pd.Series) -> None:
    from geo.validate_numbers import _parse_text

    fast, fast_bad = parse_numbers(raw)
    slow, slow_bad = _parse_text(raw)
    assert np.array_equal(fast.to_numpy(), slow.to_numpy(), equal_nan=True)
    assert fast_bad.tolist() == slow_bad.tolist()


def test_a_numeric_column_is_taken_as_it_is_and_booleans_are_not_numbers():
    num, bad = parse_numbers(pd.Series([1.5, np.nan, 3.0]))
    assert num.tolist()[0] == 1.5
    assert np.isnan(num.tolist()[1])
    assert not bad.any()
    num, _ = parse_numbers(pd.Series([True, "2"], dtype=object))
    assert np.isnan(num.iloc[0])  # True is not the number 1
    assert num.iloc[1] == 2.0
