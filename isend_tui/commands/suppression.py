"""``isend-tui suppression add|remove|list|import``: numbers that never receive marketing."""

from __future__ import annotations

import argparse
import asyncio
import json

from isend_tui.i18n import _


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``suppression`` sub-command."""
    parser = subparsers.add_parser(
        "suppression",
        parents=parents,
        help=_("liste d'exclusion : numéros qui ne reçoivent jamais de marketing"),
    )
    actions = parser.add_subparsers(dest="suppression_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=parents, help=_("ajoute un numéro"))
    add.add_argument("number", metavar="NUMERO")
    add.add_argument("--note", default="", help=_("remarque (origine de la demande…)"))
    add.set_defaults(handler=run_add)
    remove = actions.add_parser("remove", parents=parents, help=_("retire un numéro"))
    remove.add_argument("number", metavar="NUMERO")
    remove.set_defaults(handler=run_remove)
    listing = actions.add_parser("list", parents=parents, help=_("affiche la liste"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON"))
    listing.set_defaults(handler=run_list)
    imported = actions.add_parser(
        "import", parents=parents, help=_("importe la liste noire du compte iSendPro")
    )
    imported.set_defaults(handler=run_import)


def run_add(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import add_manual
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        number = add_manual(ctx.store, args.number, note=args.note)
    finally:
        ctx.close()
    print(_("{number} ajouté à la liste d'exclusion.").format(number=number))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import remove
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        number = remove(ctx.store, args.number)
    finally:
        ctx.close()
    print(_("{number} retiré de la liste d'exclusion.").format(number=number))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import list_entries, source_label
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        entries = list_entries(ctx.store)
    finally:
        ctx.close()
    if args.json:
        print(
            json.dumps(
                [
                    {"number": e.number, "source": e.source, "note": e.note, "added_at": e.added_at}
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not entries:
        print(_("La liste d'exclusion est vide."))
    for e in entries:
        note = f" — {e.note}" if e.note else ""
        print(f"{e.number}  {e.added_at[:10]}  {source_label(e.source)}{note}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import import_blacklist
    from isend_tui.context import open_context
    from isend_tui.gateway.client import IsendClient

    ctx = open_context(getattr(args, "data_dir", None))

    async def work() -> str:
        async with IsendClient(ctx.settings.keyid, ctx.settings.gateway_url) as client:
            result = await import_blacklist(ctx.store, client)
        return result.message()

    try:
        print(asyncio.run(work()))
    finally:
        ctx.close()
    return 0
