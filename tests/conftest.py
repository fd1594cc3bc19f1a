"""Shared fixtures.

- Every test runs with ISEND_TUI_HOME in a temporary directory: no test touches the real
  home, and no environment override leaks in from the developer's shell.
- `mariadb_url` gives a throwaway MariaDB database for the whole test session (dropped at
  the end). Under CI=true an unreachable server fails the tests; elsewhere they skip with
  the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

MARIADB_HOST = os.environ.get("ISEND_TEST_MARIADB_HOST", "127.0.0.1")
MARIADB_PORT = int(os.environ.get("ISEND_TEST_MARIADB_PORT", "3306"))
MARIADB_USER = os.environ.get("ISEND_TEST_MARIADB_USER", "root")
MARIADB_PASSWORD = os.environ.get("ISEND_TEST_MARIADB_PASSWORD", "")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "isend-home"
    monkeypatch.setenv("ISEND_TUI_HOME", str(home))
    for name in ("ISEND_TUI_KEYID", "ISEND_TUI_GATEWAY_URL", "ISEND_TUI_SHOP_DB"):
        monkeypatch.delenv(name, raising=False)
    from isend_tui import i18n

    i18n.reset()
    return home


def _mariadb_connect(database: str | None = None):  # type: ignore[no-untyped-def]
    import pymysql

    return pymysql.connect(
        host=MARIADB_HOST,
        port=MARIADB_PORT,
        user=MARIADB_USER,
        password=MARIADB_PASSWORD,
        database=database,
        connect_timeout=3,
        autocommit=True,
        charset="utf8mb4",
    )


@pytest.fixture(scope="session")
def mariadb_server() -> str:
    """The server URL (no database), or skip/fail when it does not answer."""
    try:
        conn = _mariadb_connect()
        conn.close()
    except Exception as exc:  # any failure to reach the server
        reason = f"MariaDB on {MARIADB_HOST}:{MARIADB_PORT} does not answer: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: MariaDB tests must run)")
        pytest.skip(reason)
    auth = MARIADB_USER + (f":{MARIADB_PASSWORD}" if MARIADB_PASSWORD else "")
    return f"mysql://{auth}@{MARIADB_HOST}:{MARIADB_PORT}"


class ThrowawayDatabases:
    """Creates databases named isend_test_<random> and drops them at the end."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.created: list[str] = []

    def create(self, prefix: str = "ps_") -> str:
        name = f"isend_test_{secrets.token_hex(4)}"
        conn = _mariadb_connect()
        try:
            with conn.cursor() as cur:
                cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        finally:
            conn.close()
        self.created.append(name)
        return f"{self.server_url}/{name}?prefix={prefix}"

    def drop_all(self) -> None:
        conn = _mariadb_connect()
        try:
            with conn.cursor() as cur:
                for name in self.created:
                    cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        finally:
            conn.close()


@pytest.fixture(scope="session")
def mariadb_databases(mariadb_server: str) -> Iterator[ThrowawayDatabases]:
    dbs = ThrowawayDatabases(mariadb_server)
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def mariadb_url(mariadb_databases: ThrowawayDatabases) -> str:
    """One empty throwaway database for the session: mysql://root@127.0.0.1:3306/<db>?prefix=ps_"""
    return mariadb_databases.create()
