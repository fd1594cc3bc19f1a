"""Where the shop database is: `ShopDsn`, parsed from the address the merchant types.

    ShopDsn.from_url("mysql://reader:secret@127.0.0.1:3306/shop?prefix=ps_")
    ShopDsn.from_url("sqlite:///home/me/boutique.sqlite3")

This is what the settings need of the shop; opening it is `isend_tui.shop.connection`.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from isend_tui.i18n import _
from isend_tui.shop.errors import ShopDsnError

#: The two databases a shop can be read from: a merchant's MySQL/MariaDB, or a SQLite file
#: (demo and test shops).
Backend = Literal["mysql", "sqlite"]

ENV_VAR = "ISEND_TUI_SHOP_DB"
_PREFIX_RE = re.compile(r"[A-Za-z0-9_]{0,32}")
_EXPECTED = (
    "mysql://utilisateur:motdepasse@hote:3306/base?prefix=ps_ ou sqlite:///chemin/boutique.sqlite3"
)


DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 300.0
MAX_TIMEOUT = 3600.0
_TIMEOUTS = ("connect_timeout", "read_timeout")


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
    # A server that goes silent must not hang a count, a send or the watcher: seconds to
    # wait for the connection, and for each read or write once connected (the longest
    # count of a big shop answers well within the default).
    connect_timeout: float = field(default=DEFAULT_CONNECT_TIMEOUT, compare=False)
    read_timeout: float = field(default=DEFAULT_READ_TIMEOUT, compare=False)

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and 1 <= value <= MAX_TIMEOUT):
                raise ShopDsnError(
                    _("{name} : un nombre de secondes entre 1 et {max} est attendu.").format(
                        name=name, max=MAX_TIMEOUT
                    ),
                    field="shop_" + name,
                )
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
        unknown = sorted(set(query) - {"prefix", *_TIMEOUTS})
        if unknown:
            raise _bad_url(url, _("paramètre inconnu « {name} »").format(name=unknown[0]))
        prefix = query.get("prefix", ["ps_"])[-1]
        timeouts: dict[str, float] = {}
        for name in _TIMEOUTS:
            if name in query:
                try:
                    timeouts[name] = float(query[name][-1])
                except ValueError:
                    raise _bad_url(url, _("{name} n'est pas un nombre").format(name=name)) from None
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
                connect_timeout=timeouts.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT),
                read_timeout=timeouts.get("read_timeout", DEFAULT_READ_TIMEOUT),
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


def mask_password(url: str) -> str:
    """`url` with everything between the user's name and the LAST @ hidden: a password
    holding @, : or / must not leak, even from an address that cannot be parsed."""
    start = url.find("://")
    at = url.rfind("@")
    if start < 0 or at < start:
        return url
    userinfo = url[start + 3 : at]
    user, colon, _secret = userinfo.partition(":")
    return url[: start + 3] + user + (":***" if colon else "") + url[at:]


def _bad_url(url: str, problem: str) -> ShopDsnError:
    masked = mask_password(url)
    return ShopDsnError(
        _(
            "Adresse de la base de la boutique invalide ({problem}) : « {url} ». "
            "Forme attendue : {expected} ({var})."
        ).format(problem=problem, url=masked, expected=_EXPECTED, var=ENV_VAR)
    )
