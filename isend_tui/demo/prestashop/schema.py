"""A PrestaShop-shaped database, for the demo shop and for tests.

`create_shop_schema()` writes the tables of the catalogue (tables.py) on MySQL/MariaDB or
SQLite. `ShopWriter.seed()` writes what a fresh install has (reference_data.py).

This module writes. It is never pointed at a merchant's shop: the tool itself reads shops
through `isend_tui.shop.connection`, which is read-only. `ShopWriter` is the writable
connection used by the demo generator and the tests.

On SQLite the MySQL types map to declared types with the same affinity (DATETIME, DATE and
DECIMAL keep their names so the read side converts them back), text columns compare with
NOCASE like MySQL's default collation, and auto-increment keys are
``INTEGER PRIMARY KEY AUTOINCREMENT``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from isend_tui.demo.prestashop.reference_data import reference_inserts
from isend_tui.demo.prestashop.shapes import Table
from isend_tui.demo.prestashop.tables import shop_tables, table_names
from isend_tui.demo.prestashop.versions import VERSIONS, Version
from isend_tui.shop.connection import open_raw
from isend_tui.shop.dsn import Backend, ShopDsn

# --------------------------------------------------------------------------- DDL


def _sqlite_type(mysql_type: str) -> str:
    t = mysql_type.lower().replace(" unsigned", "")
    if "int" in t:
        return t.upper()  # INTEGER affinity
    if t.startswith(("varchar", "char", "text", "mediumtext")):
        return t.upper() + " COLLATE NOCASE"
    return t.upper()  # DATETIME, DATE, DECIMAL(p,s): NUMERIC affinity, names kept


def _quote(backend: Backend, name: str) -> str:
    return f"`{name}`" if backend == "mysql" else f'"{name}"'


def _charset(version: Version) -> str:
    # 1.6 and 1.7 before 1.7.7 were utf8 (3 bytes); 1.7.7+ and 8/9 utf8mb4.
    if version == "1.6":
        return "DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci"
    return "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci"


def table_ddl(
    table: Table,
    backend: Backend,
    prefix: str,
    version: Version = "8",
    *,
    with_indexes: bool = True,
) -> list[str]:
    """CREATE TABLE (and, on SQLite, CREATE INDEX) statements for one table."""
    q = _quote
    full = prefix + table.name
    lines: list[str] = []
    for col in table.columns:
        is_auto = table.auto_increment and table.pk == (col.name,)
        if backend == "sqlite" and is_auto:
            lines.append(f"{q(backend, col.name)} INTEGER PRIMARY KEY AUTOINCREMENT")
            continue
        ctype = col.type if backend == "mysql" else _sqlite_type(col.type)
        parts = [q(backend, col.name), ctype]
        parts.append("NULL" if col.null else "NOT NULL")
        if col.default is not None and not (col.null and col.default == "NULL" and is_auto):
            parts.append(f"DEFAULT {col.default}")
        if backend == "mysql" and is_auto:
            parts.append("AUTO_INCREMENT")
        lines.append(" ".join(parts))
    auto_sqlite = backend == "sqlite" and table.auto_increment and len(table.pk) == 1
    if not auto_sqlite:
        lines.append("PRIMARY KEY (" + ", ".join(q(backend, c) for c in table.pk) + ")")
    statements: list[str] = []
    if backend == "mysql":
        if with_indexes:
            for name, cols in table.unique:
                cl = ", ".join(q(backend, c) for c in cols)
                lines.append(f"UNIQUE KEY {q(backend, name)} ({cl})")
            for name, cols in table.indexes:
                cl = ", ".join(q(backend, c) for c in cols)
                lines.append(f"KEY {q(backend, name)} ({cl})")
        body = ",\n  ".join(lines)
        statements.append(
            f"CREATE TABLE {q(backend, full)} (\n  {body}\n) ENGINE=InnoDB {_charset(version)}"
        )
    else:
        body = ",\n  ".join(lines)
        statements.append(f"CREATE TABLE {q(backend, full)} (\n  {body}\n)")
        if with_indexes:
            statements += sqlite_index_ddl(table, prefix)
    return statements


def sqlite_index_ddl(table: Table, prefix: str) -> list[str]:
    full = prefix + table.name
    out = []
    for unique, items in (("UNIQUE ", table.unique), ("", table.indexes)):
        for name, cols in items:
            cl = ", ".join(f'"{c}"' for c in cols)
            out.append(f'CREATE {unique}INDEX "{full}__{name}" ON "{full}" ({cl})')
    return out


def mysql_index_ddl(table: Table, prefix: str) -> str | None:
    """One ALTER TABLE adding every secondary index (faster than one by one after a load)."""
    adds = [
        f"ADD UNIQUE KEY `{name}` (" + ", ".join(f"`{c}`" for c in cols) + ")"
        for name, cols in table.unique
    ] + [
        f"ADD KEY `{name}` (" + ", ".join(f"`{c}`" for c in cols) + ")"
        for name, cols in table.indexes
    ]
    if not adds:
        return None
    return f"ALTER TABLE `{prefix}{table.name}` " + ", ".join(adds)


def _check_prefix(prefix: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9_]{0,32}", prefix):
        raise ValueError(f"invalid table prefix {prefix!r}")


def _run(raw_conn: Any, backend: Backend, statements: Iterable[str]) -> None:
    if backend == "sqlite":
        for sql in statements:
            raw_conn.execute(sql)
        raw_conn.commit()
        return
    with raw_conn.cursor() as cur:
        for sql in statements:
            cur.execute(sql)
    raw_conn.commit()


def create_shop_schema(
    raw_conn: Any,
    backend: Backend,
    prefix: str,
    *,
    version: Version = "8",
    with_indexes: bool = True,
) -> None:
    """Create every table of a PrestaShop shop of `version` (the columns this tool reads).

    `raw_conn` is a writable DB-API connection: pymysql (`ShopWriter.raw`) or sqlite3.
    With `with_indexes=False` only primary keys are created; `create_shop_indexes()` adds
    the others afterwards (a bulk load is much faster that way).
    """
    _check_prefix(prefix)
    statements: list[str] = []
    for table in shop_tables(version):
        statements += table_ddl(table, backend, prefix, version, with_indexes=with_indexes)
    _run(raw_conn, backend, statements)


def create_shop_indexes(
    raw_conn: Any,
    backend: Backend,
    prefix: str,
    *,
    version: Version = "8",
    tables: Sequence[str] | None = None,
) -> None:
    """Add the secondary indexes left out by `create_shop_schema(with_indexes=False)`."""
    statements: list[str] = []
    for table in shop_tables(version):
        if tables is not None and table.name not in tables:
            continue
        if backend == "mysql":
            sql = mysql_index_ddl(table, prefix)
            if sql:
                statements.append(sql)
        else:
            statements += sqlite_index_ddl(table, prefix)
    _run(raw_conn, backend, statements)


def drop_shop_schema(raw_conn: Any, backend: Backend, prefix: str) -> None:
    """Drop the tables `create_shop_schema` creates (any version), and nothing else."""
    _check_prefix(prefix)
    names: list[str] = []
    for version in VERSIONS:
        for name in table_names(version):
            if name not in names:
                names.append(name)
    _run(
        raw_conn,
        backend,
        [f"DROP TABLE IF EXISTS {_quote(backend, prefix + n)}" for n in names],
    )


# --------------------------------------------------------------------------- writer


class ShopWriter:
    """A writable connection to a test or demo shop (never a merchant's shop).

    MySQL: session sql_mode is emptied so '0000-00-00' dates are accepted (PrestaShop
    writes them), unique and foreign-key checks are off, LOCAL INFILE is allowed.
    SQLite: the file is created if needed; statements run in explicit transactions.
    SQL uses %s placeholders on both backends, like the read side.
    """

    def __init__(self, raw: Any, backend: Backend, prefix: str, dsn: ShopDsn | None = None):
        _check_prefix(prefix)
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
        raw = open_raw(dsn, writable=True)
        with raw.cursor() as cur:
            cur.execute("SET SESSION sql_mode = ''")
            cur.execute("SET SESSION unique_checks = 0")
            cur.execute("SET SESSION foreign_key_checks = 0")
        return cls(raw, "mysql", dsn.prefix, dsn)

    def table(self, name: str) -> str:
        return _quote(self.backend, self.prefix + name)

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
        q = _quote
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

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.raw.close()

    def __enter__(self) -> ShopWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
