"""Hostile files are refused quickly, with bounded memory, naming the problem (exit 3)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from errors import ValidationError
from geo.readers import read_file
from geo.readers_guard import MIB, ReadLimits
from tests.conftest import workspace_location
from tests.geo.zipcraft import bomb

ROOT = Path(__file__).resolve().parents[2]
LIMITS = ReadLimits.default()


@pytest.fixture(scope="module")
def big_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1.5 GiB of zeros in a 1.5 MB archive."""
    return bomb(tmp_path_factory.mktemp("bomb") / "parks.zip", inflated_mib=1536)


def test_defaults_come_from_the_config():
    assert LIMITS.max_bytes["csv"] == 200 * MIB
    assert LIMITS.max_bytes["zip"] == 200 * MIB
    assert LIMITS.max_inflated == 1024 * MIB
    assert LIMITS.max_members == 200
    assert LIMITS.max_ratio == 200


def test_a_1_5_gib_bomb_is_refused_from_its_directory_in_bounded_memory(big_bomb):
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        read_file(big_bomb, layer="parks")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text = str(info.value)
    assert "1,536.0 MiB" in text  # the inflated total, from the central directory
    assert "at most 1,024.0 MiB" in text
    assert "absurd" in text  # 1536 MiB from 1.5 MB: ratio ~1011:1
    assert elapsed < 2.0
    assert peak < 200 * MIB


def test_the_cli_refuses_the_bomb_with_exit_3_in_under_2_s_and_200_mb(big_bomb, tmp_path):
    """In a fresh process: the whole command's extra resident memory and time are bounded."""
    script = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
import cli
from store.workspace import Workspace
ws = {workspace_location(tmp_path)!r}
Workspace.open(ws).data_version()
cli.build_parser()  # imports every command module: Python start-up, not the refusal
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
code = cli.main(["import", {str(big_bomb)!r}, "--layer", "parks", "--workspace", ws])
elapsed = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"code": code, "elapsed": elapsed, "extra_kib": after - before}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 3
    assert result["elapsed"] < 2.0
    assert result["extra_kib"] < 200 * 1024
    assert "Traceback" not in done.stderr
    assert "parks.zip" in done.stderr
    assert "zip bomb" in done.stderr


def test_lying_headers_are_stopped_by_the_byte_cap(tmp_path):
    """The directory says 4 MiB (ratio ~100:1, under every limit); the data inflate to 40 MiB."""
    liar = bomb(tmp_path / "liar.zip", inflated_mib=40, declared_mib=4)
    tracemalloc.start()
    with pytest.raises(ValidationError, match=r"parks.shp.*cannot be extracted") as info:
        read_file(liar, layer="parks")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.problems[0].field == "member"
    assert peak < 50 * MIB  # streamed in 1 MiB blocks, never held whole


def test_absurd_ratio_of_one_member_is_refused(tmp_path):
    path = bomb(tmp_path / "ratio.zip", inflated_mib=50)  # 50 MiB under every size limit
    with pytest.raises(ValidationError, match=r"compression ratio [\d,]+:1 is absurd"):
        read_file(path, layer="parks")


@pytest.mark.parametrize(
    "member", ["../evil.shp", "a/../../evil.shp", "/etc/evil.shp", "C:/evil.shp", "..\\evil.shp"]
)
def test_zip_slip_members_are_refused(tmp_path, member):
    path = tmp_path / "slip.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, b"x")
    with pytest.raises(ValidationError, match=r"may not contain .. or be absolute") as info:
        read_file(path, layer="parks")
    assert info.value.problems[0].value == member
    assert not (tmp_path.parent / "evil.shp").exists()


def test_too_many_members_are_refused_before_listing_them(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(LIMITS.max_members + 1):
            zf.writestr(f"f{i}.txt", b"")
    with pytest.raises(ValidationError, match=r"201 members.*at most 200 members"):
        read_file(path, layer="parks")


def test_size_limit_per_type(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)  # 1.2 MB
    small = ReadLimits(max_bytes={"csv": MIB})
    with pytest.raises(ValidationError, match=r"file size = '1.1 MiB' — .*at most 1.0 MiB"):
        read_file(path, limits=small)
    assert len(read_file(path).frame) == 300_000


def test_unknown_type_lists_the_allowed_ones(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match=r"file type = '\.xls'.*\.csv, \.xlsx"):
        read_file(path)


def test_excel_formulas_are_not_evaluated(tmp_path):
    """A formula cell yields its cached value (none when no spreadsheet program computed it);
    the formula text itself never becomes data, and nothing is run."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["企业名称", "税收"])
    sheet.append(["甲", '=WEBSERVICE("http://example.invalid")'])
    sheet.append(["乙", 12.0])
    path = tmp_path / "f.xlsx"
    book.save(path)
    frame = read_file(path).frame
    assert list(frame["税收"]) == ["", "12"]


def test_excel_entity_bomb_is_refused(tmp_path):
    """A billion-laughs DOCTYPE in the sheet: defusedxml refuses, in milliseconds."""
    pd.DataFrame({"企业名称": ["甲"]}).to_excel(tmp_path / "ok.xlsx", index=False)
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    doctype = f"<!DOCTYPE worksheet [{entities}]>"
    path = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, rest = data.decode().partition("?>")
                data = f"{head}?>{doctype}{rest}".replace("甲", "&lol9;").encode()
            dst.writestr(info, data)
    start = time.perf_counter()
    with pytest.raises(ValidationError, match=r"laughs.xlsx: file — 无法读取 Excel"):
        read_file(path)
    assert time.perf_counter() - start < 2.0
