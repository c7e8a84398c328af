"""Refuse hostile files before reading them: size per type, zip bombs, unsafe archive members.

Every check here is cheap and happens before a reader parses anything:

- :func:`check_size` — the file's size against ``[import.max_mb]`` for its type;
- :func:`inspect_zip` — an archive's End-of-Central-Directory record (the member count, read
  from the last bytes of the file, so a million-member archive is not listed first), then its
  central directory: ``..`` or absolute member paths, links, encryption, the total inflated size
  and each member's compression ratio. Nothing is decompressed;
- :func:`extract_members` — streams the wanted members to a folder with a byte cap per member
  (its declared size) and for the archive (``max_inflated_mb``), so an archive whose headers lie
  is stopped after at most that many bytes.

Each refusal is an :class:`errors.ValidationError` (exit 3) naming the file, the member and the
limit. Limits come from the ``[import]`` section of the configuration (:class:`ReadLimits`).
"""

from __future__ import annotations

import logging
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from errors import Problem, ValidationError

__all__ = [
    "ReadLimits",
    "check_size",
    "extract_members",
    "inspect_zip",
    "mib",
    "refusal",
]

log = logging.getLogger(__name__)

MIB = 1 << 20
_CHUNK = MIB
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def refusal(path: Path | str, field_name: str, value: object, allowed: str) -> ValidationError:
    """A contract error about a whole file (no row): ``path`` names it."""
    name = Path(path).name
    return ValidationError([Problem(name, None, field_name, value, allowed)], source=name)


@dataclass(frozen=True)
class ReadLimits:
    """The ``[import]`` limits, in bytes (see config/defaults.toml for each default's reason)."""

    max_bytes: Mapping[str, int] = field(default_factory=dict)
    max_members: int = 200
    max_inflated: int = 1024 * MIB
    max_ratio: float = 200.0
    ratio_min_bytes: int = MIB
    max_sheet: int = 100 * MIB
    max_shared_strings: int = 40 * MIB
    max_other_part: int = 10 * MIB
    max_workbook: int = 150 * MIB
    max_cells: int = 3_000_000
    max_text_chars: int = 2000
    max_gpkg_tables: int = 200
    gpkg_schema_timeout_s: float = 2.0
    max_vertices: int = 200_000
    read_timeout_s: float = 60.0
    read_memory: int = 1024 * MIB

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ReadLimits:
        """Limits from a whole configuration (``load_config()``) or its ``import`` table."""
        section = config.get("import", config)
        return cls(
            max_bytes={str(k): int(v * MIB) for k, v in section["max_mb"].items()},
            max_members=int(section["max_members"]),
            max_inflated=int(section["max_inflated_mb"] * MIB),
            max_ratio=float(section["max_ratio"]),
            ratio_min_bytes=int(section["ratio_min_mb"] * MIB),
            max_sheet=int(section["max_sheet_mb"] * MIB),
            max_shared_strings=int(section["max_shared_strings_mb"] * MIB),
            max_other_part=int(section["max_other_part_mb"] * MIB),
            max_workbook=int(section["max_workbook_mb"] * MIB),
            max_cells=int(section["max_cells"]),
            max_text_chars=int(section["max_text_chars"]),
            max_gpkg_tables=int(section["max_gpkg_tables"]),
            gpkg_schema_timeout_s=float(section["gpkg_schema_timeout_s"]),
            max_vertices=int(section["max_vertices"]),
            read_timeout_s=float(section["read_timeout_s"]),
            read_memory=int(section["read_memory_mb"] * MIB),
        )

    @classmethod
    def default(cls) -> ReadLimits:
        """Limits of config/defaults.toml, read now (settings are read when called)."""
        from config import load_config

        return cls.from_config(load_config())


def mib(n: float) -> str:
    """A byte count as MiB, the way the limits are shown."""
    return _mib(n)


def _mib(n: float) -> str:
    return f"{n / MIB:,.1f} MiB"


def check_size(path: Path, limits: ReadLimits) -> None:
    """Refuse ``path`` when it is larger than the limit for its type (or its type has none)."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in limits.max_bytes:
        allowed = "须为 / must be one of: " + ", ".join(f".{k}" for k in limits.max_bytes)
        raise refusal(path, "file type", path.suffix, allowed)
    size = path.stat().st_size
    limit = limits.max_bytes[kind]
    if size > limit:
        raise refusal(
            path,
            "file size",
            _mib(size),
            f".{kind} 文件不得超过 {_mib(limit)} / a .{kind} file may be at most {_mib(limit)} "
            "([import.max_mb])",
        )


def _declared_entries(path: Path, what: tuple[str, str]) -> int:
    """The member count an archive's End-of-Central-Directory record declares (zip64 too)."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        tail_len = min(size, 22 + 65535)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            raise refusal(path, "file", None, f"无法读取{what[0]} / not a readable {what[1]}")
        entries = struct.unpack("<H", tail[at + 10 : at + 12])[0]
        loc = at - 20
        if loc >= 0 and tail[loc : loc + 4] == _ZIP64_LOCATOR:
            offset = struct.unpack("<Q", tail[loc + 8 : loc + 16])[0]
            if offset + 56 > size:
                raise refusal(path, "file", None, "zip64 目录损坏 / damaged zip64 directory")
            fh.seek(offset)
            record = fh.read(56)
            if record[:4] != _ZIP64_EOCD:
                raise refusal(path, "file", None, "zip64 目录损坏 / damaged zip64 directory")
            entries = struct.unpack("<Q", record[32:40])[0]
    return int(entries)


def _unsafe_name(name: str) -> bool:
    """True for absolute paths, drive letters and any ``..`` component (zip slip)."""
    text = name.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return True
    return ".." in PurePosixPath(text).parts


def _member_problems(path: Path, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> list[Problem]:
    name = path.name
    problems: list[Problem] = []
    total = 0
    for info in infos:
        total += info.file_size
        mode = info.external_attr >> 16
        ratio = info.file_size / max(info.compress_size, 1)
        reasons = [
            "成员路径含 .. 或为绝对路径 / member paths may not contain .. or be absolute"
            if _unsafe_name(info.filename)
            else "压缩包内不得含链接 / links inside an archive are not accepted"
            if stat.S_ISLNK(mode)
            else None,
            "成员已加密 / encrypted members are not accepted" if info.flag_bits & 0x1 else None,
            f"压缩比 {ratio:,.0f}:1 异常（上限 {limits.max_ratio:g}:1，疑似压缩炸弹）/ "
            f"compression ratio {ratio:,.0f}:1 is absurd (at most "
            f"{limits.max_ratio:g}:1; a zip bomb?)"
            if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio
            else None,
        ]
        problems += [Problem(name, None, "member", info.filename, r) for r in reasons if r]
    if total > limits.max_inflated:
        problems.append(
            Problem(
                name,
                None,
                "archive",
                _mib(total),
                f"解压后不得超过 {_mib(limits.max_inflated)} / members may inflate to at most "
                f"{_mib(limits.max_inflated)} ([import.max_inflated_mb])",
            )
        )
    return problems


def inspect_zip(
    path: Path, limits: ReadLimits, *, what: tuple[str, str] = ("zip 压缩包", "zip archive")
) -> list[zipfile.ZipInfo]:
    """Check an archive's directories without decompressing anything; return its members.

    Raises
    ------
    errors.ValidationError
        Listing every problem: too many members, unsafe paths, links, encryption, absurd
        compression ratios, too large when inflated, or not a zip archive at all.
    """
    declared = _declared_entries(path, what)
    if declared > limits.max_members:
        raise refusal(
            path,
            "archive",
            f"{declared:,} members",
            f"压缩包最多含 {limits.max_members} 个文件 / an archive may hold at most "
            f"{limits.max_members} members ([import.max_members])",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise refusal(
            path, "file", None, f"无法读取{what[0]} / not a readable {what[1]}: {exc}"
        ) from exc
    if len(infos) > limits.max_members:  # the directory holds more than the record declared
        raise refusal(
            path,
            "archive",
            f"{len(infos):,} members",
            f"压缩包最多含 {limits.max_members} 个文件 / an archive may hold at most "
            f"{limits.max_members} members",
        )
    problems = _member_problems(path, infos, limits)
    if problems:
        raise ValidationError(problems, source=path.name)
    return infos


def extract_members(
    path: Path, dest: Path, *, suffixes: Iterable[str], limits: ReadLimits
) -> list[Path]:
    """Extract the members whose names end in ``suffixes`` into ``dest`` (flat), with byte caps.

    The archive is inspected first (:func:`inspect_zip`). Each member is streamed in 1 MiB
    blocks and refused as soon as it yields more than it declared, or the archive more than
    ``max_inflated``; a member that fails its CRC is refused too.
    """
    infos = inspect_zip(path, limits)
    wanted = tuple(s.lower() for s in suffixes)
    budget = limits.max_inflated
    out: list[Path] = []
    seen: set[str] = set()
    with zipfile.ZipFile(path) as zf:
        for info in infos:
            base = PurePosixPath(info.filename.replace("\\", "/")).name
            if info.is_dir() or not base.lower().endswith(wanted) or base.startswith("."):
                continue
            if base.lower() in seen:
                raise refusal(
                    path,
                    "member",
                    base,
                    "同名文件出现多次 / several members have this name; "
                    "put one dataset in the archive",
                )
            seen.add(base.lower())
            target = dest / base
            budget -= _stream(zf, info, target, path, min(info.file_size, budget))
            out.append(target)
    log.info("extracted %d member(s) of %s", len(out), path.name)
    return out


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, path: Path, cap: int) -> int:
    written = 0
    try:
        with zf.open(info) as src, target.open("wb") as dst:
            while block := src.read(_CHUNK):
                written += len(block)
                if written > cap:
                    raise refusal(
                        path,
                        "member",
                        info.filename,
                        f"解压超出声明大小或上限 {_mib(cap)}（头信息不实）/ inflates past its "
                        f"declared size or the limit of {_mib(cap)} (lying headers)",
                    )
                dst.write(block)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise refusal(
            path, "member", info.filename, f"无法解压 / cannot be extracted: {exc}"
        ) from exc
    return written
