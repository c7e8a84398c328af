"""USCC (GB 32100-2015) and GB/T 4754-2017 checks."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from geo.codes import (
    industry_division,
    industry_name,
    industry_problem,
    industry_table,
    is_valid_uscc,
    uscc_check_char,
    uscc_problem,
)

# The worked example of GB 32100-2015 (also python-stdnum's doctest).
STANDARD_EXAMPLE = "91350100M000100Y43"


def test_standard_example_is_valid_and_check_char_computed_by_hand():
    assert is_valid_uscc(STANDARD_EXAMPLE)
    # by hand: weights 3^i mod 31 over the 17 characters, 31 - (sum mod 31)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(alphabet.index(c) * w for c, w in zip(STANDARD_EXAMPLE[:17], weights, strict=True))
    assert alphabet[(31 - total % 31) % 31] == "3" == uscc_check_char(STANDARD_EXAMPLE[:17])


def test_wrong_check_digit_names_the_required_one():
    bad = STANDARD_EXAMPLE[:-1] + "4"
    assert uscc_problem(bad) == "check digit is '4', GB 32100-2015 requires '3'"
    assert not stdnum_uscc.is_valid(bad)


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91350100M000100Y4", "must have 18 characters, has 17"),
        ("91350100M000100YI3", "without I, O, S, V, Z"),
        ("", "18-character"),
        (None, "18-character"),
        (913501, "18-character"),
    ],
)
def test_other_uscc_problems(code, fragment):
    assert fragment in (uscc_problem(code) or "")


def test_lower_case_and_spaces_are_accepted():
    assert is_valid_uscc(" " + STANDARD_EXAMPLE.lower() + " ")


def test_gbt4754_table_is_complete_2017_edition():
    table = industry_table()
    levels = [v[1] for v in table.values()]
    assert levels.count("section") == 20
    assert levels.count("division") == 97
    assert 470 <= levels.count("group") <= 475
    assert 1375 <= levels.count("class") <= 1385
    for code, (_, level, parent) in table.items():
        if level != "section":
            assert parent in table, f"{code} has no parent {parent}"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("2438", "珠宝首饰及有关物品制造"),
        ("3360", "金属表面处理及热处理加工"),
        ("3670", "汽车零部件及配件制造"),
        ("1713", "棉印染精加工"),
        ("3872", "照明灯具制造"),
    ],
)
def test_panyu_industries_are_classes(code, name):
    assert industry_problem(code) is None
    assert industry_name(code) == name
    assert industry_division(code) == code[:2]


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("33", "4-digit"),
        ("336", "4-digit"),
        ("33600", "4-digit"),
        ("abcd", "4-digit"),
        (None, "4-digit"),
        ("3398", "is not a GB/T 4754-2017 class in division 33 金属制品业"),
        ("9999", "is not a GB/T 4754-2017 class"),
    ],
)
def test_bad_industry_codes(code, fragment):
    assert fragment in (industry_problem(code) or "")


def test_spreadsheet_float_is_accepted():
    assert industry_problem("3360.0") is None


_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _with_check(first17: str) -> str:
    from stdnum.cn import uscc

    return first17 + uscc.calc_check_digit(first17)


@given(
    st.lists(
        st.one_of(
            st.text(alphabet=_ALPHA + "IOSVZa -", min_size=16, max_size=19),
            st.builds(
                _with_check,
                st.text(alphabet="0123456789", min_size=8, max_size=8).flatmap(
                    lambda head: st.text(alphabet=_ALPHA, min_size=9, max_size=9).map(
                        lambda tail: head + tail
                    )
                ),
            ),
        ),
        max_size=40,
    )
)
def test_the_column_check_never_accepts_what_stdnum_refuses(codes):
    """uscc_valid_mask is the fast path of validation: True must mean valid for python-stdnum
    (the independent oracle), and every plain valid code must be True."""
    from stdnum.cn import uscc

    from geo.codes import uscc_valid_mask

    mask = uscc_valid_mask(pd.Series(codes, dtype=object))
    for code, fast in zip(codes, mask, strict=True):
        plain = len(code) == 18 and code == code.strip().upper() and " " not in code
        if fast:
            assert uscc.is_valid(code)
        elif plain and "-" not in code:
            assert not uscc.is_valid(code)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.from_regex(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{9}", fullmatch=True), min_size=1, max_size=20
    )
)
def test_the_columnar_check_characters_are_python_stdnums(bodies):
    from geo.codes import uscc_check_chars

    column = pd.Series(bodies)
    assert list(uscc_check_chars(column)) == [stdnum_uscc.calc_check_digit(b) for b in bodies]
