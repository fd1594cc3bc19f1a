"""Read-only access to a PrestaShop database (MySQL/MariaDB, or SQLite for demos and tests).

    dsn = ShopDsn.from_url("mysql://reader:secret@127.0.0.1:3306/shop?prefix=ps_")
    with connect(dsn) as conn:
        rows = conn.query(
            f"SELECT id_customer, email FROM {conn.table('customer')} WHERE id_shop = %s", (1,)
        )

`connect` only opens; `isend_tui.shop.info.open_shop` also reads the shop's facts
(`conn.info`: version, time zone, order states), which is what most callers want.

Rules for SQL written against a ShopConnection:
- Placeholders are ``%s`` on both backends (SQLite translates them to ``?``). Never write a
  literal ``%`` in SQL: pass LIKE patterns as parameters.
- Only SELECT (or WITH) statements are accepted. The MySQL session is also set to
  ``TRANSACTION READ ONLY`` and SQLite files are opened with ``mode=ro``.
- Table names come from ``conn.table(name)`` (prefixed and quoted; ``group`` is a reserved word).
- ``REGEXP`` works on both backends; like MariaDB's default collation it ignores case.
- Dates are shop-local naive datetimes. Unknown dates may come back as the string
  ``'0000-00-00'`` (pymysql does the same); DATE/DATETIME/DECIMAL columns come back as
  ``date``/``datetime``/``Decimal`` on both backends when selected directly.

A ShopConnection is not thread-safe: open one per thread (blocking calls belong in worker
threads anyway). While a ``stream()`` iterator is open, do not run other queries on the same
MySQL connection (its result is read unbuffered).
"""

from __future__ import annotations

import contextlib
import re
import socket
import sqlite3
import weakref
from collections.abc import Generator, Iterator, Sequence
from typing import Any

from isend_tui.i18n import _
from isend_tui.shop.dsn import Backend, ShopDsn
from isend_tui.shop.errors import (
    ShopQueryError,
    ShopSchemaError,
    ShopUnreachable,
    ShopWrongPrefix,
    mysql_error,
    sqlite_error,
)
from isend_tui.shop.facts import ShopInfo
from isend_tui.shop.sqlite_compat import open_sqlite_readonly


class ShopAbort:
    """Cuts the MySQL connections made through it, even one still opening, from another
    thread or from a signal handler (no lock: a handler runs on the thread it interrupts).
    After `abort()` any connection it is given next is cut at once."""

    def __init__(self) -> None:
        self.aborted = False
        self._sockets: list[socket.socket] = []

    def watch(self, sock: socket.socket) -> None:
        self._sockets.append(sock)
        if self.aborted:
            self._cut(sock)

    def abort(self) -> None:
        self.aborted = True
        for sock in list(self._sockets):
            self._cut(sock)

    @staticmethod
    def _cut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def open_raw(dsn: ShopDsn, *, timeout: float | None = None, abort: ShopAbort | None = None) -> Any:
    """A raw pymysql connection (autocommit, utf8mb4), errors mapped to ShopError.

    Every wait is bounded: the connection (`timeout`, else the DSN's connect_timeout) and,
    once connected, each read and write, the server's greeting included (the DSN's
    read_timeout): pymysql waits without a limit otherwise. The socket is opened here so
    that `abort` can cut it from the start."""
    import pymysql

    seconds = max(1, round(timeout or dsn.connect_timeout))
    try:
        raw = pymysql.connect(
            host=dsn.host,
            port=dsn.port,
            user=dsn.user,
            password=dsn.password,
            database=dsn.database,
            charset="utf8mb4",
            autocommit=True,
            connect_timeout=seconds,
            read_timeout=dsn.read_timeout,
            write_timeout=dsn.read_timeout,
            defer_connect=True,
        )
        sock = socket.create_connection((dsn.host, dsn.port), seconds)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        if abort is not None:
            abort.watch(sock)
        raw.host_info = f"socket {dsn.host}:{dsn.port}"
        raw.connect(sock)
        return raw
    except pymysql.err.MySQLError as exc:
        raise mysql_error(exc, dsn) from None
    except OSError as exc:
        raise ShopUnreachable(
            _("Le serveur MySQL {host}:{port} ne répond pas ({detail}).").format(
                host=dsn.host, port=dsn.port, detail=exc
            )
        ) from None


# --------------------------------------------------------------------------- connection

_SELECT_RE = re.compile(r"^\s*(?:\(\s*)*(SELECT|WITH)\b", re.IGNORECASE)


def _check_select(sql: str) -> None:
    if not _SELECT_RE.match(sql):
        raise ShopQueryError(
            _(
                "Requête refusée : seules les lectures (SELECT) sont permises sur la base "
                "de la boutique."
            )
        )


class ShopConnection:
    """A read-only connection to one shop. Not thread-safe: one per thread."""

    def __init__(self, dsn: ShopDsn, raw: Any) -> None:
        self.dsn = dsn
        self.backend: Backend = dsn.kind
        self.prefix = dsn.prefix
        self._raw = raw
        # the server's id of this session, for KILL QUERY from another thread
        self._thread_id: int | None = raw.thread_id() if self.backend == "mysql" else None
        self._columns: dict[str, frozenset[str]] = {}
        self._tables: frozenset[str] | None = None
        self._info: ShopInfo | None = None
        self._streams: weakref.WeakSet[Generator[tuple[Any, ...], None, None]] = weakref.WeakSet()

    # -- naming

    def table(self, name: str) -> str:
        """The quoted, prefixed table name: table("group") -> `ps_group`."""
        full = self.prefix + name
        return f"`{full}`" if self.backend == "mysql" else f'"{full}"'

    def quote(self, identifier: str) -> str:
        """A quoted column or alias name."""
        return f"`{identifier}`" if self.backend == "mysql" else f'"{identifier}"'

    # -- info

    @property
    def info(self) -> ShopInfo:
        """The shop's facts, read once by `isend_tui.shop.info.open_shop`."""
        if self._info is None:
            raise RuntimeError(
                "the shop's facts are not loaded: open it with isend_tui.shop.info.open_shop()"
            )
        return self._info

    @info.setter
    def info(self, info: ShopInfo) -> None:
        self._info = info

    # -- queries

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.backend == "sqlite" else sql

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run a SELECT and return every row."""
        _check_select(sql)
        if self.backend == "sqlite":
            try:
                return [tuple(r) for r in self._raw.execute(self._sql(sql), tuple(params))]
            except sqlite3.Error as exc:
                raise sqlite_error(exc) from None
        import pymysql

        try:
            with self._raw.cursor() as cur:
                cur.execute(sql, tuple(params))
                return [tuple(r) for r in cur.fetchall()]
        except pymysql.err.MySQLError as exc:
            raise mysql_error(exc, self.dsn) from None

    def query_one(self, sql: str, params: Sequence[object] = ()) -> tuple[Any, ...] | None:
        """The first row, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[object] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.query_one(sql, params)
        return row[0] if row else None

    def stream(
        self, sql: str, params: Sequence[object] = (), *, batch: int = 5000
    ) -> Iterator[tuple[Any, ...]]:
        """Iterate over the rows of a SELECT in constant memory (unbuffered on MySQL)."""
        _check_select(sql)
        if self.backend == "sqlite":
            rows = self._stream_sqlite(sql, params, batch)
        else:
            rows = self._stream_mysql(sql, params, batch)
        self._streams.add(rows)
        return rows

    def _stream_sqlite(
        self, sql: str, params: Sequence[object], batch: int
    ) -> Generator[tuple[Any, ...], None, None]:
        try:
            cur = self._raw.execute(self._sql(sql), tuple(params))
        except sqlite3.Error as exc:
            raise sqlite_error(exc) from None
        try:
            while True:
                rows = cur.fetchmany(batch)
                if not rows:
                    return
                for row in rows:
                    yield tuple(row)
        finally:
            cur.close()

    def _stream_mysql(
        self, sql: str, params: Sequence[object], batch: int
    ) -> Generator[tuple[Any, ...], None, None]:
        import pymysql
        import pymysql.cursors

        cur = self._raw.cursor(pymysql.cursors.SSCursor)
        try:
            try:
                cur.execute(sql, tuple(params))
            except pymysql.err.MySQLError as exc:
                raise mysql_error(exc, self.dsn) from None
            while True:
                try:
                    rows = cur.fetchmany(batch)
                except pymysql.err.MySQLError as exc:
                    raise mysql_error(exc, self.dsn) from None
                if not rows:
                    return
                for row in rows:
                    yield tuple(row)
        finally:
            # reads and discards what is left of the result; the connection may be gone
            try:
                cur.close()
            except Exception:
                # Lost connection: make the unbuffered result forget it, or its __del__
                # prints a traceback on the merchant's terminal trying to read the rest.
                result = getattr(cur, "_result", None)
                if result is not None:
                    result.unbuffered_active = False
                cur._result = None

    # -- schema introspection

    def tables(self) -> frozenset[str]:
        """Every table name of the database (with prefixes), cached."""
        if self._tables is None:
            if self.backend == "sqlite":
                rows = self.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            else:
                rows = self.query(
                    "SELECT TABLE_NAME FROM information_schema.TABLES "
                    "WHERE TABLE_SCHEMA = DATABASE()"
                )
            self._tables = frozenset(str(r[0]) for r in rows)
        return self._tables

    def has_table(self, name: str) -> bool:
        """Whether the prefixed table exists (`name` without the prefix)."""
        full = self.prefix + name
        names = self.tables()
        return full in names or (
            self.backend == "mysql" and full.lower() in {n.lower() for n in names}
        )

    def columns(self, table: str) -> frozenset[str]:
        """Lower-cased column names of a prefixed table (empty if it does not exist)."""
        if table not in self._columns:
            full = self.prefix + table
            if self.backend == "sqlite":
                rows = [
                    (r[1],)
                    for r in self._raw.execute(
                        "SELECT * FROM pragma_table_info(?)", (full,)
                    ).fetchall()
                ]
            else:
                rows = self.query(
                    "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                    (full,),
                )
            self._columns[table] = frozenset(str(r[0]).lower() for r in rows)
        return self._columns[table]

    def has_column(self, table: str, column: str) -> bool:
        return column.lower() in self.columns(table)

    def require_columns(self, table: str, *columns: str) -> None:
        """Raise ShopSchemaError naming the first missing table or column."""
        have = self.columns(table)
        if not have:
            raise ShopSchemaError(
                _(
                    "Table « {table} » absente de la base de la boutique : vérifiez le préfixe "
                    "des tables et la version de PrestaShop."
                ).format(table=self.prefix + table)
            )
        for column in columns:
            if column.lower() not in have:
                raise ShopSchemaError(
                    _(
                        "Colonne « {column} » absente de la table « {table} » : cette version "
                        "de PrestaShop n'est peut-être pas prise en charge."
                    ).format(column=column, table=self.prefix + table)
                )

    # -- life cycle

    def interrupt(self) -> None:
        """Stop the statement running on this connection, called from another thread; that
        call raises ShopQueryInterrupted. On MySQL/MariaDB the server is told with KILL
        QUERY from a second session (blocking: it connects), which any user may do for its
        own sessions, SELECT-only ones included. Nothing happens once the connection is
        closed."""
        raw = self._raw
        if raw is None:
            return
        if self.backend == "sqlite":
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                raw.interrupt()
            return
        import pymysql

        killer = open_raw(self.dsn)
        try:
            with killer.cursor() as cur, contextlib.suppress(pymysql.err.MySQLError):
                cur.execute("KILL QUERY %s", (self._thread_id,))  # ended already: 1094
        finally:
            killer.close()

    def abort(self) -> None:
        """Cut the connection at once, from another thread or a signal handler: a read
        waiting on a silent server returns with an error instead of waiting out its
        timeout (what lets `watch` stop within seconds on SIGTERM)."""
        raw = self._raw
        if raw is None:
            return
        if self.backend == "sqlite":
            with contextlib.suppress(sqlite3.ProgrammingError):
                raw.interrupt()
            return
        sock = getattr(raw, "_sock", None)  # pymysql keeps its socket there
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        # Streams first, while the connection still works: one left half-read (a reader
        # gone, `| head`) would otherwise be finalised later, on a closed connection.
        for rows in list(self._streams):
            with contextlib.suppress(Exception):
                rows.close()
        raw, self._raw = self._raw, None
        if raw is not None:
            with contextlib.suppress(Exception):  # already closed or broken
                raw.close()

    @property
    def closed(self) -> bool:
        return self._raw is None

    def __enter__(self) -> ShopConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ShopConnection({self.dsn.url()!r})"


def _check_prefix_tables(conn: ShopConnection) -> None:
    if conn.has_table("customer"):
        return
    names = sorted(conn.tables())
    candidates = sorted({n[: -len("customer")] for n in names if n.lower().endswith("_customer")})
    if candidates:
        hint = _("tables trouvées : {tables} ; préfixe probable : {prefix}").format(
            tables=", ".join(c + "customer" for c in candidates[:5]), prefix=candidates[0]
        )
    elif names:
        hint = _("aucune table *_customer dans cette base")
    else:
        hint = _("la base est vide")
    raise ShopWrongPrefix(
        _(
            "Pas de table « {table} » : le préfixe des tables « {prefix} » ne correspond pas "
            "à cette base ({hint}). Corrigez le préfixe (prefix= dans l'adresse)."
        ).format(table=conn.prefix + "customer", prefix=conn.prefix, hint=hint),
        candidates=candidates,
    )


def connect(
    dsn: ShopDsn | str, *, timeout: float | None = None, abort: ShopAbort | None = None
) -> ShopConnection:
    """Open a read-only connection and check the table prefix (blocking). The shop's facts
    (`conn.info`) are read one level up, by `isend_tui.shop.info.open_shop`."""
    if isinstance(dsn, str):
        dsn = ShopDsn.from_url(dsn)
    if dsn.kind == "sqlite":
        conn = ShopConnection(dsn, open_sqlite_readonly(dsn))
    else:
        raw = open_raw(dsn, timeout=timeout, abort=abort)
        conn = ShopConnection(dsn, raw)
        try:
            with raw.cursor() as cur:
                cur.execute("SET SESSION TRANSACTION READ ONLY")
        except Exception:
            conn.close()
            raise
    try:
        _check_prefix_tables(conn)
    except BaseException:
        conn.close()
        raise
    return conn
