"""Open an upload only as what its name says: check its first bytes, then give GDAL one driver.

GDAL opens a file by its content, not its name: a VRT (XML) saved as ``parks.gpkg`` or
``parks.json`` is opened by the VRT driver, which then reads whatever file or URL the XML names
(a local CSV, ``/etc/passwd``, ``/vsicurl/http://…``). So before any parser sees an upload:

- :func:`check_signature` compares its first bytes with its suffix — the SQLite header for
  ``.gpkg``, ``{``/``[`` (after a BOM and whitespace) for ``.geojson``/``.json``, the Shapefile
  file code 9994 for ``.shp``, a zip's local header for ``.zip``/``.xlsx``/``.xlsm``, and text
  without NUL bytes for ``.csv``. A mismatch is one refusal that shows nothing of the content;
- :func:`gdal_source` prefixes the path with the one driver allowed for the suffix (``GPKG:``,
  ``GeoJSON:``; GDAL then tries no other driver), or ``None`` for a Shapefile (identified by its
  header, which no other driver claims);
- :func:`confined_gdal` sets GDAL options for the read only, and restores the earlier values:
  no ``/vsicurl/`` file is allowed (``CPL_VSIL_CURL_ALLOWED_EXTENSIONS``), no directory is listed
  on open, no external access from SQL functions of a GeoPackage, no retries or waits on HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyogrio

from geo.readers_guard import refusal

__all__ = ["CONFINED_OPTIONS", "check_signature", "confined_gdal", "gdal_source"]

_SQLITE = b"SQLite format 3\x00"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive's directory
_SHP = (9994).to_bytes(4, "big")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HEAD = 4096

_WHAT = {
    ".gpkg": ("GeoPackage（SQLite 数据库）", "a GeoPackage (SQLite database)"),
    ".geojson": ("GeoJSON（JSON 文本）", "GeoJSON (JSON text)"),
    ".json": ("GeoJSON（JSON 文本）", "GeoJSON (JSON text)"),
    ".shp": ("Shapefile（.shp 文件头）", "a Shapefile (.shp header)"),
    ".zip": ("zip 压缩包", "a zip archive"),
    ".xlsx": ("Excel 工作簿", "an Excel workbook"),
    ".xlsm": ("Excel 工作簿", "an Excel workbook"),
    ".csv": ("CSV 文本", "CSV text"),
}
_PREFIX = {".gpkg": "GPKG:", ".geojson": "GeoJSON:", ".json": "GeoJSON:"}

# Set for each read of an upload; the earlier values are restored after it.
CONFINED_OPTIONS: dict[str, str | bool] = {
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".parkplan-no-network",  # no /vsicurl/ file matches
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",  # no listing of the upload's folder
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": False,  # SQL functions of a GeoPackage open no file
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "GDAL_VRT_ENABLE_RAWRASTERBAND": False,
}


def _json_start(head: bytes) -> bool:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    text = head.replace(b"\x00", b"")  # UTF-16 text: one NUL per ASCII character
    return text.lstrip(b" \t\r\n")[:1] in (b"{", b"[")


def _matches(suffix: str, head: bytes) -> bool:
    if suffix == ".gpkg":
        return head.startswith(_SQLITE)
    if suffix in (".geojson", ".json"):
        return _json_start(head)
    if suffix == ".shp":
        return head[:4] == _SHP
    if suffix == ".zip":
        return head[:4] in _ZIP
    if suffix in (".xlsx", ".xlsm"):  # its [Content_Types].xml: see geo.readers.read_excel
        return head[:4] == _ZIP[0]
    if suffix == ".csv":
        return b"\x00" not in head or head.startswith(_BOMS[1:])
    return False


def check_signature(path: Path) -> None:
    """Refuse ``path`` when its first bytes are not those of the type its suffix names.

    The refusal says what the file had to be and shows none of what it is (an upload disguised
    as another type may be a VRT pointing at the server's files).
    """
    suffix = path.suffix.lower()
    if suffix not in _WHAT:
        return
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not _matches(suffix, head):
        zh, en = _WHAT[suffix]
        raise refusal(
            path,
            "file",
            None,
            f"内容不是{zh}，与扩展名 {suffix} 不符 / the content is not {en} as its "
            f"{suffix} name says",
        )


def gdal_source(path: Path) -> str:
    """``path`` with the one GDAL driver allowed for its suffix (``GPKG:…``, ``GeoJSON:…``)."""
    return _PREFIX.get(path.suffix.lower(), "") + str(path)


@contextmanager
def confined_gdal() -> Iterator[None]:
    """GDAL options that forbid network and outside files, for the ``with`` block only."""
    before = {k: pyogrio.get_gdal_config_option(k) for k in CONFINED_OPTIONS}
    pyogrio.set_gdal_config_options(dict(CONFINED_OPTIONS))
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
