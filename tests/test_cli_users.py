"""``cli.py users`` and ``cli.py audit`` as real processes: passwords only through stdin, every
account change audited with the OS user, the audit written as a formula-safe CSV with BOM."""

from __future__ import annotations

import csv
import getpass
import io
import subprocess
import sys
from pathlib import Path

import pytest

from config import load_settings
from errors import ImportStateError
from store.accounts import TABLE, Account, authenticate
from store.actions import save_scenario_as, undo_as
from store.audit import read_audit
from store.workspace import Workspace
from tests.conftest import workspace_location

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "town-clerk-pass-1"


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "cli.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))


def test_accounts_through_the_cli_and_their_audit(tmp_path):
    ws = workspace_location(tmp_path)
    me = getpass.getuser()
    done = cli("users", "add", "化龙_clerk", "--role", "town", "--town", "化龙", "--workspace", ws,
               stdin=PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "化龙_clerk (town 化龙)" in done.stdout
    short = cli("users", "add", "=1+2", "--role", "viewer", "--workspace", ws, stdin="short\n")
    assert short.returncode == 3
    assert "at least 10 characters" in short.stderr
    assert "short" not in short.stderr.replace("short\n", "")  # never echoes the password
    formula = cli("users", "add", "=1+2", "--role", "viewer", "--workspace", ws,
                  stdin="viewer-pass-123\n")  # fmt: skip
    assert formula.returncode == 0, formula.stderr
    assert cli("users", "role", "化龙_clerk", "planner", "--workspace", ws).returncode == 0
    bad = cli("users", "role", "化龙_clerk", "town", "--town", "北京", "--workspace", ws)
    assert bad.returncode == 3
    assert "must be a town" in bad.stderr
    assert cli("users", "passwd", "化龙_clerk", "--workspace", ws,
               stdin="a-newer-password\n").returncode == 0  # fmt: skip
    assert cli("users", "disable", "=1+2", "--workspace", ws).returncode == 0
    listing = cli("users", "list", "--workspace", ws)
    assert listing.returncode == 0, listing.stderr
    lines = {line.split()[0]: line for line in listing.stdout.splitlines()[1:]}
    assert lines["化龙_clerk"].split()[1:] == ["planner", "active"]
    assert "disabled" in lines["=1+2"]
    workspace = Workspace.open(ws, create="never")
    raw = workspace.read_table(TABLE).astype(str).to_string()
    for secret in (PASSWORD, "viewer-pass-123", "a-newer-password"):
        assert secret not in raw
        assert secret not in listing.stdout
    assert authenticate(workspace, "化龙_clerk", "a-newer-password",
                        config=load_settings().auth).account.role == "planner"  # fmt: skip

    out = tmp_path / "audit.csv"
    written = cli("audit", "--out", str(out), "--workspace", ws)
    assert written.returncode == 0, written.stderr
    rows = read_csv(out)
    got = [(r["用户 user"], r["操作 action"], r["对象 object"]) for r in rows]
    assert got == [
        (me, "account_add", "化龙_clerk"),
        (me, "account_add", "'=1+2"),  # neutralised: Excel shows it as text
        (me, "account_role", "化龙_clerk"),
        (me, "account_password", "化龙_clerk"),
        (me, "account_disable", "'=1+2"),
        ("化龙_clerk", "sign_in", "化龙_clerk"),
    ]
    assert {r["角色 role"] for r in rows[:5]} == {"admin"}
    text = out.read_text(encoding="utf-8-sig")
    for secret in (PASSWORD, "viewer-pass-123", "a-newer-password", "$argon2"):
        assert secret not in text
    # the download is itself recorded, with the file's checksum
    last = read_audit(workspace).iloc[-1]
    assert (last["action"], last["detail"], last["object"]) == ("export", "audit", "audit.csv")


def test_the_audit_filters_by_user_and_day(tmp_path):
    ws_location = workspace_location(tmp_path)
    ws = Workspace.open(ws_location)
    planner = Account("wang", "planner")
    save_scenario_as(ws, planner, "甲", parks=["PY-SQ-001"], parameters={})
    with pytest.raises(ImportStateError, match="no import to undo"):
        undo_as(ws, planner)  # refused: nothing audited
    out = tmp_path / "wang.csv"
    done = cli("audit", "--user", "wang", "--since", "2000-01-01", "--out", str(out),
               "--workspace", ws_location)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r["操作 action"] for r in read_csv(out)] == ["scenario_save"]
    future = tmp_path / "none.csv"
    assert cli("audit", "--since", "2999-01-01", "--out", str(future),
               "--workspace", ws_location).returncode == 0  # fmt: skip
    assert read_csv(future) == []
    wrong = cli("audit", "--since", "yesterday", "--out", str(future), "--workspace", ws_location)
    assert wrong.returncode == 2
    assert "use YYYY-MM-DD" in wrong.stderr
