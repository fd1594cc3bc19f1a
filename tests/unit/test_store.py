"""The local store: migrations, and two processes writing at once without "locked"."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from isend_tui.store import open_store
from isend_tui.store.migrations import SCHEMA_VERSION


def test_a_new_store_is_migrated_to_the_current_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    version = store.db.execute_sql("PRAGMA user_version").fetchone()[0]
    mode = store.db.execute_sql("PRAGMA journal_mode").fetchone()[0]
    assert version == SCHEMA_VERSION
    assert mode == "wal"
    store.close()
    # Opening again does not re-run anything (it would fail on CREATE TABLE).
    open_store(tmp_path / "s.sqlite3").close()


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    import pytest

    from isend_tui.errors import ConfigError

    store = open_store(tmp_path / "s.sqlite3")
    store.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    store.close()
    with pytest.raises(ConfigError, match="plus récente"):
        open_store(tmp_path / "s.sqlite3")


def test_a_store_of_schema_4_keeps_its_tracking_snapshot_when_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from isend_tui.store.migrations import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # what a session-8 install left on disk
        for statement in [s for step in MIGRATIONS[:4] for s in step]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 4")
        db.execute(
            "INSERT INTO watcher_snapshot (kind, key, ref, value, seen_at) "
            "VALUES ('tracking', 7, 70, '6A111', 'x'), ('guest', 8, 0, '', 'x')"
        )
    store = open_store(path)
    rows = store.db.execute_sql(
        "SELECT kind, key, value, number, changes FROM watcher_snapshot ORDER BY key"
    ).fetchall()
    assert rows == [("tracking", 7, "6A111", "6A111", 0), ("guest", 8, "", "", 0)]
    store.close()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from datetime import datetime
    from isend_tui.store import open_store
    from isend_tui.store.models import Setting, Suppression

    store = open_store(Path(sys.argv[1]))
    tag = sys.argv[2]
    for i in range(300):
        # read-then-write, the pattern that fails with "database is locked" when the
        # transaction is not taken IMMEDIATE
        with store.write():
            n = Setting.select().count()
            Setting.replace(key=f"{tag}-{i}", value=str(n), updated_at="x").execute()
            Suppression.replace(number=f"{tag}{i}", source="manual", added_at="x").execute()
    print("ok")
    """
)


def test_two_processes_write_concurrently_without_locking_errors(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    open_store(path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b", "c")
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for (out, err), proc in zip(results, procs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.strip() == "ok"
    store = open_store(path)
    assert store.db.execute_sql("SELECT COUNT(*) FROM setting").fetchone()[0] == 900
    store.close()
