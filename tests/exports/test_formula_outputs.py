"""Formula injection through every spreadsheet the export writes: parcel and firm names that
start with = + - @ tab or CR come out apostrophe-prefixed in every cell of every workbook and
CSV of the pack (and of the single xlsx and csv), with no formula cell and no hyperlink."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import cli
from errors import ValidationError
from exports.parcel_list import parcel_list
from exports.phase_out import phase_out_in_parks
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.exports.conftest import clean_parks

# one of each prefix a spreadsheet reads as a formula, written here (not taken from exports.safe)
NASTY = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\t=1", "\r=1"]
PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _with_phase_out(ws, chosen: list[str]) -> list[str]:
    """``chosen`` and one park with phase-out candidates whose parcels list cleanly with them."""
    parks, parcels = ws.read("parks"), ws.read("parcels")
    candidates, _ = phase_out_in_parks(ws.read("enterprises"), parks["park_id"].tolist())
    for park in sorted(set(candidates["park_id"]) - set(chosen)):
        try:
            parcel_list(parks, parcels, [*chosen, park])
        except ValidationError:
            continue
        return [*chosen, park]
    raise AssertionError("no park of the sample has phase-out candidates")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A sample workspace whose listed parcels and in-park firms carry dangerous names."""
    ws = Workspace.open(workspace_location(tmp_path_factory.mktemp("formula")))
    chosen, _ = clean_parks(ws.read("parks"), ws.read("parcels"), n=2)
    chosen = _with_phase_out(ws, chosen)
    parcels = ws.read("parcels")
    ids = set(parcel_list(ws.read("parks"), parcels, chosen)["parcel_id"])
    rows = parcels.index[parcels["parcel_id"].isin(ids)]
    assert len(rows) >= 2
    parcels.loc[rows, "name"] = [NASTY[i % len(NASTY)] for i in range(len(rows))]
    parcels.loc[rows[0], "ownership"] = '=HYPERLINK("http://x","y")'
    firms = ws.read("enterprises")
    inside = firms.index[firms["park_id"].isin(chosen)]
    firms.loc[inside, "name"] = [NASTY[i % len(NASTY)] for i in range(len(inside))]
    ws.write("parcels", parcels)
    ws.write("enterprises", firms)
    return ws, chosen


def _check_cells(values: list[object], where: str) -> set[str]:
    """Assert no text cell starts with a formula prefix; return the text cells."""
    text = {v for v in values if isinstance(v, str)}
    bad = sorted(repr(v) for v in text if v.startswith(PREFIXES))
    assert not bad, f"{where}: {bad[:5]}"
    return text


def _unescape(value: object) -> object:
    """OOXML writes a CR in a string as ``_x000D_``, which openpyxl leaves escaped in inline
    strings (Excel shows a CR)."""
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


def _check_book(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)  # full mode: cell types and hyperlinks are read
    seen: set[str] = set()
    for sheet in book.worksheets:
        cells = [c for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], sheet.title
        assert not [c.coordinate for c in cells if c.hyperlink is not None], sheet.title
        values = [_unescape(c.value) for c in cells]
        seen |= _check_cells(values, f"{path.name}/{sheet.title}")
    return seen


def _check_csv(path: Path) -> set[str]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    return _check_cells([v for row in rows for v in row], path.name)


def _export(ws, parks, fmt, out) -> None:
    args = ["export", "--parks", ",".join(parks), "--format", fmt, "--out", str(out)]
    assert cli.main([*args, "--workspace", ws.location]) == 0


def test_every_sheet_and_csv_of_the_pack_neutralises_formula_text(planted, tmp_path):
    ws, chosen = planted
    out = tmp_path / "pack.zip"
    _export(ws, chosen, "zip", out)
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "x")
    books = sorted((tmp_path / "x").glob("*.xlsx"))
    tables = sorted((tmp_path / "x").glob("*.csv"))
    assert {p.name for p in books} == {
        "sanjiu_parcels.xlsx",
        "phase_out_firms.xlsx",
        "park_projects.xlsx",
    }
    assert {p.name for p in tables} == {"sanjiu_parcels.csv"}
    seen = {p.name: _check_book(p) for p in books} | {p.name: _check_csv(p) for p in tables}
    # the planted names are there, each behind an apostrophe
    wanted = {"'" + v for v in NASTY}
    for name in ("sanjiu_parcels.xlsx", "sanjiu_parcels.csv"):
        assert wanted <= seen[name], name
        assert '\'=HYPERLINK("http://x","y")' in seen[name]
    firms = seen["phase_out_firms.xlsx"]
    assert firms & wanted  # the phase-out firms inside the chosen parks carry planted names


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_single_parcel_list_neutralises_formula_text(planted, tmp_path, fmt):
    ws, chosen = planted
    out = tmp_path / f"list.{fmt}"
    _export(ws, chosen, fmt, out)
    seen = _check_book(out) if fmt == "xlsx" else _check_csv(out)
    assert {"'" + v for v in NASTY} <= seen
