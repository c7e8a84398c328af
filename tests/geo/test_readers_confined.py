"""An upload is opened only as what its name says: a disguised VRT reads nothing outside it."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import cli
from errors import ValidationError
from geo.readers import read_file
from geo.readers_signature import CONFINED_OPTIONS, check_signature
from tests.conftest import workspace_digest

SECRET = "OUTSIDE-SECRET-7731"


class _Counting(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        body = f"name,x,y\n{SECRET},113.3,23.0\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Counting]]]:
    handler = type("Handler", (_Counting,), {"hits": 0})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def _vrt(source: str, layer: str = "parks") -> str:
    src_layer = Path(source.split(":", 1)[-1]).stem
    return (
        f'<OGRVRTDataSource><OGRVRTLayer name="{layer}"><SrcDataSource>{source}'
        f"</SrcDataSource><SrcLayer>{src_layer}</SrcLayer><GeometryType>wkbPoint</GeometryType>"
        '<GeometryField encoding="PointFromColumns" x="x" y="y"/></OGRVRTLayer></OGRVRTDataSource>'
    )


def _sources(tmp_path: Path, url: str) -> dict[str, str]:
    local = tmp_path / "outside.csv"
    local.write_text(f"name,x,y\n{SECRET},113.3,23.0\n")
    return {
        "local csv": f"CSV:{local}",
        "passwd": "CSV:/etc/passwd",
        "vsicurl": f"/vsicurl/{url}/x.csv",
    }


def test_the_vrt_itself_would_read_the_outside_file(tmp_path, server):
    """The oracle: GDAL left alone does read the CSV a VRT names (what the guard prevents)."""
    url, _ = server
    vrt = tmp_path / "plain.vrt"
    vrt.write_text(_vrt(_sources(tmp_path, url)["local csv"]))
    assert pyogrio.read_dataframe(vrt)["name"].tolist() == [SECRET]


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".json"])
@pytest.mark.parametrize("kind", ["local csv", "passwd", "vsicurl"])
def test_a_vrt_disguised_as_a_vector_file_is_refused_showing_nothing(
    tmp_path, server, suffix, kind
):
    url, handler = server
    upload = tmp_path / f"parks_update{suffix}"
    upload.write_text(_vrt(_sources(tmp_path, url)[kind]))
    with pytest.raises(ValidationError) as info:
        read_file(upload, layer="parks")
    assert len(info.value.problems) == 1
    text = str(info.value)
    assert "parks_update" in text
    assert f"as its {suffix} name says" in text
    for leak in (SECRET, "root:", "/etc/passwd", "127.0.0.1", "outside.csv", "OGRVRT"):
        assert leak not in text
    assert handler.hits == 0


def test_the_cli_refuses_the_disguised_vrt_with_exit_3_and_stores_nothing(
    tmp_path, server, fresh_workspace, capsys
):
    url, handler = server
    upload = tmp_path / "parks_update.gpkg"
    upload.write_text(_vrt(_sources(tmp_path, url)["local csv"]))
    before = workspace_digest(fresh_workspace)
    code = cli.main(
        ["import", str(upload), "--layer", "parks", "--workspace", fresh_workspace.location]
    )
    err = capsys.readouterr()
    assert code == 3
    assert workspace_digest(fresh_workspace) == before
    assert SECRET not in err.err + err.out
    assert "Traceback" not in err.err
    assert handler.hits == 0


def test_a_disguised_vrt_inside_a_zip_is_refused(tmp_path, server):
    url, handler = server
    upload = tmp_path / "parks.zip"
    with zipfile.ZipFile(upload, "w") as zf:
        zf.writestr("parks.geojson", _vrt(_sources(tmp_path, url)["vsicurl"]))
    with pytest.raises(ValidationError) as info:
        read_file(upload, layer="parks")
    assert SECRET not in str(info.value)
    assert handler.hits == 0


def _point_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": ["甲"]}, geometry=[shapely.Point(113.4, 22.95)], crs=4326)


def test_a_geojson_named_gpkg_and_a_gpkg_named_json_are_refused(tmp_path):
    _point_frame().to_file(tmp_path / "real.geojson")
    _point_frame().to_file(tmp_path / "real.gpkg", layer="parks")
    (tmp_path / "a.gpkg").write_bytes((tmp_path / "real.geojson").read_bytes())
    (tmp_path / "b.json").write_bytes((tmp_path / "real.gpkg").read_bytes())
    for name in ("a.gpkg", "b.json"):
        with pytest.raises(ValidationError, match="the content is not"):
            read_file(tmp_path / name, layer="parks")


def test_real_files_still_read_and_the_gdal_options_are_restored(tmp_path):
    before = {k: pyogrio.get_gdal_config_option(k) for k in CONFINED_OPTIONS}
    _point_frame().to_file(tmp_path / "ok.gpkg", layer="parks")
    _point_frame().to_file(tmp_path / "ok.geojson")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf \n" + (tmp_path / "ok.geojson").read_bytes())
    (tmp_path / "odd:name.gpkg").write_bytes((tmp_path / "ok.gpkg").read_bytes())
    for name in ("ok.gpkg", "ok.geojson", "bom.json", "odd:name.gpkg"):
        frame = read_file(tmp_path / name, layer="parks").frame
        assert frame["name"].tolist() == ["甲"], name
    assert {k: pyogrio.get_gdal_config_option(k) for k in CONFINED_OPTIONS} == before


def test_a_workbook_without_content_types_and_a_binary_csv_are_refused(tmp_path):
    book = tmp_path / "firms.xlsx"
    with zipfile.ZipFile(book, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValidationError, match="Content_Types"):
        read_file(book, layer="enterprises")
    csv = tmp_path / "firms.csv"
    csv.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(ValidationError, match="not CSV text"):
        read_file(csv, layer="enterprises")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=64), st.sampled_from([".gpkg", ".geojson", ".json", ".shp", ".zip"]))
def test_any_bytes_pass_the_signature_only_with_the_right_start(tmp_path_factory, head, suffix):
    path = tmp_path_factory.mktemp("sig") / f"x{suffix}"
    path.write_bytes(head)
    starts = {
        ".gpkg": head.startswith(b"SQLite format 3\x00"),
        ".geojson": head.lstrip(b" \t\r\n")[:1] in (b"{", b"["),
        ".json": head.lstrip(b" \t\r\n")[:1] in (b"{", b"["),
        ".shp": head[:4] == b"\x00\x00\x27\x0a",
        ".zip": head[:4] in (b"PK\x03\x04", b"PK\x05\x06"),
    }[suffix]
    problems: list[object] = []
    try:
        check_signature(path)
    except ValidationError as exc:
        problems = list(exc.problems)
    passed = not problems
    assert len(problems) in (0, 1)
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head:
        assert passed == starts
    elif starts:
        assert passed
