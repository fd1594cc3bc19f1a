"""``isend-tui campaign resume|resolve|cancel``: after an interruption or an unknown outcome."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from isend_tui.commands.campaign_common import (
    EXIT_SENT,
    EXIT_UNCERTAIN,
    ask,
    campaign_id,
    exit_code,
    exit_codes_epilog,
    print_event,
    timeout_option,
    with_client,
)
from isend_tui.errors import UserError
from isend_tui.formatting import count, plural
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.campaigns.recovery import Resolution

DECISIONS = {"sent": "mark_sent", "resend": "resend", "check": "check"}


def register_actions(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    resume = actions.add_parser(
        "resume",
        parents=parents,
        help=_("reprend une campagne interrompue"),
        epilog=exit_codes_epilog(),
    )
    resume.add_argument("id", type=campaign_id, metavar="ID")
    timeout_option(resume)
    resume.set_defaults(handler=run_resume)

    resolve = actions.add_parser(
        "resolve",
        parents=parents,
        help=_("décide du sort d'un lot incertain, ou de tous (--all)"),
        epilog=exit_codes_epilog(),
    )
    resolve.add_argument("id", type=campaign_id, metavar="ID")
    which = resolve.add_mutually_exclusive_group(required=True)
    which.add_argument("--batch", type=campaign_id, metavar="B", help=_("numéro du lot"))
    which.add_argument(
        "--all", action="store_true", help=_("tous les lots incertains de la campagne")
    )
    resolve.add_argument(
        "--as",
        dest="decision",
        required=True,
        choices=sorted(DECISIONS),
        help=_(
            "sent : le considérer envoyé ; resend : le renvoyer ; check : vérifier dans le "
            "rapport iSendPro"
        ),
    )
    timeout_option(resolve)
    resolve.set_defaults(handler=run_resolve)

    cancel = actions.add_parser(
        "cancel", parents=parents, help=_("annule ce qui reste à envoyer d'une campagne")
    )
    cancel.add_argument("id", type=campaign_id, metavar="ID")
    cancel.add_argument("--yes", action="store_true", help=_("sans confirmation"))
    cancel.set_defaults(handler=run_cancel)


def run_resume(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.service import resume
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        result = with_client(
            ctx.settings,
            args.timeout,
            lambda client: resume(ctx.store, client, args.id, ctx.settings, print_event),
        )
        return exit_code(result)
    finally:
        ctx.close()


def run_cancel(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.cancel import cancel_campaign, cancelled_line
    from isend_tui.context import open_context

    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                _("Annulation de la campagne {id} non confirmée : ajoutez --yes.").format(
                    id=args.id
                )
            )
        if not ask(
            _("Annuler ce qui reste à envoyer de la campagne {id} ? [o/N]").format(id=args.id)
        ):
            print(_("Rien n'a été annulé."))
            return 1
    ctx = open_context(getattr(args, "data_dir", None))
    try:
        cancelled = cancel_campaign(ctx.store, args.id)
    finally:
        ctx.close()
    print(cancelled_line(args.id, cancelled))
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.errors import CampaignStateError
    from isend_tui.campaigns.service import (
        campaign_detail,
        resolve_batch,
        resolve_campaign,
        uncertain_batches,
    )
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        decision = DECISIONS[args.decision]
        batches = {b.id for b in uncertain_batches(ctx.store, args.id)}
        if args.all:
            campaign_detail(ctx.store, args.id)  # CampaignNotFound for a wrong id
            if not batches:
                print(_("La campagne {id} n'a aucun lot incertain.").format(id=args.id))
                return EXIT_SENT
            resolutions: list[Resolution] = with_client(
                ctx.settings,
                args.timeout,
                lambda client: resolve_campaign(
                    ctx.store, client, args.id, decision, on_event=print_event
                ),
            )
        else:
            if args.batch not in batches:
                raise CampaignStateError(
                    _(
                        "Le lot {batch} n'est pas un lot incertain de la campagne {id} : "
                        "« campaign show {id} » les liste."
                    ).format(batch=args.batch, id=args.id)
                )
            resolutions = [
                with_client(
                    ctx.settings,
                    args.timeout,
                    lambda client: resolve_batch(
                        ctx.store, client, args.batch, decision, on_event=print_event
                    ),
                )
            ]
        return _report(resolutions, args.id)
    finally:
        ctx.close()


def _report(resolutions: list[Resolution], campaign: int) -> int:
    to_send = sum(r.to_send for r in resolutions)
    doubtful = sum(len(r.still_uncertain) for r in resolutions)
    if to_send:
        print(
            _("{n} SMS à envoyer : lancez « campaign resume {id} ».").format(n=to_send, id=campaign)
        )
    if doubtful:
        print(
            plural(
                doubtful,
                _(
                    "{n} destinataire toujours incertain : choisissez « campaign resolve {id} "
                    "--all --as sent » ou « --as resend »."
                ),
                _(
                    "{n} destinataires toujours incertains : choisissez « campaign resolve {id} "
                    "--all --as sent » ou « --as resend »."
                ),
            ).format(n=count(doubtful), id=campaign)
        )
        return EXIT_UNCERTAIN
    return EXIT_SENT
