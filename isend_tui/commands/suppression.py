"""``isend-tui suppression add|remove|list|import|push|history``: numbers that never
receive marketing. Every command that changes the list (and `push`) also pushes the manual
changes still waiting for the account's blacklist; `list` reads the store only."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING

from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.context import AppContext


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
    remove.add_argument("--note", default="", help=_("remarque (qui a demandé le retrait…)"))
    remove.set_defaults(handler=run_remove)
    listing = actions.add_parser("list", parents=parents, help=_("affiche la liste"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON"))
    listing.set_defaults(handler=run_list)
    imported = actions.add_parser(
        "import", parents=parents, help=_("importe la liste noire du compte iSendPro")
    )
    imported.set_defaults(handler=run_import)
    push = actions.add_parser(
        "push",
        parents=parents,
        help=_("envoie à la liste noire iSendPro les ajouts et retraits en attente"),
    )
    push.set_defaults(handler=run_push)
    history = actions.add_parser(
        "history",
        parents=parents,
        help=_("journal des ajouts et retraits (preuve d'opposition, gardé 3 ans)"),
    )
    history.add_argument("number", metavar="NUMERO", nargs="?")
    history.add_argument("--json", action="store_true", help=_("sortie JSON"))
    history.set_defaults(handler=run_history)


def _push(ctx: AppContext) -> str | None:
    """Push what waits for the account's blacklist: the line to print (None: nothing)."""
    from isend_tui.campaigns.blacklist_outbox import open_count
    from isend_tui.campaigns.suppression import push_changes
    from isend_tui.errors import UserError
    from isend_tui.gateway.client import IsendClient

    if not open_count(ctx.store):
        return None

    async def work() -> str | None:
        async with IsendClient(ctx.settings.keyid, ctx.settings.gateway_url) as client:
            return (await push_changes(ctx.store, client)).line()

    try:
        return asyncio.run(work())
    except UserError as exc:  # no keyid yet: the changes wait for it
        return _("Liste noire iSendPro : envoi en attente ({reason}).").format(reason=exc.message)


def run_add(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import actor, add_manual
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        number = add_manual(ctx.store, args.number, note=args.note, by=actor("cli"))
        print(_("{number} ajouté à la liste d'exclusion.").format(number=number), flush=True)
        pushed = _push(ctx)
    finally:
        ctx.close()
    if pushed:
        print(pushed)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import actor, remove
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        number = remove(ctx.store, args.number, note=args.note, by=actor("cli"))
        print(_("{number} retiré de la liste d'exclusion.").format(number=number), flush=True)
        pushed = _push(ctx)
    finally:
        ctx.close()
    if pushed:
        print(pushed)
    return 0


def _push_json(push: object) -> dict[str, object] | None:
    from isend_tui.campaigns.blacklist_outbox import PushStatus

    if not isinstance(push, PushStatus):
        return None
    return {"state": push.state, "reason": push.reason, "attempts": push.attempts, "at": push.at}


def run_list(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import list_entries, source_label, withdrawals
    from isend_tui.context import open_context
    from isend_tui.health.chores import last_import_line

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        entries = list_entries(ctx.store)
        withdrawn = withdrawals(ctx.store)
        last_import = last_import_line(ctx.store)
    finally:
        ctx.close()
    if args.json:
        print(
            json.dumps(
                {
                    "numbers": [
                        {
                            "number": e.number,
                            "source": e.source,
                            "note": e.note,
                            "added_at": e.added_at,
                            "added_by": e.added_by,
                            "push": _push_json(e.push),
                        }
                        for e in entries
                    ],
                    "withdrawals_not_pushed": [
                        {"number": w.number, "push": _push_json(w)} for w in withdrawn
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not entries:
        print(_("La liste d'exclusion est vide."))
    for e in entries:
        note = f" — {e.note}" if e.note else ""
        push = f" [{e.push.label()}]" if e.push is not None else ""
        print(f"{e.number}  {e.added_at[:10]}  {source_label(e.source)}{note}{push}")
    if withdrawn:
        print(_("Retirés à la main, pas encore retirés de la liste noire iSendPro :"))
        for w in withdrawn:
            print(f"{w.number}  [{w.label()}]")
    if last_import:
        print(last_import)
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


def run_push(args: argparse.Namespace) -> int:
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        line = _push(ctx)
    finally:
        ctx.close()
    print(line or _("Rien à envoyer à la liste noire iSendPro."))
    return 0


def run_history(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.suppression import journal, source_label
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        lines = journal(ctx.store, args.number)
    finally:
        ctx.close()
    if args.json:
        print(json.dumps([vars(line) for line in lines], ensure_ascii=False, indent=2))
        return 0
    if not lines:
        print(_("Aucune trace dans le journal de la liste d'exclusion."))
    for line in lines:
        what = _("ajouté") if line.action == "added" else _("retiré")
        who = f" ({line.actor})" if line.actor else ""
        note = f" — {line.note}" if line.note else ""
        print(f"{line.at}  {line.number}  {what}  {source_label(line.source)}{who}{note}")
    return 0
