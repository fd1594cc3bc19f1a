"""SQLite made to read like MySQL/MariaDB for the shop's SQL (demo and test shops): opened
read-only, ``REGEXP`` that ignores case like MariaDB's default collation,
``isend_phone_clean`` (the separators of a phone value removed), and DATE,
DATETIME and DECIMAL columns returned as ``date``, ``datetime`` and ``Decimal``."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import urllib.parse
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from isend_tui.i18n import _
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.errors import ShopUnreachable
from isend_tui.sms.phone import SEPARATORS


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def regexp(pattern: str | None, value: object) -> int | None:
    """SQLite calls regexp(pattern, value) for ``value REGEXP pattern``."""
    if pattern is None or value is None:
        return None
    return 1 if _compiled(pattern).search(str(value)) else 0


def phone_clean(value: object) -> str | None:
    """``isend_phone_clean(value)``: a phone value without the separators customers type
    (what MySQL's nested REPLACE computes; one call instead of ten nested ones, which
    SQLite's parser cannot take inside a segment's statement)."""
    if value is None:
        return None
    text = str(value)
    for ch in SEPARATORS:
        text = text.replace(ch, "")
    return text


# Unknown dates may be stored as '0000-00-00': they come back as that string, as pymysql
# returns them.


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
    # sqlite3's converters are process-wide: registered once
    global _converters_registered
    if not _converters_registered:
        sqlite3.register_converter("DATETIME", _conv_datetime)
        sqlite3.register_converter("DATE", _conv_date)
        sqlite3.register_converter("DECIMAL", _conv_decimal)
        _converters_registered = True


def open_sqlite_readonly(dsn: ShopDsn) -> sqlite3.Connection:
    """The SQLite shop file opened with ``mode=ro``, REGEXP and the converters installed."""
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
    raw.create_function("regexp", 2, regexp, deterministic=True)
    raw.create_function("isend_phone_clean", 1, phone_clean, deterministic=True)
    return raw
