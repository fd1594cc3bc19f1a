"""``isend-tui notifications resolve``: settle uncertain notifications by hand.

`--as check` (the default) reads iSendPro's report: listed, the SMS was sent; missing
(and old enough for the report to list it), it is queued again and the watcher sends it.
`--as sent` and `--as resend` record the merchant's own decision after checking.
Exit 0 when none of those asked for stays uncertain, 4 when some do (the line says why).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from isend_tui.context import AppContext, open_context
from isend_tui.errors import UserError
from isend_tui.i18n import _

STILL_UNCERTAIN = 4  # as for campaigns: some are uncertain


def register(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    positive: Callable[[str], int],
) -> None:
    resolve = actions.add_parser(
        "resolve",
        parents=parents,
        help=_("règle les notifications incertaines (d'après le rapport iSendPro)"),
        epilog=_(
            "Code de sortie : 0 si plus aucune n'est incertaine, 4 s'il en reste (la ligne "
            "dit pourquoi)."
        ),
    )
    resolve.add_argument(
        "ids", nargs="*", type=positive, metavar="ID", help=_("numéros des notifications")
    )
    resolve.add_argument(
        "--all", action="store_true", help=_("toutes les notifications incertaines")
    )
    resolve.add_argument(
        "--as",
        dest="how",
        choices=["check", "sent", "resend"],
        default="check",
        help=_(
            "check : d'après le rapport iSendPro (par défaut) ; sent : marquer envoyées ; "
            "resend : renvoyer"
        ),
    )
    resolve.set_defaults(handler=run_resolve)


def run_resolve(args: argparse.Namespace) -> int:
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        return _resolve(ctx, args)
    finally:
        ctx.close()


def _resolve(ctx: AppContext, args: argparse.Namespace) -> int:
    from isend_tui.notifications.settle import Settle, settle_now, uncertain_ids

    if args.all and args.ids:
        raise UserError(_("Donnez des numéros ou --all, pas les deux."))
    ids = uncertain_ids(ctx.store) if args.all else list(dict.fromkeys(args.ids))
    if not args.all and not ids:
        raise UserError(
            _("Quelles notifications ? Donnez leurs numéros (notifications log) ou --all.")
        )
    if not ids:
        print(_("Aucune notification incertaine."))
        return 0
    outcome = settle_now(ctx.store, ctx.settings, ids, Settle(args.how))
    print(outcome.line())
    if outcome.undecided:
        print(
            _("Toujours incertaines : {ids}").format(
                ids=", ".join(f"n°{i}" for i in outcome.undecided)
            )
        )
        return STILL_UNCERTAIN
    return 0
