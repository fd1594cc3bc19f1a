"""``isend-tui demo-shop``: write a deterministic demo PrestaShop shop (SQLite or MariaDB)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from isend_tui import formatting
from isend_tui.errors import UserError
from isend_tui.i18n import _

VERSIONS = ("1.6", "1.7", "8", "9")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("nombre entier attendu")) from None
    if number < 0:
        raise argparse.ArgumentTypeError(_("nombre positif attendu"))
    return number


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``demo-shop`` sub-command."""
    parser = subparsers.add_parser(
        "demo-shop",
        parents=parents,
        help=_("créer une boutique PrestaShop de démonstration (SQLite ou MariaDB)"),
        description=_(
            "Écrit une boutique de démonstration reproductible : clients, adresses, "
            "commandes et leur historique. La même graine donne les mêmes données."
        ),
    )
    parser.add_argument(
        "--customers", type=_positive, required=True, metavar="N", help=_("nombre de clients")
    )
    parser.add_argument("--seed", type=int, default=42, help=_("graine (42 par défaut)"))
    parser.add_argument(
        "--version",
        "--ps-version",
        dest="ps_version",
        choices=VERSIONS,
        default="8",
        help=_("version de PrestaShop imitée (8 par défaut)"),
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", metavar="PATH", help=_("fichier SQLite à créer"))
    target.add_argument(
        "--mysql",
        metavar="URL",
        help=_("base MySQL/MariaDB existante : mysql://utilisateur:motdepasse@hote:3306/base"),
    )
    parser.add_argument(
        "--prefix", default=None, help=_("préfixe des tables (ps_ par défaut, ou celui de l'URL)")
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=_("remplace une boutique existante (supprime seulement les tables qu'il crée)"),
    )
    parser.set_defaults(handler=run_demo_shop)


def run_demo_shop(args: argparse.Namespace) -> int:
    from isend_tui.demo.build import DemoTargetNotEmpty, generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    if args.sqlite:
        path = Path(args.sqlite).expanduser().resolve()
        dsn = ShopDsn.sqlite(path, prefix=args.prefix if args.prefix is not None else "ps_")
        if path.exists() and not args.replace:
            raise DemoTargetNotEmpty(
                _(
                    "Le fichier {path} existe déjà : choisissez un autre chemin ou ajoutez "
                    "--replace pour le remplacer."
                ).format(path=path),
                field="sqlite",
            )
    else:
        dsn = ShopDsn.from_url(args.mysql)
        if dsn.kind != "mysql":
            raise UserError(
                _("--mysql attend une URL mysql://… ; pour un fichier, utilisez --sqlite."),
                field="mysql",
            )
        if args.prefix is not None:
            dsn = dsn.with_prefix(args.prefix)

    last = [-1]

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total == 0:
            return
        percent = done * 100 // total
        if percent != last[0]:
            last[0] = percent
            print(f"\r{percent:3d} %", end="", file=sys.stderr, flush=True)

    summary = generate_demo_shop(
        dsn,
        customers=args.customers,
        seed=args.seed,
        version=args.ps_version,
        progress=progress,
        replace=args.replace,
    )
    if last[0] >= 0:
        print("\r", end="", file=sys.stderr)
    print(
        _(
            "Boutique de démonstration PrestaShop {version} écrite dans {target} : "
            "{customers} clients, {addresses} adresses, {orders} commandes "
            "({history} changements d'état) en {seconds} s."
        ).format(
            version=summary.version,
            target=dsn.url(),
            customers=formatting.count(summary.customers),
            addresses=formatting.count(summary.addresses),
            orders=formatting.count(summary.orders),
            history=formatting.count(summary.order_history),
            seconds=formatting.decimal_number(summary.seconds, 1),
        )
    )
    return 0
