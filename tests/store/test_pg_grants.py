"""PostGIS logins: the app's login owns its schema; a read-only login (for reporting tools) is
refused by ParkPlan with one line that names what is missing — ParkPlan writes on every sign-in
(the audit) and every change, so it cannot run read-only."""

from __future__ import annotations

import pytest

import cli
from errors import WorkspaceError
from store.pg_connection import connection, execute, parse_address
from store.workspace import Workspace
from tests.conftest import pg_location, pg_test_address


@pytest.fixture
def read_only_location():
    """A workspace made by the owner, and the same address for ``parkplan_ro``, a login with
    USAGE on the schema and SELECT on its tables only (README: PostGIS grants)."""
    location = pg_location("grants")
    ws = Workspace.open(location)  # created (from the sample) by the owning login
    schema = ws.address.schema
    with connection(parse_address(pg_test_address())) as conn:
        execute(
            conn,
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkplan_ro') "
            "THEN CREATE ROLE parkplan_ro LOGIN; END IF; END $$",
            f'GRANT USAGE ON SCHEMA "{schema}" TO parkplan_ro',
            f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO parkplan_ro',
        )
        conn.commit()
    return location.replace("postgresql://postgres@", "postgresql://parkplan_ro@", 1)


def test_a_read_only_login_is_refused_with_one_line(read_only_location, capsys):
    with pytest.raises(WorkspaceError, match=r"parkplan_ro .* read but not write"):
        Workspace.open(read_only_location)
    assert cli.main(["info", "--workspace", read_only_location]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "parkplan_ro" in err
    assert "OWNER TO parkplan_ro" in err  # says what it needs
    assert "Traceback" not in err


def test_the_app_refuses_to_start_with_a_read_only_login(read_only_location, monkeypatch):
    from tests.pages.conftest import new_app

    monkeypatch.setenv("PARKPLAN_WORKSPACE", read_only_location)
    at = new_app()
    message = " ".join(e.value for e in at.error)
    assert "read but not write" in message
    assert not at.get("text_input")  # no sign-in form: nothing could be recorded
