"""CREATE TABLE, CREATE INDEX and DROP TABLE for the catalogue, on MySQL/MariaDB or SQLite.

On SQLite the MySQL types map to declared types with the same affinity (DATETIME, DATE and
DECIMAL keep their names so the read side converts them back), text columns compare with
NOCASE like MySQL's default collation, and auto-increment keys are
``INTEGER PRIMARY KEY AUTOINCREMENT``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from isend_tui.demo.prestashop.shapes import Table
from isend_tui.demo.prestashop.tables import shop_tables, table_names
from isend_tui.demo.prestashop.versions import VERSIONS, Version
from isend_tui.shop.dsn import Backend


def _sqlite_type(mysql_type: str) -> str:
    t = mysql_type.lower().replace(" unsigned", "")
    if "int" in t:
        return t.upper()  # INTEGER affinity
    if t.startswith(("varchar", "char", "text", "mediumtext")):
        return t.upper() + " COLLATE NOCASE"
    return t.upper()  # DATETIME, DATE, DECIMAL(p,s): NUMERIC affinity, names kept


def quote(backend: Backend, name: str) -> str:
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
    q = quote
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


def check_prefix(prefix: str) -> None:
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
    check_prefix(prefix)
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
    check_prefix(prefix)
    names: list[str] = []
    for version in VERSIONS:
        for name in table_names(version):
            if name not in names:
                names.append(name)
    _run(
        raw_conn,
        backend,
        [f"DROP TABLE IF EXISTS {quote(backend, prefix + n)}" for n in names],
    )
