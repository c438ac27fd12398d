import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _no_store_from_the_environment(monkeypatch):
    """A developer's DIAGNOSTIC_STORE must not point the tests at their database."""
    monkeypatch.delenv("DIAGNOSTIC_STORE", raising=False)


@pytest.fixture
def write(tmp_path, monkeypatch):
    """write(name, yaml_text) -> path; files land in a temp folder that is the cwd."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path
    return _write


# --- a throw-away PostgreSQL territory ------------------------------------------------
# Tests of the PostgreSQL store need a server: DIAGNOSTIC_TEST_POSTGRES names a
# superuser connection to a throw-away cluster (.ci/postgres.sh starts one).
# Without it they are skipped locally, and fail in CI (CI=true): never skipped there.

PG_ENV = "DIAGNOSTIC_TEST_POSTGRES"
PG_HOW = (f"PostgreSQL tests skipped: set {PG_ENV}=postgresql://postgres@/postgres?host=SOCKET_DIR "
          "(a superuser of a throw-away server), or run `bash .ci/postgres.sh python -m pytest`, "
          "which starts one for the run")
STRUCTURES = ("caf-13", "ft-13")


class Territory:
    """A migrated database of its own, with one front role per structure."""

    def __init__(self, server_url: str):
        import secrets

        import psycopg
        from psycopg.conninfo import make_conninfo

        from diagnostic.storage.postgres_store import add_front, migrate

        self.server_url = server_url
        self.tag = secrets.token_hex(3)
        self.db = f"diag_test_{self.tag}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {self.db}")
        self.admin_url = make_conninfo(server_url, dbname=self.db)
        migrate(self.admin_url)
        self.roles = {s: f"diag_{self.tag}_{s.replace('-', '_')}" for s in STRUCTURES}
        for structure, role in self.roles.items():
            add_front(self.admin_url, role, structure)

    def front_url(self, structure: str = STRUCTURES[0]) -> str:
        from psycopg.conninfo import make_conninfo
        return make_conninfo(self.admin_url, user=self.roles[structure])

    def url(self, structure: str | None = None) -> str:
        """A postgresql:// URL, as a user types it: the owner's, or a structure's front's."""
        from psycopg.conninfo import conninfo_to_dict
        info = conninfo_to_dict(self.admin_url)
        role = self.roles[structure] if structure else info.get("user", "postgres")
        host = info.get("host") or self.sql("SHOW unix_socket_directories")[0][0]
        port = f"&port={info['port']}" if info.get("port") else ""
        return f"postgresql://{role}@/{self.db}?host={host}{port}"

    def sql(self, query: str, params=(), *, url: str | None = None):
        """Run one statement as the owner (or as `url`'s role); its rows, if any."""
        import psycopg
        with psycopg.connect(url or self.admin_url, autocommit=True) as conn:
            cur = conn.execute(query, params)
            return cur.fetchall() if cur.description else cur.rowcount

    def reset(self) -> None:
        self.sql("TRUNCATE diagnostic.sessions, diagnostic.access_log")

    def drop(self) -> None:
        import psycopg
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
            for role in self.roles.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture(scope="session")
def postgres_territory():
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: the PostgreSQL tests must run in CI "
                        "(.ci/run starts a cluster through .ci/postgres.sh)", pytrace=False)
        pytest.skip(PG_HOW)
    territory = Territory(url)
    yield territory
    territory.drop()


@pytest.fixture
def territory(postgres_territory):
    """The territory, emptied of sessions and log events."""
    postgres_territory.reset()
    return postgres_territory


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if any(PG_HOW in str(getattr(report, "longrepr", "")) for report in skipped):
        terminalreporter.write_line(PG_HOW)
