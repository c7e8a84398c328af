"""No traceback ever from the CLI: a bad address, a path the OS refuses, a bug — each one line
with its exit status; an empty file as workspace is filled from the sample; imports keep the
workspace's file mode; only the top-level handlers and the untrusted-file readers catch
``Exception``."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store.workspace import Workspace
from tests.conftest import BACKEND
from tests.store.test_history import survey_file

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("location", "status", "says"),
    [
        ("postgresql://[::1:bad/db", 2, "not a usable database address"),
        ("postgresql://u:secret@h:notaport/db", 2, "not a usable database address"),
        ("{tmp}/a\nb.gpkg", 2, "newline"),
        ("/proc/parkplan/ws.gpkg", 1, "cannot create workspace"),
        ("{tmp}/notes.txt", 1, "must be a .gpkg file"),
    ],
)
def test_a_bad_workspace_location_is_one_line(tmp_path, location, status, says):
    result = run("info", "--workspace", location.replace("{tmp}", str(tmp_path)))
    assert result.returncode == status
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert says in lines[0]
    assert "secret" not in result.stderr


def test_an_empty_gpkg_is_filled_from_the_sample(tmp_path):
    target = tmp_path / "empty.gpkg"
    target.touch()
    result = run("info", "--workspace", str(target))
    assert result.returncode == 0, result.stderr
    assert "16" in result.stdout
    assert len(Workspace.open(str(target), create="never").read("towns")) == 16


def test_an_import_keeps_the_workspace_file_mode(fresh_workspace, tmp_path):
    ws = fresh_workspace
    if BACKEND == "postgis":  # the rasters and the errors log are the files of this back end
        folder = ws.scratch_dir
        before = set(folder.glob("*.tmp.gpkg"))
    else:
        ws.path.chmod(0o664)
    path = survey_file(ws, tmp_path)
    result = run(
        "import", str(path), "--layer", "enterprises", "--year", "2016", "--workspace", ws.location
    )
    assert result.returncode == 0, result.stderr
    if BACKEND == "postgis":
        assert set(folder.glob("*.tmp.gpkg")) == before
    else:
        assert stat.S_IMODE(ws.path.stat().st_mode) == 0o664
        assert not list(ws.path.parent.glob("*.tmp.gpkg"))  # no temporaries left


def test_only_the_handlers_and_the_untrusted_file_readers_catch_everything():
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", "except Exception", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    mine = sorted(
        {line.split(":")[0] for line in found if not re.match(r"\./(\.venv|tests|data)/", line)}
    )
    assert mine == ["./cli.py", "./geo/readers.py", "./ui/errors.py"]
    for line in found:
        if line.startswith(("./geo/readers.py", "./geo/readers_excel.py")):
            where, number = line.split(":")[0], int(line.split(":")[1])
            after = (ROOT / where).read_text().splitlines()[number : number + 2]
            assert any("exc_info=True" in a for a in after), line  # logged with its traceback
