"""Read the files bureaus hand over, one reader per file type, each behind the guards.

:func:`read_file` checks the size limit of the type (:mod:`geo.readers_guard`), picks the reader
from :data:`READERS` by suffix, and returns a :class:`RawFile`: the table exactly as typed (text
cells, so validation can name what the user wrote) plus any warnings (an encoding guessed).

- CSV: UTF-8 (with or without BOM) or else GBK/GB18030, detected by streaming the bytes once;
- Excel: :mod:`geo.readers_excel` (each part's inflated size limited, the declared dimension
  ignored, rows × columns capped);
- vector files, zipped Shapefiles: :mod:`geo.readers_vector`.

Any failure of a parsing library on a hostile or damaged file becomes one refusal naming the
file (exit 3); its details go to the log.
"""

from __future__ import annotations

import codecs
import errno
import logging
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from errors import ParkPlanError, Problem, ValidationError
from geo.readers_excel import read_excel
from geo.readers_guard import MIB, ReadLimits, check_size, refusal
from geo.readers_signature import check_signature
from geo.readers_types import RawFile
from geo.readers_vector import read_vector, read_zip

__all__ = ["READERS", "RawFile", "check_text_lengths", "read_file"]

log = logging.getLogger(__name__)

Reader = Callable[[Path, ReadLimits, str | None], RawFile]


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while block := fh.read(MIB):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def read_csv(path: Path, limits: ReadLimits, layer: str | None = None) -> RawFile:
    """A CSV as text cells; UTF-8 (BOM or not), else GB18030 (a superset of GBK), said so."""
    warnings: tuple[Problem, ...] = ()
    encoding = "utf-8-sig"
    if not _is_utf8(path):
        encoding = "gb18030"
        warnings = (
            Problem(
                path.name,
                None,
                "encoding",
                "GBK",
                "文件不是 UTF-8，已按 GBK 读取 / not UTF-8: read as GBK",
            ),
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise refusal(
            path, "encoding", None, "须为 UTF-8 或 GBK 编码 / must be UTF-8 or GBK encoded"
        ) from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise refusal(path, "file", None, f"CSV 格式错误 / not a readable CSV: {exc}") from exc
    return RawFile(frame, warnings, row_offset=2)


# what a parser's failure is called, by suffix (default: "cannot be read")
_UNREADABLE = {
    ".xlsx": ("无法读取 Excel", "not a readable workbook"),
    ".xlsm": ("无法读取 Excel", "not a readable workbook"),
}

READERS: dict[str, Reader] = {
    ".csv": read_csv,
    ".xlsx": read_excel,
    ".xlsm": read_excel,
    ".gpkg": read_vector,
    ".geojson": read_vector,
    ".json": read_vector,
    ".shp": read_vector,
    ".zip": read_zip,
}


def check_text_lengths(path: Path, raw: RawFile, limits: ReadLimits) -> None:
    """Refuse a file with a text cell longer than ``max_text_chars`` (its first, by column)."""
    frame = raw.frame
    cap = limits.max_text_chars
    for i, col in enumerate(frame.columns):  # by position: headers may repeat
        if col == getattr(frame, "_geometry_column_name", None):
            continue
        series = frame.iloc[:, i]
        if series.dtype != object and not pd.api.types.is_string_dtype(series):
            continue
        lengths = series.astype("string").str.len().fillna(0).to_numpy()
        over = lengths > cap
        if over.any():
            pos = int(over.argmax())
            text = str(series.iloc[pos])
            raise ValidationError(
                [
                    Problem(
                        path.name,
                        pos + raw.row_offset,
                        str(col),
                        f"{text[:40]}… ({len(text):,} characters)",
                        f"文字最长 {cap:,} 个字符 / text may be at most {cap:,} characters "
                        "long ([import] max_text_chars)",
                    )
                ],
                source=path.name,
            )


def read_file(
    path: str | Path, *, layer: str | None = None, limits: ReadLimits | None = None
) -> RawFile:
    """Read ``path`` as it is (no layer contract yet), refusing hostile files first.

    Parameters
    ----------
    path
        A CSV, Excel, GeoPackage, GeoJSON, Shapefile or zipped Shapefile.
    layer
        The layer it is meant for: picks the layer of a multi-layer GeoPackage and the
        Shapefile field codes (DKBH …) of ``parcels``.
    limits
        Size and archive limits; default ``[import]`` of the configuration.

    Raises
    ------
    errors.ValidationError
        A refusal naming the file and the problem (exit 3).
    """
    path = Path(path)
    limits = limits or ReadLimits.default()
    suffix = path.suffix.lower()
    if suffix not in READERS:
        allowed = "须为 / must be one of: " + ", ".join(READERS)
        raise refusal(path, "file type", suffix, allowed)
    if not path.is_file():
        raise refusal(path, "file", str(path), "文件不存在 / the file does not exist")
    check_size(path, limits)
    check_signature(path)
    try:
        raw = READERS[suffix](path, limits, layer)
    except (ParkPlanError, MemoryError):  # a memory shortage is not the file's fault
        raise
    except Exception as exc:  # a parser's failure on an untrusted file: that file is unreadable
        log.warning("reading %s failed", path.name, exc_info=True)
        if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:  # mmap, a C library's malloc
            raise MemoryError(str(exc)) from exc
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        zh, en = _UNREADABLE.get(suffix, ("无法读取", "cannot be read"))
        raise refusal(path, "file", None, f"{zh} / {en} ({type(exc).__name__}: {first})") from exc
    if len(raw.frame.columns) == 0:
        raise refusal(path, "file", None, "文件没有任何列 / the file has no columns")
    check_text_lengths(path, raw, limits)
    log.info("read %s: %d rows, %d columns", path.name, len(raw.frame), len(raw.frame.columns))
    return raw
