"""The decision pack through the command line: every product, its manifest, and the exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod

import cli
from exports.pack import PACK_FILES, verify_manifest
from store.scenarios import save_scenario
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.exports.conftest import clean_parks


@pytest.fixture(scope="module")
def pack_ws(tmp_path_factory):
    """A workspace with a saved scenario of three parks whose 三旧 parcels are clean."""
    ws = Workspace.open(workspace_location(tmp_path_factory.mktemp("pack")))
    chosen, listed = clean_parks(ws.read("parks"), ws.read("parcels"))
    params = {"method": "wsm", "weights": {"heat": 1.0, "pv": 2.0}, "gate": {"min_area_ha": 10}}
    save_scenario(ws, "三园方案A", parks=chosen, parameters=params, user="李工")
    return ws, chosen, listed


GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid


def _overlapping_parcels(ws, parks: list[str]) -> dict[str, float]:
    """Parcel id → geodesic area (m²) of every parcel overlapping the parks by more than 1 m²
    (overlap measured in EPSG:4547), recomputed here from the stored layers."""
    chosen = ws.read("parks")
    chosen = chosen[chosen["park_id"].isin(parks)].to_crs("EPSG:4547")
    parcels = ws.read("parcels").to_crs("EPSG:4326")
    metric = parcels.to_crs("EPSG:4547")
    overlap = metric.geometry.intersection(chosen.geometry.union_all()).area
    keep = parcels[(overlap > 1.0).to_numpy()]
    return {
        str(pid): abs(GEOD.geometry_area_perimeter(geom)[0])
        for pid, geom in zip(keep["parcel_id"], keep.geometry, strict=True)
    }


def test_zip_pack_holds_every_file_and_a_manifest_that_verifies(pack_ws, tmp_path, capsys):
    ws, chosen, _ = pack_ws
    out = tmp_path / "pack.zip"
    args = ["export", "--scenario", "三园方案A", "--format", "zip", "--out", str(out)]
    assert cli.main([*args, "--workspace", ws.location]) == 0
    assert "三园方案A" in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted(
            [*PACK_FILES.values(), "sanjiu_parcels.csv.provenance.json", "manifest.json"]
        )
        zf.extractall(tmp_path / "x")
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_text("utf-8"))
    assert manifest["scenario"] == "三园方案A"
    assert manifest["parameters"]["weights"] == {"heat": 1.0, "pv": 2.0}
    assert manifest["parameters"]["parks"] == chosen
    assert manifest["crs"] == "EPSG:4526"
    assert manifest["encoding_txt"] == "GBK"
    assert manifest["encoding_shp"] == "UTF-8"
    assert manifest["data_version"] == ws.data_version()
    assert manifest["user"] == "李工"
    assert {f["name"] for f in manifest["files"]} >= set(PACK_FILES.values())
    assert verify_manifest(tmp_path / "x" / "manifest.json") == []
    table = pd.read_csv(tmp_path / "x" / "sanjiu_parcels.csv", encoding="utf-8-sig")
    expected = _overlapping_parcels(ws, chosen)
    assert len(expected) >= 3
    assert sorted(table["地块编号"]) == sorted(expected)
    area = dict(zip(table["地块编号"], table["面积(平方米)"], strict=True))
    for pid, geodesic in expected.items():
        assert area[pid] == pytest.approx(geodesic, rel=1e-3)  # ±0.1 % of the geodesic area
    sheet = pd.read_excel(tmp_path / "x" / "sanjiu_parcels.xlsx")
    assert sorted(sheet["地块编号"]) == sorted(expected)
    # an edited file no longer verifies
    (tmp_path / "x" / "sanjiu_parcels.csv").write_bytes(b"tampered")
    assert verify_manifest(tmp_path / "x" / "manifest.json") == ["sanjiu_parcels.csv"]


@pytest.mark.parametrize(
    ("fmt", "extra"), [("txt", ["--encoding", "utf-8"]), ("gpkg", ["--crs", "4490"])]
)
def test_single_format_gets_a_manifest_beside_it(pack_ws, tmp_path, fmt, extra):
    ws, chosen, _ = pack_ws
    out = tmp_path / f"list.{fmt}"
    args = ["export", "--parks", ",".join(chosen), "--format", fmt, "--out", str(out), *extra]
    assert cli.main([*args, "--workspace", ws.location]) == 0
    manifest_path = tmp_path / f"list.{fmt}.manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    assert manifest["scenario"] == ""
    assert manifest["parameters"]["parks"] == chosen
    assert [f["name"] for f in manifest["files"]] == [out.name]
    assert verify_manifest(manifest_path) == []
    if fmt == "gpkg":
        assert manifest["crs"] == "EPSG:4490"


def test_overlapping_parcels_exit_3_and_write_nothing(pack_ws, tmp_path, capsys):
    _src, chosen, listed = pack_ws
    ws = Workspace.open(workspace_location(tmp_path))
    parcels = ws.read("parcels")
    twin = parcels[parcels["parcel_id"] == listed["parcel_id"].iloc[0]].copy()
    twin["parcel_id"] = "440113-XX-2015-9999"
    ws.write("parcels", pd.concat([parcels, twin], ignore_index=True))
    out = tmp_path / "p.zip"
    args = ["export", "--parks", ",".join(chosen), "--format", "zip", "--out", str(out)]
    assert cli.main([*args, "--workspace", ws.location]) == 3
    err = capsys.readouterr().err
    assert "440113-XX-2015-9999" in err
    assert "must not overlap" in err
    assert not out.exists()


def test_unknown_scenario_exits_1_and_usage_errors_exit_2(pack_ws, tmp_path, capsys):
    ws, chosen, _ = pack_ws
    base = ["--format", "csv", "--out", str(tmp_path / "x.csv"), "--workspace", ws.location]
    assert cli.main(["export", "--scenario", "nope", *base]) == 1
    assert "known: 三园方案A" in capsys.readouterr().err
    assert cli.main(["export", "--scenario", "a", "--parks", "b", *base]) == 2
    assert cli.main(["export", "--parks", chosen[0], "--format", "doc", "--out", "x"]) == 2


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _minmax_mean(table: pd.DataFrame, parts: list[str], eligible: pd.Series) -> pd.Series:
    """A measure score recomputed here: each indicator scaled by the eligible parks' minimum
    and maximum (clipped to [0, 1]), then averaged."""
    scaled = []
    for part in parts:
        x = table[part].astype(float)
        lo, hi = x[eligible].min(), x[eligible].max()
        scaled.append(((x - lo) / (hi - lo)).clip(0.0, 1.0))
    return sum(scaled) / len(scaled)


def _score_row(text: str, name: str) -> list[str]:
    """The cells of the park's row in the briefing's score table (name, six measures, …)."""
    block = text[text.index("Six measure scores") : text.index("Park indicators")]
    rows = [line.split() for line in block.splitlines() if line.split()[:1] == [name]]
    assert len(rows) == 1, block
    return rows[0]


def test_a_scenario_briefing_carries_its_scores_and_a_park_list_says_they_are_missing(
    pack_ws, tmp_path
):
    """Oracle: the rooftop-PV measure recomputed from the parks' indicators (pv_kwh and
    pv_coverage, min–max over the eligible parks), read back from the PDF's own table row."""
    from commands._park_score import score_scenario
    from store.scenarios import load_scenario

    ws, chosen, _ = pack_ws
    by_scenario, by_parks = tmp_path / "s.pdf", tmp_path / "p.pdf"
    base = ["export", "--format", "pdf", "--workspace", ws.location, "--lang", "en"]
    assert cli.main([*base, "--scenario", "三园方案A", "--out", str(by_scenario)]) == 0
    assert cli.main([*base, "--parks", ",".join(chosen), "--out", str(by_parks)]) == 0
    scored = score_scenario(ws, load_scenario(ws, "三园方案A"))
    indicators = scored.indicators.table.set_index("park_id")
    eligible = scored.table.set_index("park_id")["eligible"].reindex(indicators.index)
    assert eligible.sum() >= 10  # min-max over many parks, not the three chosen
    pv = _minmax_mean(indicators, ["pv_kwh", "pv_coverage"], eligible.astype(bool))
    names = ws.read("parks").set_index("park_id")["name"]
    text = _pdf_text(by_scenario)
    assert "No retrofit scores" not in text
    for park in chosen:
        row = _score_row(text, names[park])
        assert len(row) == 10  # name, six measures, score, rank, P(top 3)
        assert float(row[5]) == pytest.approx(pv[park], abs=0.005)
    assert "No retrofit scores" in _pdf_text(by_parks)


FLAGS = ["flag_labour", "flag_land", "flag_low_va", "flag_energy", "flag_pollution"]


def _codes_of(book: Path, sheet: str) -> dict[str, str]:
    """Column label → code, from the code table of the workbook's About sheet."""
    about = pd.read_excel(book, sheet_name="说明 About", header=None)
    start = about.index[about[0] == "表 Sheet"][0]
    table = about.iloc[start + 1 :]
    table = table[table[0] == sheet]
    return dict(zip(table[1], table[2], strict=True))


def test_the_pack_lists_the_phase_out_candidates_in_the_chosen_parks(pack_ws, tmp_path):
    """Oracle: the screen command's own CSV (every firm), filtered by park and phase-out here,
    its flag count re-added from the five flags, its thresholds re-derived from the firms'
    indicators (half the division median of labour productivity)."""
    from exports.phase_out import SHEET

    ws, chosen, _ = pack_ws
    screened = tmp_path / "all.csv"
    assert cli.main(["screen", "--workspace", ws.location, "--out", str(screened)]) == 0
    every = pd.read_csv(screened, encoding="utf-8-sig", dtype={"uscc": str})
    firms = ws.read("enterprises")
    latest = firms[firms["survey_year"] == firms["survey_year"].max()]
    park_of = dict(zip(latest["uscc"], latest["park_id"], strict=True))
    division_of = dict(
        zip(latest["uscc"], latest["industry_code"].astype(str).str[:2], strict=True)
    )
    every["park"] = every["uscc"].map(park_of)
    every["division"] = every["uscc"].map(division_of)
    assert (every[FLAGS].sum(axis=1) == every["flag_count"]).all()
    candidate = every[FLAGS].sum(axis=1) >= 3
    expected = every[every["park"].isin(chosen) & candidate]
    assert len(expected) >= 3  # the sample's three clean parks hold phase-out candidates
    out = tmp_path / "pack.zip"
    args = ["export", "--scenario", "三园方案A", "--format", "zip", "--out", str(out)]
    assert cli.main([*args, "--workspace", ws.location]) == 0
    with zipfile.ZipFile(out) as zf:
        zf.extract("phase_out_firms.xlsx", tmp_path)
    book = tmp_path / "phase_out_firms.xlsx"
    sheet = pd.read_excel(book, sheet_name=SHEET, dtype=str)  # one header row: Chinese labels
    sheet = sheet.rename(columns=_codes_of(book, SHEET))
    assert list(sheet.columns[:3]) == ["park_id", "uscc", "name"]
    assert len(sheet) == len(expected)
    assert sorted(sheet["uscc"]) == sorted(expected["uscc"])
    assert dict(zip(sheet["uscc"], sheet["park_id"], strict=True)) == {
        u: park_of[u] for u in expected["uscc"]
    }
    # the thresholds sheet: one row per flag and division; labour = 0.5 × division median
    limits = pd.read_excel(book, sheet_name="阈值 thresholds")
    limits = limits.rename(columns=_codes_of(book, "阈值 thresholds"))
    divisions = sorted(every["division"].dropna().unique())
    assert len(limits) == len(FLAGS) * len(divisions)
    labour = limits[limits["flag"] == "labour"]
    labour = labour.assign(division=labour["division"].astype(str)).set_index("division")
    medians = every.groupby("division")["labour_productivity"].agg(["median", "count"])
    for division, row in medians.iterrows():
        assert labour.loc[division, "n"] == row["count"]
        assert labour.loc[division, "threshold"] == pytest.approx(0.5 * row["median"], rel=1e-9)


def test_the_pack_carries_the_chosen_parks_projects_circular_ones_first(tmp_path):
    """park_projects.xlsx: the library's projects of the firms in the chosen parks (their
    latest survey row's park), the 园区循环化改造 ones on a sheet of their own."""
    import pandas as pd

    from exports.pack import Selection, export_product
    from store.projects import read_projects
    from store.workspace import Workspace
    from tests.conftest import workspace_location

    ws = Workspace.open(workspace_location(tmp_path, "pp"))
    projects = read_projects(ws)
    firms = ws.read("enterprises", columns=["uscc", "survey_year", "park_id"])
    park_of = firms.sort_values("survey_year").drop_duplicates("uscc", keep="last")
    park_of = park_of.set_index("uscc")["park_id"]
    projects = projects.assign(park_id=projects["uscc"].map(park_of))
    circular = projects[projects["type"] == "园区循环化改造"]
    assert len(circular)  # the sample's library has some
    chosen = sorted(set(circular["park_id"].dropna()))[:3]
    out = tmp_path / "pack.zip"
    export_product(ws, Selection(tuple(chosen)), "zip", out)
    with zipfile.ZipFile(out) as zf:
        zf.extract("park_projects.xlsx", tmp_path)
    sheets = pd.read_excel(tmp_path / "park_projects.xlsx", sheet_name=None)
    first, every = sheets["园区循环化改造项目 circular"], sheets["园区企业技改项目 projects"]
    mine = projects[projects["park_id"].isin(chosen)]
    assert sorted(every["项目编号"]) == sorted(mine["project_id"])
    theirs = circular[circular["park_id"].isin(chosen)]
    assert sorted(first["项目编号"]) == sorted(theirs["project_id"])
    assert set(first["项目类型"]) == {"园区循环化改造"}
