"""The local copy of one shop: a SQLite file of the data dir, built whole from the shop,
brought up to date before each count (`isend_tui.segments.local_copy.refresh`), and
counted on with the same compiler as the shop."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import threading
from collections.abc import Collection
from pathlib import Path

from isend_tui.segments.basis import BasisRule
from isend_tui.segments.compiler import compile_classified, compile_count
from isend_tui.segments.counting import RecipientCount, counted_row
from isend_tui.segments.local_copy.refresh import bring_up_to_date, cursors_now
from isend_tui.segments.local_copy.tables import (
    COPY_TABLES,
    INDEXES,
    SCHEMA,
    copy_small_tables,
    insert_customers,
    mark_shared,
    read_meta,
    set_activity,
    write_meta,
)
from isend_tui.segments.model import Segment
from isend_tui.segments.shop_meta import ShopMeta, shop_meta
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn

#: Bumped when the file's layout or the classification of numbers changes: an older copy
#: is rebuilt (2: mobiles written with their own country code are usable on any address;
#: 3: the lawful basis: newsletter date, email and psgdpr acceptances; 4: the latest
#: psgdpr acceptance per customer, `number.gdpr`).
FORMAT = "4"
#: A copy older than this is rebuilt whole (see the package doc for what refresh misses).
REBUILD_AFTER = dt.timedelta(hours=24)


def copy_path(data_dir: Path, dsn: ShopDsn) -> Path:
    """One file per shop (its URL without the password, prefix included)."""
    digest = hashlib.sha256(dsn.url().encode()).hexdigest()[:16]
    return data_dir / "shop-copies" / f"{digest}.sqlite3"


class LocalCopy:
    """The copy of one shop. Each method opens its own SQLite connection, so a copy can be
    used from any thread; writers queue on SQLite's lock."""

    def __init__(self, path: Path, dsn: ShopDsn) -> None:
        self.path = path
        self.dsn = dsn

    # -- state

    def _open(self, path: Path | None = None) -> sqlite3.Connection:
        # the default rollback journal, not WAL: a rebuild replaces the file, and a WAL
        # file left beside it would be replayed into the new one
        return sqlite3.connect(path or self.path, timeout=120, isolation_level=None)

    def built_at(self) -> dt.datetime | None:
        """When the copy was built, or None when there is no usable copy of this shop."""
        if not self.path.is_file():
            return None
        try:
            with contextlib.closing(self._open()) as db:
                meta = read_meta(db)
        except sqlite3.Error:
            return None
        if meta.get("format") != FORMAT or meta.get("shop") != self.dsn.url():
            return None
        return dt.datetime.fromisoformat(meta["built_at"])

    def ready(self, now: dt.datetime | None = None) -> bool:
        """Built for this shop, and not so old that it must be rebuilt."""
        built = self.built_at()
        now = now or dt.datetime.now(dt.UTC)
        return built is not None and now - built < REBUILD_AFTER

    def drop(self) -> None:
        for suffix in ("", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    # -- build

    def build(self, conn: ShopConnection) -> None:
        """Copy the shop whole into a new file, then put it in place of the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_dead_builds()
        tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(tmp, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                db.executescript(SCHEMA)
                db.execute("BEGIN")
                # the cursors first: what changes while the copy is read is read again
                cursors = cursors_now(conn)
                meta = shop_meta(conn)
                copy_small_tables(db, conn, meta)
                insert_customers(db, conn, meta, None)
                for statement in INDEXES.strip().split(";"):
                    if statement.strip():
                        db.execute(statement)
                set_activity(db, None)
                mark_shared(db, None)
                write_meta(
                    db,
                    {
                        **cursors,
                        "format": FORMAT,
                        "shop": self.dsn.url(),
                        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    },
                )
                db.execute("COMMIT")
            finally:
                db.close()
            tmp.chmod(0o600)  # customers' numbers and birthdays: for this user only
            self._settle_old_file()
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def _remove_dead_builds(self) -> None:
        """Half-written files of builds whose process died (killed, machine stopped): each
        is as big as a copy."""
        for stale in self.path.parent.glob(f"{self.path.stem}.*.tmp"):
            pid = stale.name.split(".")[1]
            if pid.isdigit() and not _alive(int(pid)):
                stale.unlink(missing_ok=True)

    def _settle_old_file(self) -> None:
        """Let SQLite roll back into the old file a refresh that died in the middle, so
        that its journal is not applied to the new file."""
        if self.path.is_file():
            with contextlib.suppress(sqlite3.Error), contextlib.closing(self._open()) as old:
                old.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()

    # -- refresh

    def refresh(self, conn: ShopConnection) -> int:
        """Bring the copy up to date with the shop; how many customers were read again.

        One transaction: interrupted (a newer count, the shop gone), the copy is as before.
        """
        db = self._open()
        try:
            db.execute("BEGIN IMMEDIATE")  # one refresh at a time, in any process
            try:
                changed = bring_up_to_date(db, conn)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return changed
        finally:
            db.close()

    # -- counting

    def copy_meta(self, db: sqlite3.Connection) -> ShopMeta:
        countries = {int(i): str(iso) for i, iso in db.execute("SELECT * FROM country")}
        return ShopMeta(
            backend="sqlite",
            tables={name: f'"{name}"' for name in COPY_TABLES},
            countries=countries,
            local_copy=True,
            gdpr_log=True,  # copied, empty when the shop has no psgdpr module
        )

    def count(
        self,
        segment: Segment,
        *,
        today: dt.date,
        suppressed: Collection[str] = (),
        basis: BasisRule | None = None,
    ) -> RecipientCount:
        """The segment counted on the copy as it is (see `routing.count_with_copy`)."""
        with contextlib.closing(self._open()) as db:
            query = compile_count(
                self.copy_meta(db), segment, today=today, suppressed=suppressed, basis=basis
            )
            row = db.execute(query.sql.replace("%s", "?"), query.params).fetchone()
        return counted_row(row, basis)

    def classify(
        self, segment: Segment, *, today: dt.date
    ) -> list[tuple[int, str, str | None, str]]:
        """As `counting.classify_customers`, from the copy (tests and diagnostics)."""
        with contextlib.closing(self._open()) as db:
            meta = self.copy_meta(db)
            query = compile_classified(meta, segment, today=today)
            rows = db.execute(query.sql.replace("%s", "?"), query.params).fetchall()
        return [
            (
                int(r[0]),
                str(r[1]),
                None if r[2] is None else str(r[2]),
                meta.countries.get(int(r[3]), "") if r[3] is not None else "",
            )
            for r in rows
        ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
