"""``isend-tui count SEGMENT.json`` and ``isend-tui recipients SEGMENT.json``.

Both read the shop database (``--shop-db`` URL, else the configured shop) read-only.
``count`` prints how many customers the segment holds and what becomes of each (the
breakdown); ``recipients`` writes one CSV line per recipient (number, firstname, lastname,
email, country), to a file or to stdout. ``--basis consent|customer`` applies a lawful
basis (isend_tui.segments.basis): customers without it are left out, counted as "no
consent".
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from isend_tui import formatting
from isend_tui.commands.shop_option import add_shop_db_options, shop_dsn_from
from isend_tui.exports import SafeCsvWriter, write_private_file
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.segments.basis import BasisRule
    from isend_tui.segments.counting import RecipientCount
    from isend_tui.segments.model import Segment
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.shop.dsn import ShopDsn

CSV_COLUMNS = ("number", "firstname", "lastname", "email", "country")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("date invalide : {value} (AAAA-MM-JJ attendu)").format(value=value)
        ) from None


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``count`` and ``recipients`` sub-commands."""
    count = subparsers.add_parser(
        "count",
        parents=parents,
        help=_("compter les destinataires d'un segment"),
        description=_(
            "Compte les clients d'un segment (fichier JSON, voir le README) et "
            "ce qu'il advient de chacun : destinataires, sans numéro, numéro invalide, fixe, "
            "numéro en double."
        ),
    )
    _common(count)
    _basis_option(count)
    count.add_argument("--json", action="store_true", help=_("sortie JSON"))
    where = count.add_mutually_exclusive_group()
    where.add_argument(
        "--live",
        action="store_true",
        help=_("compter sur la base de la boutique, sans sa copie locale"),
    )
    where.add_argument(
        "--copy",
        action="store_true",
        help=_(
            "compter sur la copie locale de la boutique même si elle est petite (par défaut : "
            "les grandes boutiques seulement)"
        ),
    )
    count.set_defaults(handler=run_count)

    recipients = subparsers.add_parser(
        "recipients",
        parents=parents,
        help=_("lister les destinataires d'un segment (CSV)"),
        description=_(
            "Écrit un destinataire par ligne au format CSV (number, firstname, lastname, "
            "email, country), numéro au format international sans +."
        ),
    )
    _common(recipients)
    _basis_option(recipients)
    recipients.add_argument(
        "--csv",
        metavar="FICHIER",
        default=None,
        help=_("fichier CSV à écrire (par défaut : la sortie standard)"),
    )
    recipients.set_defaults(handler=run_recipients)

    shop_copy = subparsers.add_parser(
        "shop-copy",
        parents=parents,
        help=_("construire (ou supprimer) la copie locale sur laquelle les comptages se font"),
        description=_(
            "Reconstruit maintenant la copie locale de la boutique (README, « Performance ») : "
            "à lancer la nuit depuis cron pour qu'aucun comptage n'attende la reconstruction "
            "quotidienne. --drop la supprime."
        ),
    )
    add_shop_db_options(shop_copy)
    shop_copy.add_argument("--drop", action="store_true", help=_("supprimer la copie"))
    shop_copy.set_defaults(handler=run_shop_copy, today=None)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("segment", metavar="SEGMENT.json", help=_("le fichier du segment"))
    add_shop_db_options(parser)
    parser.add_argument(
        "--today",
        metavar="AAAA-MM-JJ",
        type=_day,
        default=None,
        help=_("date du jour à utiliser (par défaut : aujourd'hui dans le fuseau de la boutique)"),
    )


def _basis_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basis",
        metavar="BASE",
        default=None,
        help=_(
            "base légale du marketing : consent (newsletter, psgdpr, consentements importés) "
            "ou customer (une commande valide dans les soft_optin_months derniers mois) ; "
            "les clients sans elle sont comptés « sans consentement » (par défaut : aucune)"
        ),
    )


@contextlib.contextmanager
def _shop(
    args: argparse.Namespace,
) -> Iterator[tuple[ShopConnection, dt.date, Collection[str], Path, BasisRule | None]]:
    """The shop (--shop-db, else ISEND_TUI_SHOP_DB, else the saved settings), today's date
    in its zone, the local suppression list (those numbers never count as recipients), the
    data dir and the --basis with the imported consents (None without --basis)."""
    from isend_tui.campaigns.suppression import suppressed_numbers
    from isend_tui.context import open_context
    from isend_tui.segments.basis import parse_basis
    from isend_tui.segments.service import basis_rule
    from isend_tui.shop.info import open_shop, today

    chosen = getattr(args, "basis", None)
    basis = None if chosen is None else parse_basis(chosen)  # before connecting: one line
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        suppressed = suppressed_numbers(ctx.store)
        dsn: ShopDsn = shop_dsn_from(args, ctx.settings)
        rule = basis_rule(ctx, basis)
    finally:
        ctx.close()
    with open_shop(dsn) as conn:
        yield conn, args.today or today(conn), suppressed, ctx.paths.data_dir, rule


def breakdown_lines(count: RecipientCount) -> list[str]:
    """The count and its breakdown, one translated label per line."""
    rows = [
        (_("Clients du segment"), count.customers),
        (_("Destinataires"), count.recipients),
        *((reason.title(), n) for reason, n in count.breakdown()),
    ]
    width = max(len(label) for label, _n in rows)
    return [f"{label.ljust(width)} : {formatting.count(n)}" for label, n in rows]


def _building_note() -> None:
    print(
        _(
            "Première fois sur cette boutique : copie locale de ce que les comptages lisent "
            "(environ une minute par million de clients ; les suivants prennent une seconde)…"
        ),
        file=sys.stderr,
        flush=True,
    )


def _warn_unknown_names(conn: ShopConnection, segment: Segment) -> list[str]:
    """Say on stderr, one line each, what the segment names that the shop does not know
    (a country "XX", a group 99): not a silent 0."""
    from isend_tui.segments.unknown_names import unknown_names

    lines = unknown_names(conn, segment)
    for line in lines:
        print(_("Attention : {warning}").format(warning=line), file=sys.stderr)
    return lines


def run_count(args: argparse.Namespace) -> int:
    from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
    from isend_tui.segments.local_copy.routing import count_segment_on
    from isend_tui.segments.segment_file import load_segment_file

    segment = load_segment_file(args.segment)
    mode = "live" if args.live else "copy" if args.copy else "auto"
    with _shop(args) as (conn, today, suppressed, data_dir, rule):
        _warn_unknown_names(conn, segment)
        copy = LocalCopy(copy_path(data_dir, conn.dsn), conn.dsn)
        count, counted_on = count_segment_on(
            conn, copy, segment, today=today, suppressed=suppressed, mode=mode, wait=True,
            on_build=_building_note, basis=rule,
        )  # fmt: skip
    if args.json:
        document = {
            "segment": segment.name,
            "today": today.isoformat(),
            "counted_on": counted_on,
            "basis": count.basis,
            "customers": count.customers,
            "recipients": count.recipients,
            "no_number": count.no_number,
            "invalid_number": count.invalid_number,
            "landline": count.landline,
            "duplicate_number": count.duplicate_number,
            "suppressed": count.suppressed,
        }
        if count.basis is not None:  # like the text: these two only with a basis
            document["no_consent"] = count.no_consent
            document["retention"] = count.retention
        print(json.dumps(document, ensure_ascii=False))
    else:
        print(_("Segment « {name} » au {day}").format(name=segment.name, day=formatting.day(today)))
        if count.basis is not None:
            print(_("Base légale : {basis}").format(basis=count.basis))
        print("\n".join(breakdown_lines(count)))
    return 0


def run_shop_copy(args: argparse.Namespace) -> int:
    import time

    from isend_tui.segments.local_copy.copy import LocalCopy, copy_path

    with _shop(args) as (conn, _today, _suppressed, data_dir, _rule):
        copy = LocalCopy(copy_path(data_dir, conn.dsn), conn.dsn)
        if args.drop:
            copy.drop()
            print(_("Copie locale supprimée : {path}").format(path=copy.path))
            return 0
        started = time.perf_counter()
        try:
            copy.build(conn)
        except (OSError, sqlite3.Error) as exc:
            from isend_tui.segments.local_copy.routing import CopyUnusable

            raise CopyUnusable(copy.path, exc) from None
    print(
        _("Copie locale construite en {seconds:.0f} s : {path}").format(
            seconds=time.perf_counter() - started, path=copy.path
        )
    )
    return 0


def _write_csv(handle: IO[str], rows: Iterator[tuple[str, ...]]) -> int:
    writer = SafeCsvWriter(handle, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def run_recipients(args: argparse.Namespace) -> int:
    from isend_tui.segments.counting import iter_recipients
    from isend_tui.segments.segment_file import load_segment_file

    segment = load_segment_file(args.segment)
    with _shop(args) as (conn, today, suppressed, _data_dir, rule):
        _warn_unknown_names(conn, segment)
        rows = (
            (r.number, r.firstname, r.lastname, r.email, r.country_iso)
            for r in iter_recipients(conn, segment, today=today, suppressed=suppressed, basis=rule)
        )
        if args.csv is None:
            _write_csv(sys.stdout, rows)
            return 0
        target = Path(args.csv)
        n = write_private_file(target, lambda handle: _write_csv(handle, rows))
    written = formatting.plural(
        n, _("{n} destinataire écrit dans {path}"), _("{n} destinataires écrits dans {path}")
    )
    print(written.format(n=formatting.count(n), path=target), file=sys.stderr)
    return 0
