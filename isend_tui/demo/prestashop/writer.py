"""The writable connection to a demo or test shop: the only code that writes a PrestaShop
database. It is never pointed at a merchant's shop: the tool reads shops through
`isend_tui.shop.connection`, which is read-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from isend_tui.demo.prestashop.ddl import check_prefix, create_shop_schema, drop_shop_schema, quote
from isend_tui.demo.prestashop.reference_data import reference_inserts
from isend_tui.demo.prestashop.versions import Version
from isend_tui.i18n import _
from isend_tui.shop.dsn import Backend, ShopDsn
from isend_tui.shop.errors import ShopUnreachable, mysql_error


def open_writable_mysql(dsn: ShopDsn, *, timeout: float = 5.0) -> Any:
    """A writable pymysql connection (autocommit, utf8mb4), errors mapped to ShopError.

    LOCAL INFILE is allowed: the demo's loader sends its rows with LOAD DATA LOCAL INFILE.
    """
    import pymysql

    try:
        return pymysql.connect(
            host=dsn.host,
            port=dsn.port,
            user=dsn.user,
            password=dsn.password,
            database=dsn.database,
            charset="utf8mb4",
            autocommit=True,
            connect_timeout=max(1, round(timeout)),
            local_infile=True,
        )
    except pymysql.err.MySQLError as exc:
        raise mysql_error(exc, dsn) from None
    except OSError as exc:
        raise ShopUnreachable(
            _("Le serveur MySQL {host}:{port} ne répond pas ({detail}).").format(
                host=dsn.host, port=dsn.port, detail=exc
            )
        ) from None


class ShopWriter:
    """A writable connection to a test or demo shop (never a merchant's shop).

    MySQL: session sql_mode is emptied so '0000-00-00' dates are accepted (PrestaShop
    writes them), unique and foreign-key checks are off, LOCAL INFILE is allowed.
    SQLite: the file is created if needed; statements run in explicit transactions.
    SQL uses %s placeholders on both backends, like the read side.
    """

    def __init__(self, raw: Any, backend: Backend, prefix: str, dsn: ShopDsn | None = None):
        check_prefix(prefix)
        self.raw = raw
        self.backend: Backend = backend
        self.prefix = prefix
        self.dsn = dsn

    @classmethod
    def open(cls, dsn: ShopDsn | str, *, create: bool = True) -> ShopWriter:
        if isinstance(dsn, str):
            dsn = ShopDsn.from_url(dsn)
        if dsn.kind == "sqlite":
            path = Path(dsn.path)
            if not create and not path.exists():
                raise FileNotFoundError(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            raw: Any = sqlite3.connect(str(path), isolation_level=None)
            raw.execute("PRAGMA foreign_keys=OFF")
            return cls(raw, "sqlite", dsn.prefix, dsn)
        raw = open_writable_mysql(dsn)
        with raw.cursor() as cur:
            cur.execute("SET SESSION sql_mode = ''")
            cur.execute("SET SESSION unique_checks = 0")
            cur.execute("SET SESSION foreign_key_checks = 0")
        return cls(raw, "mysql", dsn.prefix, dsn)

    def table(self, name: str) -> str:
        return quote(self.backend, self.prefix + name)

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.backend == "sqlite" else sql

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement; returns lastrowid (auto-committed)."""
        if self.backend == "sqlite":
            cur = self.raw.execute(self._sql(sql), tuple(params))
            return int(cur.lastrowid or 0)
        with self.raw.cursor() as cur:
            cur.execute(sql, tuple(params))
            last = int(cur.lastrowid or 0)
        self.raw.commit()
        return last

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        if self.backend == "sqlite":
            return [tuple(r) for r in self.raw.execute(self._sql(sql), tuple(params))]
        with self.raw.cursor() as cur:
            cur.execute(sql, tuple(params))
            return [tuple(r) for r in cur.fetchall()]

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if not rows:
            return
        if self.backend == "sqlite":
            self.raw.executemany(self._sql(sql), rows)
            return
        with self.raw.cursor() as cur:
            cur.executemany(sql, rows)
        self.raw.commit()

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Insert rows into a (prefixed) table; `columns` are plain column names."""
        q = quote
        cols = ", ".join(q(self.backend, c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        self.executemany(f"INSERT INTO {self.table(table)} ({cols}) VALUES ({marks})", rows)

    def begin(self) -> None:
        if self.backend == "sqlite":
            self.raw.execute("BEGIN")

    def commit(self) -> None:
        if self.backend == "sqlite":
            if self.raw.in_transaction:
                self.raw.execute("COMMIT")
        else:
            self.raw.commit()

    def create_schema(self, version: Version = "8", *, with_indexes: bool = True) -> None:
        create_shop_schema(
            self.raw, self.backend, self.prefix, version=version, with_indexes=with_indexes
        )

    def drop_schema(self) -> None:
        drop_shop_schema(self.raw, self.backend, self.prefix)

    def seed(self, version: Version = "8") -> None:
        """Write what a fresh install of `version` has (reference_data.py)."""
        self.begin()
        for table, columns, rows in reference_inserts(version):
            self.insert(table, columns, rows)
        self.commit()

    def table_exists(self, name: str) -> bool:
        full = self.prefix + name
        if self.backend == "sqlite":
            rows = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", (full,)
            )
        else:
            rows = self.query(
                "SELECT TABLE_NAME FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                (full,),
            )
        return bool(rows)

    def database_name(self) -> str | None:
        """The MySQL database the connection writes into (None on SQLite, or when none)."""
        if self.backend == "sqlite":
            return None
        rows = self.query("SELECT DATABASE()")
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def table_names(self) -> list[str]:
        """Every table of the database (or SQLite file), whatever its prefix."""
        if self.backend == "sqlite":
            rows = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite%%' ORDER BY name"
            )
        else:
            rows = self.query(
                "SELECT TABLE_NAME FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME"
            )
        return [str(r[0]) for r in rows]

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.raw.close()

    def __enter__(self) -> ShopWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
