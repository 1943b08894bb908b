"""Shared fixtures: a fresh ledger with one legitimate-interest basis and one source.

Ledger fixtures run every test twice: on a DuckDB file and on a shared ledger in PostgreSQL
(a server started for the session by ``pg_server.py``, or LEADGUARD_TEST_PG's). Without server
binaries the PostgreSQL half is skipped with a message, unless LEADGUARD_REQUIRE_PG is set (CI).
"""

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import leadguard
import pg_server
from leadguard.cli import cli

PG_ENV = "LEADGUARD_TEST_PG"
"""URL of a PostgreSQL server (a role that may create databases) to test against."""
REQUIRE_PG = "LEADGUARD_REQUIRE_PG"
"""Set in CI: a missing PostgreSQL server fails the tests instead of skipping them."""
TEST_SECRET = "test-secret-for-the-shared-ledger-0123456789abcdef"
BACKENDS = ["duckdb", "postgres"]
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL server for this test session: LEADGUARD_TEST_PG's, or one started here."""
    given = os.environ.get(PG_ENV)
    if given:
        yield given
        return
    if not pg_server.available():
        message = (
            "PostgreSQL ledger tests need the server binaries (initdb, pg_ctl) or "
            f"{PG_ENV}=postgresql://…; none found"
        )
        if os.environ.get(REQUIRE_PG):
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="leadguard-pg-"))
    try:
        yield pg_server.start(folder)
    finally:
        pg_server.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        con.execute(statement)


def _database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def pg_template(pg_url: str) -> str:
    """A database with the current schema and the test key, copied for every test."""
    name = f"lg_template_{os.getpid()}"
    _admin(pg_url, f"DROP DATABASE IF EXISTS {name}")
    _admin(pg_url, f"CREATE DATABASE {name}")
    previous = os.environ.get("LEADGUARD_SECRET")
    os.environ["LEADGUARD_SECRET"] = TEST_SECRET
    try:
        leadguard.open(_database_url(pg_url, name)).close()
    finally:
        if previous is None:
            os.environ.pop("LEADGUARD_SECRET", None)
        else:
            os.environ["LEADGUARD_SECRET"] = previous
    return name


def new_pg_ledger(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, migrated PostgreSQL ledger for one test (dropped afterwards)."""
    server = request.getfixturevalue("pg_url")
    template = request.getfixturevalue("pg_template")
    name = f"lg_test_{os.getpid()}_{next(_numbers)}"
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    request.addfinalizer(lambda: _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    monkeypatch.setenv("LEADGUARD_SECRET", TEST_SECRET)
    return _database_url(server, name)


@pytest.fixture(params=BACKENDS)
def ledger_target(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Where a test's ledger lives: a DuckDB file, or a fresh PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "test.duckdb")
    return new_pg_ledger(request, monkeypatch)


@pytest.fixture(scope="module", params=BACKENDS)
def module_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Like ledger_target, for a ledger a whole test module shares (the sample data). The
    working directory is a temporary folder meanwhile: a shared ledger's manifest exports are
    written there."""
    folder = tmp_path_factory.mktemp("ledger")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        if request.param == "duckdb":
            yield str(folder / "sample.duckdb")
        else:
            yield new_pg_ledger(request, patch)


def stored_bytes(target: str, pg: str | None = None) -> bytes:
    """Every byte the ledger keeps on disk: the file and its WAL, or (PostgreSQL, after a
    checkpoint) the database's relation files. ``pg`` is the superuser URL of the server."""
    if not target.startswith("postgresql://"):
        return b"".join(p.read_bytes() for p in Path(target).parent.glob(Path(target).name + "*"))
    assert pg is not None
    name = target.rsplit("/", 1)[1]
    data = pg_server.psql(pg, "SHOW data_directory").strip()
    oid = pg_server.psql(pg, f"SELECT oid FROM pg_database WHERE datname = '{name}'").strip()
    pg_server.psql(pg, "CHECKPOINT")
    return b"".join(p.read_bytes() for p in Path(data, "base", oid).iterdir() if p.is_file())


DATA = Path(__file__).parent / "data"
LIA_TEXT = """Purpose test: offering our products to professionals whose role relates to them.
Necessity test: contacting them in their professional role is the least intrusive way.
Balancing test: business contact data, opt-out in every message, notice within a month.
"""


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def ledger_bytes(request: pytest.FixtureRequest, ledger_target: str) -> Callable[[], bytes]:
    """Reads every byte the test's ledger keeps on disk (see stored_bytes)."""
    pg = request.getfixturevalue("pg_url") if ledger_target.startswith("postgresql://") else None
    return lambda: stored_bytes(ledger_target, pg)


@pytest.fixture
def ledger(ledger_target: str) -> Iterator[leadguard.Ledger]:
    lg = leadguard.open(ledger_target, user="tester")
    lg.add_basis(
        "prospecting",
        kind="legitimate_interest",
        purpose="B2B prospecting",
        channels="email,phone",
        retention_months=24,
        lia_text=LIA_TEXT,
        lia_assessed_by="Privacy officer",
        lia_assessed_on=date(2026, 1, 15),
        lia_review_by=date(2099, 1, 15),
    )
    lg.add_source("Expo 2026", kind="event", publicly_accessible=False)
    yield lg
    lg.close()


EXPO = DATA / "ledger" / "expo_registrations.csv"


def invoke_cli(db: Path | str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``leadguard --db DB ARGS…``: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli_db(tmp_path: Path, ledger_target: str) -> str:
    """A ledger made with the CLI (on both backends): init, a legitimate-interest basis with
    its LIA, a source."""
    path = ledger_target
    lia = tmp_path / "lia.md"
    lia.write_text("Purpose test: ok. Necessity test: ok. Balancing test: ok.\n")
    for args in (
        ["init"],
        ["basis", "add", "prospecting", "--kind", "legitimate_interest",
         "--purpose", "B2B prospecting", "--lia-file", str(lia), "--channels", "email,phone",
         "--retention-months", "24", "--lia-review-by", "2099-01-01"],
        ["source", "add", "Expo 2026", "--kind", "event", "--not-public"],
    ):  # fmt: skip
        code, out, err = invoke_cli(path, *args)
        assert code == 0, (args, out, err)
    return path


@pytest.fixture
def cli_expo_db(cli_db: str) -> str:
    """cli_db with the Expo registrations imported and deduped."""
    for args in (
        ["ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting"],
        ["dedupe"],
    ):
        code, out, err = invoke_cli(cli_db, *args)
        assert code == 0, (args, out, err)
    return cli_db
