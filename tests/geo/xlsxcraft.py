"""Workbooks written by hand for the reader tests: a lying ``<dimension>``, parts that inflate to
hundreds of MB at a realistic compression ratio (made in a second: one deflated 1 MiB block ended
by a full flush is byte-identical each time, so it is repeated, as in ``zipcraft``)."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils import get_column_letter

MIB = 1 << 20
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_BASE = {
    "[Content_Types].xml": _CT,
    "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>",
}


def sheet_xml(dimension: str, rows: Iterable[tuple[int, list[tuple[int, str]]]]) -> str:
    """A worksheet: ``rows`` are (row number, [(column number, inline text)])."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{get_column_letter(c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in cells
        )
        + "</row>"
        for r, cells in rows
    )
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def _repeated_block(inflated_mib: int, unit: int) -> tuple[bytes, int, int]:
    """``inflated_mib`` MiB of XML-like text that compresses about ``unit / 3``:1."""
    rnd = random.Random(7)
    text = "".join(
        f"<x>{rnd.randrange(100):02d}{'y' * unit}</x>" for _ in range(MIB // (unit + 9) + 1)
    )
    block = text.encode()[:MIB]
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    once = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH) == once
    crc = 0
    for _ in range(inflated_mib):
        crc = zlib.crc32(block, crc)
    return once * inflated_mib + comp.flush(zlib.Z_FINISH), crc, inflated_mib * MIB


def workbook(
    path: Path,
    sheet: str,
    *,
    bomb: tuple[str, int, int] | None = None,
) -> Path:
    """A minimal workbook with ``sheet`` as its one worksheet; ``bomb`` = (part name, inflated
    MiB, unit) adds a part of that many MiB at a compression ratio of about ``unit / 3``."""
    members: list[tuple[str, bytes, int, int]] = []
    for name, text in {**_BASE, "xl/worksheets/sheet1.xml": sheet}.items():
        raw = text.encode()
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        members.append((name, comp.compress(raw) + comp.flush(), zlib.crc32(raw), len(raw)))
    if bomb is not None:
        members.append((bomb[0], *_repeated_block(bomb[1], bomb[2])))
    with path.open("wb") as out:
        central = b""
        for name, data, crc, size in members:
            fname = name.encode()
            offset = out.tell()
            out.write(
                struct.pack(
                    "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(fname), 0
                )
                + fname
                + data
            )
            central += (
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    0,
                    8,
                    0,
                    0,
                    crc,
                    len(data),
                    size,
                    len(fname),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + fname
            )
        start = out.tell()
        out.write(central)
        n = len(members)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(central), start, 0))
    return path
