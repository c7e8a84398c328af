"""Code checks: USCC (GB 32100-2015) and industry codes (GB/T 4754-2017).

The USCC check digit is computed by python-stdnum (``stdnum.cn.uscc``), a well-kept library that
implements GB 32100-2015. Industry codes are looked up in the full GB/T 4754-2017 table shipped in
``geo/data/gbt4754_2017.csv`` (sections, divisions, groups and classes).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from stdnum.cn import uscc as _uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

__all__ = [
    "industry_division",
    "industry_name",
    "industry_problem",
    "industry_table",
    "is_valid_uscc",
    "uscc_check_char",
    "uscc_check_chars",
    "uscc_problem",
    "uscc_valid_mask",
]

_TABLE = Path(__file__).with_name("data") / "gbt4754_2017.csv"


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a USCC."""
    return _uscc.calc_check_digit(first17.upper())


def uscc_problem(code: object) -> str | None:
    """Why ``code`` is not a valid USCC, or ``None`` when it is."""
    if not isinstance(code, str) or not code.strip():
        return "must be an 18-character unified social credit code (统一社会信用代码)"
    value = code.strip().upper()
    try:
        _uscc.validate(value)
    except InvalidLength:
        return f"must have 18 characters, has {len(value)}"
    except InvalidChecksum:
        expected = uscc_check_char(value[:17])
        return f"check digit is {value[-1]!r}, GB 32100-2015 requires {expected!r}"
    except InvalidFormat:
        return (
            "characters 1–2 must be registration codes, 3–8 a region code of 6 digits, "
            "the rest from 0-9 and A-Y without I, O, S, V, Z"
        )
    return None


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], np.int32)
_USCC_VALUE = np.full(256, -1, dtype=np.int32)
_USCC_VALUE[np.frombuffer(_USCC_ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(31)
_USCC_SHAPE = r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}"


def uscc_valid_mask(codes: pd.Series) -> np.ndarray:
    """True where a code is a plain valid USCC (18 characters, GB 32100-2015 check digit),
    computed for the whole column at once.

    A code that is False here may still be valid in a form :func:`uscc_problem` accepts
    (lower case, inner spaces or hyphens): check those one by one. True always means valid
    (the same rules as python-stdnum's ``cn.uscc.validate``, tested against it).
    """
    text = codes.astype("string")
    shaped = text.str.fullmatch(_USCC_SHAPE).fillna(False).to_numpy(dtype=bool)
    out = np.zeros(len(text), dtype=bool)
    if not shaped.any():
        return out
    # the shaped codes are 18 ASCII characters: one fixed-width byte array, no Python loop
    chars = text[shaped].to_numpy(dtype=object).astype("S18").view(np.uint8)
    values = _USCC_VALUE[chars.reshape(-1, 18)]
    out[shaped] = values[:, 17] == _check_values(values[:, :17])
    return out


def _check_values(values: np.ndarray) -> np.ndarray:
    """The check character's value (0–30) of each row of 17 character values."""
    return (31 - (values * _USCC_WEIGHTS).sum(axis=1) % 31) % 31


def uscc_check_chars(first17: pd.Series) -> pd.Series:
    """:func:`uscc_check_char` for a column of plain 17-character codes (digits and upper-case
    letters of the USCC alphabet), computed for the whole column at once."""
    chars = first17.to_numpy(dtype=object).astype("S17").view(np.uint8)
    check = _check_values(_USCC_VALUE[chars.reshape(-1, 17)])
    return pd.Series(np.array(list(_USCC_ALPHABET))[check], index=first17.index)


def is_valid_uscc(code: object) -> bool:
    """True when ``code`` is a valid USCC."""
    return uscc_problem(code) is None


@cache
def industry_table() -> dict[str, tuple[str, str, str]]:
    """GB/T 4754-2017 codes → (name, level, parent)."""
    with _TABLE.open(encoding="utf-8") as fh:
        return {r["code"]: (r["name"], r["level"], r["parent"]) for r in csv.DictReader(fh)}


def industry_problem(code: object) -> str | None:
    """Why ``code`` is not a GB/T 4754-2017 4-digit class, or ``None`` when it is."""
    text = str(code).strip() if code is not None else ""
    if text.endswith(".0"):  # spreadsheets turn 3360 into 3360.0
        text = text[:-2]
    if len(text) != 4 or not text.isdigit():
        return "must be a 4-digit GB/T 4754-2017 class (e.g. 3360)"
    entry = industry_table().get(text)
    if entry is None or entry[1] != "class":
        division = industry_table().get(text[:2])
        hint = f" in division {text[:2]} {division[0]}" if division else ""
        return f"is not a GB/T 4754-2017 class{hint}"
    return None


def industry_name(code: str) -> str:
    """Chinese name of a GB/T 4754-2017 code (any level); the code itself when unknown."""
    entry = industry_table().get(str(code))
    return entry[0] if entry else str(code)


def industry_division(code: str) -> str:
    """The 2-digit division of a 4-digit class."""
    return str(code)[:2]
