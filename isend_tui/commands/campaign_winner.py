"""``isend-tui campaign winner ID``: once an A/B test's delay has passed, send the winning
text (or the one the merchant names) to the recipients kept for it."""

from __future__ import annotations

import argparse
import sys

from isend_tui import formatting
from isend_tui.campaigns.draws import DEFAULT_REMAINDER_PCT
from isend_tui.campaigns.draws import TEXT_LETTERS as LETTERS
from isend_tui.commands.campaign_common import (
    ask,
    campaign_id,
    exit_code,
    print_event,
    timeout_option,
    with_client,
)
from isend_tui.commands.shop_option import add_shop_db_options, shop_dsn_from
from isend_tui.errors import UserError
from isend_tui.i18n import _


def add_ab_options(parser: argparse.ArgumentParser) -> None:
    """`campaign send`'s A/B test options."""
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar=_("TEXTE"),
        help=_(
            "test A/B : un autre texte (1 à 3 fois), chaque destinataire reçoit au hasard le "
            "message ou une variante ; les résultats sont donnés par texte"
        ),
    )
    parser.add_argument(
        "--send-time",
        action="append",
        default=[],
        metavar="AAAA-MM-JJ HH:MM",
        help=_(
            "test A/B des heures d'envoi : une heure à comparer (2 à 4 fois, heure de Paris), "
            "chaque destinataire reçoit le message à l'une d'elles tirée au hasard ; les "
            "résultats sont donnés par heure (sans --at ni --variant)"
        ),
    )
    parser.add_argument(
        "--winner-after",
        type=int,
        default=None,
        metavar=_("HEURES"),
        help=_(
            "test A/B : garder une part des destinataires (--remainder) pour le texte gagnant, "
            "envoyé avec campaign winner ID après ce délai"
        ),
    )
    parser.add_argument(
        "--remainder",
        type=int,
        default=None,
        metavar="PCT",
        help=_("avec --winner-after : part gardée pour le gagnant ({pct} %% par défaut)").format(
            pct=DEFAULT_REMAINDER_PCT
        ),
    )


def remainder_of(args: argparse.Namespace) -> int:
    """--remainder, or the core's default with --winner-after (checked with the request)."""
    from isend_tui.campaigns.validation import remainder_share

    return remainder_share(args.remainder, args.winner_after)


def register_winner(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    winner = actions.add_parser(
        "winner",
        parents=parents,
        help=_("test A/B : envoie le texte gagnant aux destinataires gardés pour lui"),
    )
    winner.add_argument("id", type=campaign_id, metavar="ID")
    winner.add_argument(
        "--text",
        choices=tuple(LETTERS),
        default=None,
        help=_("envoyer ce texte même sans gagnant significatif (votre choix)"),
    )
    winner.add_argument(
        "--yes", action="store_true", help=_("envoyer sans demander de confirmation")
    )
    add_shop_db_options(winner)
    timeout_option(winner)
    winner.set_defaults(handler=run_winner)


def run_winner(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.remainder import release_remainder
    from isend_tui.campaigns.sending import resume
    from isend_tui.context import open_context
    from isend_tui.results.lines import attribution_lines
    from isend_tui.results.winner import require_winner, winner_check

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        check = winner_check(
            ctx.store,
            args.id,
            days=ctx.settings.attribution_days,
            dsn=shop_dsn_from(args, ctx.settings),
            refresh=True,
        )
        chosen = require_winner(check, args.id, args.text)
        if check is not None and check.figures is not None:
            print("\n".join(attribution_lines(check.figures)))
        if chosen is None or check is None:
            print(_("Aucun texte envoyé : relancez plus tard, ou choisissez-en un avec --text."))
            return 1
        letter = LETTERS[chosen]
        question = _("Envoyer le texte {letter} aux {n} destinataires gardés ? [o/N]").format(
            letter=letter, n=formatting.count(check.held)
        )
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(_("Envoi du gagnant non confirmé : ajoutez --yes."), field="yes")
            if not ask(question):
                print(_("Rien n'a été envoyé."))
                return 1
        release_remainder(ctx.store, args.id, chosen)
        result = with_client(
            ctx.settings,
            args.timeout,
            lambda client: resume(ctx.store, client, args.id, ctx.settings, print_event),
        )
        return exit_code(result)
    finally:
        ctx.close()
