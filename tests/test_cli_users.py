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


def test_a_town_clerk_imports_with_as_and_another_towns_rows_are_refused(tmp_path):
    from tests.conftest import workspace_digest
    from tests.store.test_actions import survey_file

    location = workspace_location(tmp_path)
    assert cli("users", "add", "化龙_clerk", "--role", "town", "--town", "化龙",
               "--workspace", location, stdin=PASSWORD + "\n").returncode == 0  # fmt: skip
    ws = Workspace.open(location)
    mixed = survey_file(ws, tmp_path / "mixed.csv", {"化龙": 2, "石楼": 3})
    own = survey_file(ws, tmp_path / "own.csv", {"化龙": 3})
    args = ["--layer", "enterprises", "--year", "2015", "--workspace", location]
    wrong = cli("import", str(own), *args, "--as", "化龙_clerk", stdin="not-the-password\n")
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1  # one line
    assert "用户名或密码错误" in wrong.stderr
    before = workspace_digest(ws)
    refused = cli("import", str(mixed), *args, "--as", "化龙_clerk", stdin=PASSWORD + "\n")
    assert refused.returncode == 3
    for row in ("row 4", "row 5", "row 6"):
        assert row in refused.stderr, refused.stderr
    assert "row 2" not in refused.stderr
    audit_rows = len(read_audit(ws))
    assert audit_rows  # the sign-ins were audited (that is all that changed)
    done = cli("import", str(own), *args, "--as", "化龙_clerk", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["role"], last["action"]) == ("化龙_clerk", "town:化龙", "import")
    assert before != workspace_digest(ws)
    viewer = cli("users", "add", "guest", "--role", "viewer", "--workspace", location,
                 stdin="viewer-pass-123\n")  # fmt: skip
    assert viewer.returncode == 0
    out = tmp_path / "list.csv"
    denied = cli("export", "--parks", "PY-SB-001", "--format", "csv", "--out", str(out),
                 "--workspace", location, "--as", "guest", stdin="viewer-pass-123\n")  # fmt: skip
    assert denied.returncode == 1
    assert "只读" in denied.stderr
    assert not out.exists()


def test_without_as_the_cli_acts_as_the_os_user_and_is_audited(tmp_path):
    location = workspace_location(tmp_path)
    out = tmp_path / "parks.csv"
    done = cli("parks", "--out", str(out), "--workspace", location)
    assert done.returncode == 0, done.stderr
    last = read_audit(Workspace.open(location)).iloc[-1]
    assert (last["user"], last["role"], last["action"]) == (getpass.getuser(), "admin", "export")
    import hashlib

    assert last["checksum"] == f"parks.csv={hashlib.sha256(out.read_bytes()).hexdigest()}"


def test_the_first_start_prints_a_one_time_admin_password_once_and_writes_it_nowhere(tmp_path):
    location = workspace_location(tmp_path)
    first = cli("users", "ensure-admin", "--workspace", location)
    assert first.returncode == 0, first.stderr
    once = first.stdout.strip().rsplit(" ", 1)[-1]
    assert len(once) >= load_settings().auth.min_password_length
    again = cli("users", "ensure-admin", "--workspace", location)
    assert again.returncode == 0
    assert again.stdout == ""  # never printed twice
    ws = Workspace.open(location)
    session = authenticate(ws, "admin", once, config=load_settings().auth)
    assert session.account.must_change
    assert session.account.role == "admin"
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert once.encode() not in stored  # only its Argon2id hash is kept
    assert once not in "".join(read_audit(ws).astype(str).to_numpy().ravel())


def test_no_password_or_hash_reaches_a_log_an_error_an_export_or_the_terminal(tmp_path):
    """A scripted day through the CLI; then every file it left beside the workspace (errors
    log, exports, the audit CSV) and everything it printed is searched for the passwords and
    for Argon2 hashes. Only the workspace itself holds the hashes."""
    from tests.store.test_actions import survey_file

    location = workspace_location(tmp_path / "ws")
    secret, wrong = "clerk-secret-2026", "clerk-wrong-2026"
    printed = []
    steps = [
        (("users", "add", "化龙_clerk", "--role", "town", "--town", "化龙"), secret),
        (("users", "passwd", "化龙_clerk"), secret + "x"),
        (("users", "passwd", "化龙_clerk"), secret),
        (("users", "add", "short", "--role", "viewer"), "tiny"),  # refused: too short
        (("users", "list"), ""),
    ]
    for args, stdin in steps:
        printed.append(cli(*args, "--workspace", location, stdin=stdin + "\n"))
    ws = Workspace.open(location)
    path = survey_file(ws, tmp_path / "own.csv", {"化龙": 2})
    base = ["--layer", "enterprises", "--year", "2015", "--workspace", location]
    printed.append(cli("import", str(path), *base, "--as", "化龙_clerk", stdin=wrong + "\n"))
    printed.append(cli("import", str(path), *base, "--as", "化龙_clerk", stdin=secret + "\n"))
    out = tmp_path / "out"
    out.mkdir()
    printed.append(cli("export", "--parks", "PY-SB-001", "--format", "zip",
                       "--out", str(out / "pack.zip"), "--workspace", location))  # fmt: skip
    printed.append(cli("audit", "--out", str(out / "audit.csv"), "--workspace", location))
    printed.append(cli("import", str(tmp_path / "missing.csv"), *base, "--as", "化龙_clerk",
                       stdin=secret + "\n"))  # fmt: skip
    assert [p.returncode for p in printed[:3]] == [0, 0, 0]
    assert printed[5].returncode == 1  # the wrong password
    assert printed[6].returncode == 0, printed[6].stderr
    assert (out / "audit.csv").exists()
    terminal = "".join(p.stdout + p.stderr for p in printed)
    left = [
        p for p in tmp_path.rglob("*")
        if p.is_file() and p.suffix not in (".gpkg", ".gpkg-wal", ".gpkg-shm")
    ]  # fmt: skip
    assert any(p.name == "audit.csv" for p in left)
    texts = [terminal] + [p.read_bytes().decode("utf-8", "replace") for p in left]
    import zipfile

    for pack in (p for p in left if p.suffix == ".zip"):  # the pack's members, uncompressed
        with zipfile.ZipFile(pack) as z:
            texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    assert len(texts) > 5
    for text in texts:
        for needle in (secret, secret + "x", wrong, "tiny", "$argon2"):
            assert needle not in text
    assert read_audit(ws)["action"].tolist().count("sign_in_failed") == 1
