"""Property tests: random bytes and random tables through the readers and validators.

Every outcome is a clean frame or a :class:`errors.ValidationError` naming the file; never any
other exception (a traceback is a bug).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors import ValidationError
from geo.readers import read_file
from geo.schema import LAYERS
from geo.validate import check_layer

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAYER_NAMES = ("enterprises", "parks", "parcels")
SUFFIXES = (".csv", ".xlsx", ".zip", ".geojson", ".gpkg", ".json", ".shp")


def outcome(path: Path, layer: str) -> str:
    """'ok' or 'refused'; any other exception propagates and fails the test."""
    refusal: ValidationError | None = None
    try:
        raw = read_file(path, layer=layer)
        check_layer(raw.frame, layer, source=path.name, row_offset=raw.row_offset)
    except ValidationError as exc:
        refusal = exc
    if refusal is None:
        return "ok"
    assert refusal.problems, "a refusal names at least one problem"
    assert all(p.file == path.name for p in refusal.problems)
    return "refused"


def in_temp(name: str, data: bytes, layer: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return outcome(path, layer)


@SETTINGS
@given(
    data=st.binary(max_size=4096),
    suffix=st.sampled_from(SUFFIXES),
    layer=st.sampled_from(LAYER_NAMES),
)
def test_random_bytes_of_any_type(data, suffix, layer):
    assert in_temp(f"随机{suffix}", data, layer) in ("ok", "refused")


# headers a town might type: field names, Chinese labels, location columns, junk
HEADERS = sorted(
    {h for s in LAYERS.values() for f in s.fields for h in (f.name, f.label_zh)}
    | {"经度", "纬度", "lon", "lat", "", " ", "Unnamed: 0", "=cmd", "geometry"}
)
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "是",
            "否",
            "—",
            "1,200",
            "3360.0",
            "nan",
            "-5",
            "1e309",
            "113.36",
            "22.95",
            "91440113MA59ABCD1X",
            "2016",
            "旧厂房",
            "全面改造",
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


@st.composite
def tables(draw):
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12))
    n = draw(st.integers(0, 6))
    return pd.DataFrame(
        {i: draw(st.lists(CELLS, min_size=n, max_size=n)) for i in range(len(columns))}
    ).set_axis(columns, axis=1)


@SETTINGS
@given(
    frame=tables(),
    layer=st.sampled_from(LAYER_NAMES),
    coords=st.sampled_from(["wgs84", "gcj02", "bd09", "utm"]),
)
def test_random_tables_through_the_validator(frame, layer, coords):
    try:
        checked = check_layer(frame, layer, source="t.csv", coords=coords)
    except ValidationError as exc:
        problems = exc.problems
        assert problems
        return
    assert len(checked.frame) == len(frame)
    assert checked.frame.crs == "EPSG:4326"


@SETTINGS
@given(
    frame=tables(),
    layer=st.sampled_from(LAYER_NAMES),
    encoding=st.sampled_from(["utf-8-sig", "gbk", "utf-16"]),
)
def test_random_tables_as_csv_files(frame, layer, encoding):
    try:
        data = frame.to_csv(index=False).encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in that encoding: nobody could have saved it so
    assert in_temp("表.csv", data, layer) in ("ok", "refused")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    frame=tables(),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
)
def test_random_and_damaged_workbooks(frame, flips):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def legal(text: object) -> str:  # characters no workbook can hold
        return ILLEGAL_CHARACTERS_RE.sub("", str(text))

    frame = frame.map(legal).set_axis([legal(c) for c in frame.columns], axis=1)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    data = bytearray(buffer.getvalue())
    for at, value in flips:
        data[at % len(data)] = value
    assert in_temp("表.xlsx", bytes(data), "enterprises") in ("ok", "refused")


@SETTINGS
@given(
    members=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "a.shp",
                    "a.shx",
                    "a.dbf",
                    "a.prj",
                    "a.cpg",
                    "../a.shp",
                    "/a.dbf",
                    "x/a.geojson",
                    "b.gpkg",
                    "readme.txt",
                    "A.SHP",
                    "dir/",
                ]
            ),
            st.binary(max_size=256),
        ),
        max_size=8,
        unique_by=lambda member: member[0],
    ),
    flips=st.lists(st.tuples(st.integers(0, 10**5), st.integers(0, 255)), max_size=3),
)
def test_random_and_damaged_archives(members, flips):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    data = bytearray(buffer.getvalue())
    for at, value in flips:
        data[at % len(data)] = value
    assert in_temp("图层.zip", bytes(data), "parks") in ("ok", "refused")
