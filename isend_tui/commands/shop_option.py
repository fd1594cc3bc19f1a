"""The shop a command reads: `--shop-db URL` or `--shop-db-file FILE`, else
ISEND_TUI_SHOP_DB, else the saved settings.

A URL with a password in the command line stays in the shell's history and shows in the
process list to every local user: `--shop-db-file` reads it from a file instead (keep it
0600), and the environment or the saved settings avoid it altogether.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from isend_tui.errors import ConfigError
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.shop.dsn import ShopDsn


def add_shop_db_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--shop-db",
        metavar="URL",
        default=None,
        help=_(
            "base de la boutique (mysql://…?prefix=ps_ ou sqlite:///…), sinon "
            "ISEND_TUI_SHOP_DB ou les réglages ; sans mot de passe de préférence"
        ),
    )
    group.add_argument(
        "--shop-db-file",
        metavar=_("FICHIER"),
        default=None,
        help=_("lit l'adresse de la base (mot de passe compris) dans ce fichier"),
    )


def shop_url(args: argparse.Namespace) -> str | None:
    """The URL given by --shop-db or --shop-db-file, or None."""
    file = getattr(args, "shop_db_file", None)
    if file is None:
        return getattr(args, "shop_db", None)
    try:
        lines = [line.strip() for line in Path(file).read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("Impossible de lire {path} ({reason}).").format(
                path=file, reason=getattr(exc, "strerror", None) or exc
            ),
            field="shop_db_file",
        ) from None
    url = next((line for line in lines if line and not line.startswith("#")), "")
    if not url:
        raise ConfigError(
            _("{path} ne contient pas d'adresse de base (mysql://… ou sqlite:///…).").format(
                path=file
            ),
            field="shop_db_file",
        )
    return url


def shop_dsn_from(args: argparse.Namespace, settings: Settings) -> ShopDsn:
    from isend_tui.config import shop_dsn

    return shop_dsn(shop_url(args), settings)
