"""Read-only access to a PrestaShop database (MySQL/MariaDB, or SQLite for demos and tests).

    dsn = ShopDsn.from_url("mysql://reader:secret@127.0.0.1:3306/shop?prefix=ps_")
    with connect(dsn) as conn:
        rows = conn.query(
            f"SELECT id_customer, email FROM {conn.table('customer')} WHERE id_shop = %s", (1,)
        )
        print(conn.info.major, conn.info.order_states["PS_OS_PAYMENT"])

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
import datetime as dt
import re
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from isend_tui.errors import ConfigError, UserError
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.shop.info import ShopInfo

Backend = Literal["mysql", "sqlite"]

ENV_VAR = "ISEND_TUI_SHOP_DB"
FIELD = "shop_db"
_PREFIX_RE = re.compile(r"[A-Za-z0-9_]{0,32}")
_EXPECTED = (
    "mysql://utilisateur:motdepasse@hote:3306/base?prefix=ps_ ou sqlite:///chemin/boutique.sqlite3"
)


# --------------------------------------------------------------------------- errors


class ShopError(UserError):
    """Base of the shop database errors (field "shop_db")."""

    def __init__(self, message: str, *, field: str | None = FIELD) -> None:
        super().__init__(message, field=field)


class ShopDsnError(ShopError, ConfigError):
    """The shop database address is malformed."""


class ShopUnreachable(ShopError):
    """The server does not answer (host, port, firewall) or the SQLite file is missing."""


class ShopAccessDenied(ShopError):
    """Wrong user or password, or no rights on the database."""


class ShopUnknownDatabase(ShopError):
    """The database name does not exist on the server."""


class ShopWrongPrefix(ShopError):
    """No `<prefix>customer` table: the table prefix is wrong."""

    def __init__(self, message: str, *, candidates: Sequence[str] = ()) -> None:
        super().__init__(message, field="shop_prefix")
        self.candidates = list(candidates)


class ShopSchemaError(ShopError):
    """A table or column the tool needs is missing (unsupported version or broken shop)."""


class ShopQueryInterrupted(ShopError):
    """The statement was stopped by `ShopConnection.interrupt` (a newer request replaced it)."""


class ShopQueryError(ShopError):
    """A query failed for another reason (timeout, lost connection, refused statement)."""


# --------------------------------------------------------------------------- DSN


@dataclass(frozen=True)
class ShopDsn:
    """Where the shop database is. `password` never appears in repr or in `url()`."""

    kind: Backend
    host: str = "127.0.0.1"
    port: int = 3306
    user: str = ""
    password: str = field(default="", repr=False)
    database: str = ""
    prefix: str = "ps_"
    path: str = ""

    def __post_init__(self) -> None:
        if not _PREFIX_RE.fullmatch(self.prefix):
            raise ShopDsnError(
                _(
                    "Préfixe de tables invalide « {prefix} » : lettres, chiffres et _ "
                    "uniquement, 32 caractères au plus (par exemple ps_)."
                ).format(prefix=self.prefix),
                field="shop_prefix",
            )

    @classmethod
    def from_url(cls, url: str) -> ShopDsn:
        """Parse ``mysql://user:password@host:3306/db?prefix=ps_`` or ``sqlite:///path``."""
        url = (url or "").strip()
        if not url:
            raise ShopDsnError(
                _(
                    "Aucune base de boutique configurée : renseignez {var} ou le champ "
                    "« Base de la boutique » ({expected})."
                ).format(var=ENV_VAR, expected=_EXPECTED)
            )
        try:
            parts = urllib.parse.urlsplit(url)
            port_value = parts.port
        except ValueError:
            raise _bad_url(url, _("port invalide")) from None
        scheme = parts.scheme.lower()
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        unknown = sorted(set(query) - {"prefix"})
        if unknown:
            raise _bad_url(url, _("paramètre inconnu « {name} »").format(name=unknown[0]))
        prefix = query.get("prefix", ["ps_"])[-1]
        if scheme in ("mysql", "mariadb", "mysql+pymysql"):
            database = urllib.parse.unquote(parts.path.lstrip("/"))
            if not parts.hostname:
                raise _bad_url(url, _("nom d'hôte manquant"))
            if not database or "/" in database:
                raise _bad_url(url, _("nom de la base manquant après l'hôte"))
            return cls(
                kind="mysql",
                host=parts.hostname,
                port=port_value or 3306,
                user=urllib.parse.unquote(parts.username or ""),
                password=urllib.parse.unquote(parts.password or ""),
                database=database,
                prefix=prefix,
            )
        if scheme == "sqlite":
            if parts.netloc:
                raise _bad_url(url, _("un chemin absolu est attendu (sqlite:///chemin)"))
            path = urllib.parse.unquote(parts.path)
            if not path.startswith("/"):
                raise _bad_url(url, _("un chemin absolu est attendu (sqlite:///chemin)"))
            return cls(kind="sqlite", path=path, prefix=prefix, port=0, host="")
        raise _bad_url(url, _("schéma « {scheme} » non pris en charge").format(scheme=scheme))

    @classmethod
    def sqlite(cls, path: str | Path, prefix: str = "ps_") -> ShopDsn:
        return cls(kind="sqlite", path=str(Path(path).resolve()), prefix=prefix, host="", port=0)

    def url(self, *, with_password: bool = False) -> str:
        """The URL form; the password is shown as *** unless `with_password`."""
        query = "?" + urllib.parse.urlencode({"prefix": self.prefix})
        if self.kind == "sqlite":
            return "sqlite://" + urllib.parse.quote(self.path) + query
        auth = urllib.parse.quote(self.user, safe="")
        if self.password:
            auth += ":" + (urllib.parse.quote(self.password, safe="") if with_password else "***")
        if auth:
            auth += "@"
        host = f"[{self.host}]" if ":" in self.host else self.host
        db = urllib.parse.quote(self.database, safe="")
        return f"mysql://{auth}{host}:{self.port}/{db}{query}"

    def with_prefix(self, prefix: str) -> ShopDsn:
        return replace(self, prefix=prefix)

    def __str__(self) -> str:
        return self.url()


def _bad_url(url: str, problem: str) -> ShopDsnError:
    masked = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    return ShopDsnError(
        _(
            "Adresse de la base de la boutique invalide ({problem}) : « {url} ». "
            "Forme attendue : {expected} ({var})."
        ).format(problem=problem, url=masked, expected=_EXPECTED, var=ENV_VAR)
    )


# --------------------------------------------------------------------------- MySQL errors


def _mysql_error(exc: Exception, dsn: ShopDsn) -> ShopError:
    """Map a pymysql error to the user-facing error naming the cause and the fix."""
    code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else 0
    detail = str(exc.args[1]) if len(exc.args) > 1 else str(exc)
    where = f"{dsn.host}:{dsn.port}"
    if code == 1317:  # ER_QUERY_INTERRUPTED: KILL QUERY from `interrupt`
        return ShopQueryInterrupted(_("Requête interrompue : une plus récente l'a remplacée."))
    if code in (2003, 2005, 2006, 2013, 2002):
        return ShopUnreachable(
            _(
                "Le serveur MySQL {where} ne répond pas : vérifiez l'hôte, le port et que le "
                "serveur accepte les connexions distantes (pare-feu, bind-address)."
            ).format(where=where)
        )
    if code in (1045, 1044, 1698):
        return ShopAccessDenied(
            _(
                "Accès refusé pour l'utilisateur « {user} » sur {where} : vérifiez "
                "l'utilisateur, le mot de passe et ses droits SELECT sur la base « {db} »."
            ).format(user=dsn.user, where=where, db=dsn.database)
        )
    if code == 1049:
        return ShopUnknownDatabase(
            _(
                "La base « {db} » n'existe pas sur {where} : vérifiez son nom (celui de "
                "la configuration de PrestaShop, database_name)."
            ).format(db=dsn.database, where=where)
        )
    if code == 1146:
        return ShopSchemaError(
            _(
                "Table manquante dans la base de la boutique ({detail}) : vérifiez le préfixe "
                "des tables et la version de PrestaShop."
            ).format(detail=detail)
        )
    if code == 1054:
        return ShopSchemaError(
            _(
                "Colonne manquante dans la base de la boutique ({detail}) : cette version de "
                "PrestaShop n'est peut-être pas prise en charge."
            ).format(detail=detail)
        )
    if code in (1142, 1143):
        return ShopAccessDenied(
            _(
                "Droits insuffisants pour l'utilisateur « {user} » ({detail}) : accordez-lui "
                "SELECT sur la base « {db} »."
            ).format(user=dsn.user, detail=detail, db=dsn.database)
        )
    return ShopQueryError(
        _("Erreur de la base de la boutique ({code}) : {detail}").format(code=code, detail=detail)
    )


def open_raw(dsn: ShopDsn, *, timeout: float = 5.0, writable: bool = False) -> Any:
    """A raw pymysql connection (autocommit, utf8mb4), errors mapped to ShopError."""
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
            local_infile=writable,
        )
    except pymysql.err.MySQLError as exc:
        raise _mysql_error(exc, dsn) from None
    except OSError as exc:
        raise ShopUnreachable(
            _("Le serveur MySQL {host}:{port} ne répond pas ({detail}).").format(
                host=dsn.host, port=dsn.port, detail=exc
            )
        ) from None


# --------------------------------------------------------------------------- SQLite helpers


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _sqlite_regexp(pattern: str | None, value: object) -> int | None:
    """SQLite calls regexp(pattern, value) for ``value REGEXP pattern``."""
    if pattern is None or value is None:
        return None
    return 1 if _compiled(pattern).search(str(value)) else 0


def _conv_date(raw: bytes) -> dt.date | str:
    text = raw.decode()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return text


def _conv_datetime(raw: bytes) -> dt.datetime | dt.date | str:
    text = raw.decode()
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return _conv_date(raw)


def _conv_decimal(raw: bytes) -> Decimal | str:
    text = raw.decode()
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


_converters_registered = False


def _register_converters() -> None:
    global _converters_registered
    if not _converters_registered:
        sqlite3.register_converter("DATETIME", _conv_datetime)
        sqlite3.register_converter("DATE", _conv_date)
        sqlite3.register_converter("DECIMAL", _conv_decimal)
        _converters_registered = True


def open_sqlite_readonly(dsn: ShopDsn) -> sqlite3.Connection:
    path = Path(dsn.path)
    if not path.is_file():
        raise ShopUnreachable(
            _(
                "Le fichier SQLite « {path} » n'existe pas : vérifiez le chemin de la base "
                "de la boutique."
            ).format(path=dsn.path)
        )
    _register_converters()
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    try:
        raw = sqlite3.connect(
            uri,
            uri=True,
            detect_types=sqlite3.PARSE_DECLTYPES,
            check_same_thread=False,
            isolation_level=None,
        )
        raw.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ShopUnreachable(
            _("Le fichier « {path} » n'est pas une base SQLite lisible ({detail}).").format(
                path=dsn.path, detail=exc
            )
        ) from None
    raw.create_function("regexp", 2, _sqlite_regexp, deterministic=True)
    return raw


def _sqlite_error(exc: sqlite3.Error) -> ShopError:
    text = str(exc)
    if text == "interrupted":
        return ShopQueryInterrupted(_("Requête interrompue : une plus récente l'a remplacée."))
    if text.startswith("no such table"):
        return ShopSchemaError(
            _(
                "Table manquante dans la base de la boutique ({detail}) : vérifiez le préfixe "
                "des tables et la version de PrestaShop."
            ).format(detail=text)
        )
    if text.startswith("no such column"):
        return ShopSchemaError(
            _(
                "Colonne manquante dans la base de la boutique ({detail}) : cette version de "
                "PrestaShop n'est peut-être pas prise en charge."
            ).format(detail=text)
        )
    return ShopQueryError(_("Erreur de la base de la boutique : {detail}").format(detail=text))


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
        if self._info is None:
            from isend_tui.shop.info import load_shop_info

            self._info = load_shop_info(self)
        return self._info

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
                raise _sqlite_error(exc) from None
        import pymysql

        try:
            with self._raw.cursor() as cur:
                cur.execute(sql, tuple(params))
                return [tuple(r) for r in cur.fetchall()]
        except pymysql.err.MySQLError as exc:
            raise _mysql_error(exc, self.dsn) from None

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
            return self._stream_sqlite(sql, params, batch)
        return self._stream_mysql(sql, params, batch)

    def _stream_sqlite(
        self, sql: str, params: Sequence[object], batch: int
    ) -> Iterator[tuple[Any, ...]]:
        try:
            cur = self._raw.execute(self._sql(sql), tuple(params))
        except sqlite3.Error as exc:
            raise _sqlite_error(exc) from None
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
    ) -> Iterator[tuple[Any, ...]]:
        import pymysql
        import pymysql.cursors

        cur = self._raw.cursor(pymysql.cursors.SSCursor)
        try:
            try:
                cur.execute(sql, tuple(params))
            except pymysql.err.MySQLError as exc:
                raise _mysql_error(exc, self.dsn) from None
            while True:
                try:
                    rows = cur.fetchmany(batch)
                except pymysql.err.MySQLError as exc:
                    raise _mysql_error(exc, self.dsn) from None
                if not rows:
                    return
                for row in rows:
                    yield tuple(row)
        finally:
            # reads and discards what is left of the result; the connection may be gone
            with contextlib.suppress(Exception):
                cur.close()

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

    def close(self) -> None:
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


def connect(dsn: ShopDsn | str, *, timeout: float = 5.0, load_info: bool = True) -> ShopConnection:
    """Open a read-only connection, check the prefix and load ShopInfo (blocking)."""
    if isinstance(dsn, str):
        dsn = ShopDsn.from_url(dsn)
    if dsn.kind == "sqlite":
        conn = ShopConnection(dsn, open_sqlite_readonly(dsn))
    else:
        raw = open_raw(dsn, timeout=timeout)
        conn = ShopConnection(dsn, raw)
        try:
            with raw.cursor() as cur:
                cur.execute("SET SESSION TRANSACTION READ ONLY")
        except Exception:
            conn.close()
            raise
    try:
        _check_prefix_tables(conn)
        if load_info:
            from isend_tui.shop.info import load_shop_info

            conn._info = load_shop_info(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connector(dsn: ShopDsn, *, timeout: float = 5.0) -> Callable[[], ShopConnection]:
    """A factory opening a fresh connection each call (one per worker thread)."""
    return lambda: connect(dsn, timeout=timeout)
