"""Hostile zip archives made in a few milliseconds, for the guard tests.

``bomb`` writes one deflated member of ``inflated`` zero bytes without compressing them all: a
deflate stream of a zero block ended by a full flush is byte-identical every time (the flush
resets the compressor), so the block is repeated; ``declared`` lets the headers lie about the
inflated size.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1 << 20


def _deflated_zeros(n_mib: int) -> tuple[bytes, int]:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(bytes(MIB)) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(bytes(MIB)) + comp.flush(zlib.Z_FULL_FLUSH)
    assert again == block
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    zero = bytes(MIB)
    for _ in range(n_mib):
        crc = zlib.crc32(zero, crc)
    return block * n_mib + tail, crc


def bomb(
    path: Path, *, inflated_mib: int, declared_mib: int | None = None, name: str = "parks.shp"
) -> Path:
    """A zip with one member of ``inflated_mib`` MiB of zeros (headers say ``declared_mib``)."""
    data, crc = _deflated_zeros(inflated_mib)
    size = (declared_mib if declared_mib is not None else inflated_mib) * MIB
    fname = name.encode()
    local = (
        struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(fname), 0)
        + fname
    )
    central = (
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
            0,
        )
        + fname
    )
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0
    )
    path.write_bytes(local + data + central + end)
    return path
