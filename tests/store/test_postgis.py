"""The PostGIS back end against a real server (scripts/test.sh starts a throwaway one).

These run in both passes of the suite: they are about the database itself — transactions, locks,
migrations, copies between back ends, connection errors — whichever back end the rest uses.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

import cli
from errors import ImportStateError, WorkspaceBusyError, WorkspaceError
from store.copy import copy_workspace
from store.imports import ImportSettings, import_file
from store.pg_connection import connection, execute, fetch_all, parse_address
from store.pg_schema import SCHEMA_VERSION, ensure_schema, schema_version
from store.scenarios import list_scenarios, save_scenario
from store.workspace import Workspace, iter_names, sample_workspace
from tests.conftest import ROOT, pg_location, pg_test_address, workspace_digest
from tests.store.test_imports import survey_table


@pytest.fixture
def pg_ws():
    return Workspace.open(pg_location("pg"))


def survey_csv(ws, folder, year=2016, n=40):
    table, _ = survey_table(ws, year, n=n)
    path = folder / f"survey_{year}.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def sql(ws, query, *params):
    with connection(ws.address) as conn:
        return fetch_all(conn, query, params)


def test_layers_have_typed_geometry_and_a_gist_index(pg_ws):
    columns = dict(
        sql(
            pg_ws,
            "SELECT f_table_name, type || ':' || srid FROM geometry_columns "
            "WHERE f_table_schema = $1",
            pg_ws.address.schema,
        )
    )
    assert columns == {
        "towns": "MULTIPOLYGON:4326",
        "parks": "MULTIPOLYGON:4326",
        "parcels": "MULTIPOLYGON:4326",
        "enterprises": "POINT:4326",
        "heat_sources": "POINT:4326",
        "sewage_plants": "POINT:4326",
    }
    indexed = {
        t
        for (t,) in sql(
            pg_ws,
            "SELECT tablename FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%gist%'",
            pg_ws.address.schema,
        )
    }
    assert indexed == set(columns)


def test_the_same_frames_as_the_geopackage(pg_ws):
    sample = sample_workspace()
    for layer in sample.layers():
        assert_geodataframe_equal(pg_ws.read(layer), sample.read(layer), check_dtype=True)
    assert pg_ws.data_version() == sample.data_version()
    for kind in ("irradiance", "landuse"):
        assert pg_ws.raster_path(kind).read_bytes() == sample.raster_path(kind).read_bytes()


def test_a_killed_connection_mid_import_leaves_the_database_unchanged(pg_ws, tmp_path):
    """The import's transaction is held half-way (its tables already replaced inside it) by a
    row lock this test takes, then its connection is terminated: nothing of it remains."""
    ws = pg_ws
    path = survey_csv(ws, tmp_path)
    before, counts = workspace_digest(ws), ws.feature_counts(internal=True)
    errors: list[BaseException] = []

    def run_import() -> None:
        try:
            import_file(ws, path, layer="enterprises", year=2016, user="甲")
        except BaseException as exc:  # the thread reports what it met
            errors.append(exc)

    with connection(ws.address) as blocker:
        fetch_all(blocker, f'SELECT * FROM "{ws.address.schema}"._parkplan_meta FOR UPDATE')
        worker = threading.Thread(target=run_import)
        worker.start()
        waiting: list[tuple[int, str]] = []
        deadline = time.monotonic() + 60
        while not waiting and time.monotonic() < deadline:
            waiting = sql(
                ws,
                "SELECT pid, query FROM pg_stat_activity WHERE application_name = 'parkplan' "
                "AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%_parkplan_meta%'",
            )
            time.sleep(0.05)
        assert waiting, "the import never reached the end of its transaction"
        # inside that transaction the enterprises table is already dropped and re-created
        assert sql(ws, "SELECT pg_terminate_backend($1::int)", waiting[0][0]) == [(True,)]
        blocker.rollback()
    worker.join(60)
    assert len(errors) == 1
    assert isinstance(errors[0], WorkspaceError)
    assert workspace_digest(ws) == before
    assert ws.feature_counts(internal=True) == counts
    assert "import_history" not in ws.tables()


def test_copy_geopackage_to_postgis_and_back_gives_the_same_content(tmp_path):
    source = Workspace.open(tmp_path / "a.gpkg")
    import_file(source, survey_csv(source, tmp_path), layer="enterprises", year=2016, user="乙")
    save_scenario(source, "三园方案", parks=["PY-001"], parameters={"w": 1}, user="乙")
    middle, back = pg_location("copy"), str(tmp_path / "b.gpkg")
    assert cli.main(["workspace", "copy", source.location, middle]) == 0
    assert cli.main(["workspace", "copy", middle, back]) == 0
    copies = [Workspace.open(middle, create="never"), Workspace.open(back, create="never")]
    names = sorted(iter_names(source))
    assert ("_history_states", False) in names  # the snapshots travel with the data
    assert ("scenarios", False) in names
    for copy in copies:
        assert sorted(iter_names(copy)) == names
        assert copy.data_version() == source.data_version()
        for name, spatial in names:
            if spatial:
                assert_geodataframe_equal(copy.read(name), source.read(name), check_dtype=True)
            else:
                pd.testing.assert_frame_equal(copy.read_table(name), source.read_table(name))
        for kind in ("irradiance", "landuse"):
            assert copy.raster_path(kind).read_bytes() == source.raster_path(kind).read_bytes()
        classes = copy.raster_classes_path("landuse").read_bytes()
        assert classes == source.raster_classes_path("landuse").read_bytes()


def test_copy_refuses_a_destination_that_is_not_empty(pg_ws, tmp_path, capsys):
    before = workspace_digest(pg_ws)
    with pytest.raises(WorkspaceError, match="is not empty"):
        copy_workspace(str(sample_workspace().location), pg_ws.location)
    assert workspace_digest(pg_ws) == before
    assert cli.main(["workspace", "copy", str(tmp_path / "missing.gpkg"), pg_ws.location]) == 1
    assert "no workspace at" in capsys.readouterr().err


def test_two_app_instances_see_each_others_imports_and_scenarios(pg_ws, tmp_path):
    """Another process (a town's clerk on the command line) imports and saves a scenario; this
    one sees both within the change token's second, and the other sees this one's scenario."""
    ws = pg_ws
    token, version = ws.change_token(), ws.data_version()
    path = survey_csv(ws, tmp_path)

    def other_process(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "cli.py", *args, "--workspace", ws.location],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    other_process("import", str(path), "--layer", "enterprises", "--year", "2016")
    deadline = time.monotonic() + 10
    while ws.change_token() == token and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ws.change_token() != token
    assert ws.data_version() != version == sample_workspace().data_version()
    assert 2016 in set(ws.read("enterprises")["survey_year"])
    other_process("select", "--save", "镇A方案", "--out", str(tmp_path / "s.json"))
    parks = list(ws.read("parks")["park_id"].head(3))
    save_scenario(ws, "方案B", parks=parks, parameters={}, user="镇B")
    assert sorted(s.name for s in list_scenarios(ws)) == ["方案B", "镇A方案"]
    out = tmp_path / "b.csv"
    other_process("export", "--scenario", "方案B", "--format", "csv", "--out", str(out))
    assert out.read_bytes().startswith("\ufeff".encode())


def test_two_imports_at_once_are_serialised_by_the_database(pg_ws, tmp_path):
    """Two instances import at the same moment: the database runs one after the other. The
    second either starts from the first one's result or, having checked its file against the
    data before the first one landed, is refused whole ("check it again") — never a mix."""
    ws, other = pg_ws, Workspace.open(pg_ws.location)
    jobs = [(ws, survey_csv(ws, tmp_path, year=2016, n=10), 2016)]
    jobs.append((other, survey_csv(ws, tmp_path, year=2017, n=10), 2017))
    settings = ImportSettings(lock_timeout_s=120)
    outcome: dict[int, BaseException | None] = {}
    start = threading.Barrier(2)

    def run(target, path, year):
        start.wait()
        try:
            import_file(target, path, layer="enterprises", year=year, settings=settings)
            outcome[year] = None
        except BaseException as exc:  # the thread reports what it met
            outcome[year] = exc

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    refused = [y for y, exc in outcome.items() if exc is not None]
    assert len(refused) <= 1
    for year in refused:
        assert isinstance(outcome[year], ImportStateError)
        assert "changed since this file was checked" in str(outcome[year])
        target, path, _ = next(j for j in jobs if j[2] == year)
        import_file(target, path, layer="enterprises", year=year, settings=settings)  # again
    years = ws.read("enterprises")["survey_year"].value_counts()
    assert years[2016] == 10
    assert years[2017] == 10
    history = ws.read_table("import_history")
    assert list(history["entry"]) == [1, 2]
    assert history["version_before"].iloc[1] == history["version_after"].iloc[0]


def test_a_held_import_lock_makes_another_instance_busy(pg_ws, tmp_path):
    other = Workspace.open(pg_ws.location)
    path = survey_csv(pg_ws, tmp_path)
    with pg_ws.write_lock(timeout=1, what="test"):
        start = time.perf_counter()
        with pytest.raises(WorkspaceBusyError, match="busy"):
            import_file(other, path, layer="enterprises", year=2016,
                        settings=ImportSettings(lock_timeout_s=0.3))  # fmt: skip
        assert time.perf_counter() - start < 10
    import_file(other, path, layer="enterprises", year=2016)  # free again


def test_migrations_bring_an_old_schema_up_and_refuse_a_newer_one():
    address = parse_address(pg_location("migrate"))
    with connection(address) as conn:
        assert ensure_schema(conn, address, upto=1) == 1
        assert schema_version(conn, address) == 1
    ws = Workspace.open(address.safe, create="empty")  # opening applies the rest
    with connection(address) as conn:
        assert schema_version(conn, address) == SCHEMA_VERSION == 2
        table = f"{address.schema}._parkplan_schema"
        rows = fetch_all(conn, f"SELECT version, description FROM {table}")
        assert [r[0] for r in rows] == [1, 2]
        fetch_all(conn, f"INSERT INTO {address.schema}._parkplan_schema VALUES (9, 'future')")
        conn.commit()
    assert ws.layers() == []
    with pytest.raises(WorkspaceError, match="schema version 9, newer than this ParkPlan knows"):
        Workspace.open(address.safe)


def test_a_refused_connection_is_one_clear_line_without_the_password(capsys, caplog):
    address = "postgresql://planner:s3cret-pw@127.0.0.1:9/parkplan?schema=x"
    assert cli.main(["info", "--workspace", address]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the PostGIS workspace parkplan.x @ 127.0.0.1" in err
    assert "Connection refused" in err
    assert "Traceback" not in err
    assert "s3cret" not in err
    assert "s3cret" not in caplog.text


def test_a_password_in_the_address_is_never_shown(tmp_path, caplog):
    base = parse_address(pg_location("secret"))
    with_password = base.safe.replace("postgres@", "postgres:s3cret-pw@", 1)
    ws = Workspace.open(with_password)  # the throwaway server trusts local logins
    shown = [ws.location, ws.label, str(ws.info()), repr(ws), str(ws.errors_log), caplog.text]
    assert all("s3cret" not in text for text in shown)
    assert ws.location == base.safe
    assert "s3cret" not in pg_test_address()


@pytest.mark.parametrize(
    "command",
    [
        ["screen", "--year", "2015"],
        ["parks"],
        ["targets", "--year", "2015"],
        ["export", "--parks", "{parks}", "--format", "csv"],
    ],
)
def test_the_commands_give_the_same_rows_on_both_back_ends(command, tmp_path):
    """The same content on a GeoPackage and on PostGIS: the same screen, scores, targets and
    parcel list, to the byte (provenance sidecars name the workspace, so they are left out)."""
    gpkg = Workspace.open(tmp_path / "a.gpkg")
    pg = pg_location("same")
    copy_workspace(gpkg.location, pg)
    parks = ",".join(gpkg.read("parks")["park_id"].head(20))
    outputs = []
    for name, location in (("gpkg", gpkg.location), ("pg", pg)):
        out = tmp_path / f"{name}.csv"
        args = [a.format(parks=parks) for a in command]
        assert cli.main([*args, "--workspace", location, "--out", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) > 3


@pytest.fixture
def password_role():
    """The role ``parkplan_pw``, which the test server makes give a password, with a new one."""
    secret = f"pw-{uuid.uuid4().hex}"
    admin = parse_address(pg_test_address())
    with connection(admin) as conn:
        execute(
            conn,
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parkplan_pw') "
            "THEN CREATE ROLE parkplan_pw LOGIN; END IF; END $$",
            f"ALTER ROLE parkplan_pw PASSWORD '{secret}'",
            "GRANT CREATE ON DATABASE parkplan_test TO parkplan_pw",
        )
        conn.commit()
    location = pg_location("pw").replace("postgresql://postgres@", "postgresql://parkplan_pw@", 1)
    return location, secret


def test_the_password_comes_from_pgpass_and_a_refused_login_is_clear(
    password_role, tmp_path, monkeypatch, capsys
):
    location, secret = password_role
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    assert cli.main(["info", "--workspace", location]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the PostGIS workspace" in err
    assert "password" in err  # libpq: no password supplied / authentication failed
    assert "Traceback" not in err
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:parkplan_test:parkplan_pw:{secret}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert cli.main(["info", "--workspace", location]) == 0  # libpq read the password
    out = capsys.readouterr()
    assert "镇街 towns: 16" in out.out
    assert secret not in out.out + out.err


def test_a_failed_query_is_a_workspace_error_not_a_driver_traceback(pg_ws):
    with pytest.raises(WorkspaceError, match=r"the PostGIS workspace .* failed: .*does not exist"):
        pg_ws.read_arrow("no_such_layer")
    with connection(pg_ws.address) as conn:
        fetch_all(conn, "SELECT 1")  # the next connection works
