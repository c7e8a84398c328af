"""Tables out: formula injection neutralised, BOM CSV, Excel with labels and provenance."""

from __future__ import annotations

import csv
import hashlib
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports.safe import is_dangerous, neutralise, neutralise_frame
from exports.tables import Provenance, write_csv, write_xlsx
from geo.checksum import sha256_file

NASTY = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("value", NASTY)
def test_dangerous_text_gets_an_apostrophe(value):
    assert is_dangerous(value)
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["番禺", "a=b", "", 12, -3.5, None])
def test_harmless_values_are_unchanged(value):
    assert neutralise(value) == value


@given(st.lists(st.text(max_size=8), min_size=1, max_size=20))
def test_no_cell_of_a_neutralised_frame_starts_dangerously(values):
    out = neutralise_frame(pd.DataFrame({"x": values}))
    assert not any(is_dangerous(v) for v in out["x"])
    # readable: stripping the one apostrophe gives the original back
    back = [v[1:] if is_dangerous(o) else v for o, v in zip(values, out["x"], strict=True)]
    assert back == values


def test_numbers_stay_numbers():
    out = neutralise_frame(pd.DataFrame({"n": [-1.0, 2.0], "s": ["-1", "ok"]}))
    assert out["n"].tolist() == [-1.0, 2.0]
    assert out["s"].tolist() == ["'-1", "ok"]


def _prov():
    return Provenance(what="test", data_version="abc123", scenario="三园", parameters={"k": 1})


def test_csv_has_a_bom_chinese_labels_and_a_verifiable_sidecar(tmp_path):
    frame = pd.DataFrame({"name": ["=evil", "石碁"], "tax": [-1.5, 2.0]})
    path = tmp_path / "out.csv"
    sidecar = write_csv(frame, path, provenance=_prov(), labels={"name": "企业名称"})
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["企业名称", "tax"]
    assert rows[1] == ["'=evil", "-1.5"]
    assert rows[2] == ["石碁", "2"]
    meta = json.loads(sidecar.read_text("utf-8"))
    assert meta["scenario"] == "三园"
    assert meta["data_version"] == "abc123"
    assert meta["sha256"] == hashlib.sha256(raw).hexdigest() == sha256_file(path)


def test_xlsx_has_one_label_row_and_the_codes_on_the_about_sheet(tmp_path):
    frame = pd.DataFrame({"name": ["@x", "ok"], "v": [1.0, np.nan], "n": np.array([3, 4])})
    path = tmp_path / "out.xlsx"
    write_xlsx({"清单": frame}, path, provenance=_prov(), labels={"name": "名称"})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["清单", "说明 About"]
    rows = list(book["清单"].values)
    assert rows == [("名称", "v", "n"), ("'@x", 1.0, 3), ("ok", None, 4)]
    about_rows = list(book["说明 About"].values)
    blank = about_rows.index((None, None, None))
    about = {r[0]: r[1] for r in about_rows[:blank]}
    assert about["方案 Scenario"] == "三园"
    assert about["数据版本 Data version"] == "abc123"
    expected = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
    assert about["SHA-256 清单"] == expected
    assert about_rows[blank + 1 :] == [
        ("表 Sheet", "列 Column", "代码 Code"),
        ("清单", "名称", "name"),
        ("清单", "v", "v"),
        ("清单", "n", "n"),
    ]
    read = pd.read_excel(path)
    assert read.shape == (2, 3)
    assert read["名称"].tolist() == ["'@x", "ok"]


def test_xlsx_into_a_buffer_writes_no_file(tmp_path, monkeypatch):
    import io

    monkeypatch.chdir(tmp_path)
    buffer = io.BytesIO()
    write_xlsx({"s": pd.DataFrame({"a": [1]})}, buffer, provenance=_prov())
    assert list(tmp_path.iterdir()) == []
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert list(book["s"].values) == [("a",), (1,)]
