"""The errors of the shop database, each naming the cause and the fix for the merchant, and
how the MySQL/MariaDB and SQLite drivers' errors map to them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Protocol

from isend_tui.errors import ConfigError, UserError
from isend_tui.i18n import _

#: The settings field the errors point at.
FIELD = "shop_db"


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


class Server(Protocol):
    """What the messages say about a MySQL server (a ShopDsn)."""

    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def user(self) -> str: ...
    @property
    def database(self) -> str: ...


def _interrupted() -> ShopQueryInterrupted:
    return ShopQueryInterrupted(_("Requête interrompue : une plus récente l'a remplacée."))


def _missing_table(detail: str) -> ShopSchemaError:
    return ShopSchemaError(
        _(
            "Table manquante dans la base de la boutique ({detail}) : vérifiez le préfixe "
            "des tables et la version de PrestaShop."
        ).format(detail=detail)
    )


def _missing_column(detail: str) -> ShopSchemaError:
    return ShopSchemaError(
        _(
            "Colonne manquante dans la base de la boutique ({detail}) : cette version de "
            "PrestaShop n'est peut-être pas prise en charge."
        ).format(detail=detail)
    )


def mysql_error(exc: Exception, server: Server) -> ShopError:
    """Map a pymysql error to the user-facing error naming the cause and the fix."""
    code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else 0
    detail = str(exc.args[1]) if len(exc.args) > 1 else str(exc)
    where = f"{server.host}:{server.port}"
    if code == 1317:  # ER_QUERY_INTERRUPTED: KILL QUERY from `interrupt`
        return _interrupted()
    if code in (2003, 2013, 2006) and "timed out" in detail:
        return ShopUnreachable(
            _(
                "Le serveur MySQL {where} ne répond plus (délai d'attente dépassé) : il est "
                "peut-être surchargé ou injoignable. Rien n'a été modifié ; réessayez, ou "
                "allongez le délai (réglage shop_read_timeout)."
            ).format(where=where)
        )
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
            ).format(user=server.user, where=where, db=server.database)
        )
    if code == 1049:
        return ShopUnknownDatabase(
            _(
                "La base « {db} » n'existe pas sur {where} : vérifiez son nom (celui de "
                "la configuration de PrestaShop, database_name)."
            ).format(db=server.database, where=where)
        )
    if code == 1146:
        return _missing_table(detail)
    if code == 1054:
        return _missing_column(detail)
    if code in (1142, 1143):
        return ShopAccessDenied(
            _(
                "Droits insuffisants pour l'utilisateur « {user} » ({detail}) : accordez-lui "
                "SELECT sur la base « {db} »."
            ).format(user=server.user, detail=detail, db=server.database)
        )
    return ShopQueryError(
        _("Erreur de la base de la boutique ({code}) : {detail}").format(code=code, detail=detail)
    )


def sqlite_error(exc: sqlite3.Error) -> ShopError:
    """Map an sqlite3 error to the same family."""
    text = str(exc)
    if text == "interrupted":
        return _interrupted()
    if text.startswith("no such table"):
        return _missing_table(text)
    if text.startswith("no such column"):
        return _missing_column(text)
    return ShopQueryError(_("Erreur de la base de la boutique : {detail}").format(detail=text))
