"""Opening the local SQLite store safely for several processes.

The TUI and a headless watcher share one file. WAL lets readers and a writer work at the
same time; a generous busy timeout makes a writer wait for the other instead of failing;
and every read-then-write transaction starts with BEGIN IMMEDIATE (`store.write()`), which
takes the write lock up front: a deferred transaction that upgrades from read to write
cannot wait on the busy handler and would fail with "database is locked".
synchronous=FULL because a committed "batch sent" must survive a power cut: losing it
would make a resume send the batch again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from isend_tui.errors import ConfigError
from isend_tui.i18n import _
from isend_tui.private import tighten
from isend_tui.store.migrations import migrate
from isend_tui.store.models import store_proxy

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0


class Store:
    def __init__(self, path: Path, db: peewee.SqliteDatabase) -> None:
        self.path = path
        self.db = db

    @contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction that holds the write lock from its first statement."""
        with self.db.atomic("IMMEDIATE"):
            yield

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def _database(path: Path) -> peewee.SqliteDatabase:
    return peewee.SqliteDatabase(
        str(path),
        timeout=BUSY_TIMEOUT_S,
        pragmas={
            "journal_mode": "wal",
            "synchronous": "full",
            "foreign_keys": 1,
            "busy_timeout": int(BUSY_TIMEOUT_S * 1000),
        },
        check_same_thread=False,
    )


def open_store(path: Path) -> Store:
    """Open (creating if needed) and migrate the store, or raise a ConfigError that says why."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = _database(path)
    try:
        db.connect(reuse_if_open=True)
        migrate(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        text = str(exc)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            message = _(
                "La base locale {path} ne peut pas être écrite ({reason}). Vérifiez les droits "
                "du dossier ou choisissez-en un autre avec --data-dir."
            )
        else:
            message = _(
                "La base locale {path} est illisible ({reason}). Déplacez ce fichier pour en "
                "créer une nouvelle (vos réglages devront être ressaisis) ou restaurez une "
                "sauvegarde."
            )
        raise ConfigError(message.format(path=path, reason=text), field="data_dir") from None
    for suffix in ("", "-wal", "-shm"):  # every recipient of every campaign is in there
        tighten(path.with_name(path.name + suffix))
    store_proxy.initialize(db)
    log.info("local store opened: %s", path)
    return Store(path, db)
