"""``isend-tui campaign send|export|list|show``: marketing campaigns (resume, resolve and
cancel are in campaign_settle.py, what they share in campaign_common.py)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isend_tui import formatting
from isend_tui.campaigns.model import RecipientState
from isend_tui.commands import campaign_moments as moments
from isend_tui.commands import campaign_winner as ab
from isend_tui.commands.campaign_common import (
    ask,
    campaign_id,
    exit_code,
    exit_codes_epilog,
    print_event,
    timeout_option,
    with_client,
)
from isend_tui.commands.campaign_delivery import (
    DELIVERY_STATES,
    current_counts,
    delivery_filter,
    delivery_line,
    print_delivery_recipients,
    register_receipts,
)
from isend_tui.commands.campaign_proof import register_proof
from isend_tui.commands.campaign_settle import register_actions
from isend_tui.commands.shop_option import add_shop_db_options, shop_dsn_from
from isend_tui.delivery.states import DeliveryFilter
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import parse_basis

if TYPE_CHECKING:
    from isend_tui.campaigns.flow import Schedule, Send
    from isend_tui.store import Store


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Add the ``campaign`` sub-command."""
    campaign = subparsers.add_parser(
        "campaign", parents=parents, help=_("campagnes SMS marketing : envoi, suivi, reprise")
    )
    actions = campaign.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)

    send = actions.add_parser(
        "send",
        parents=parents,
        help=_("envoie une campagne à un segment (résumé et confirmation d'abord)"),
        epilog=exit_codes_epilog(),
    )
    send.add_argument("segment", metavar="SEGMENT.json", help=_("fichier du segment"))
    text = send.add_mutually_exclusive_group(required=True)
    text.add_argument("--message", default=None, help=_("texte du SMS"))
    text.add_argument(
        "--message-file", default=None, metavar="FICHIER", help=_("fichier du texte (UTF-8)")
    )
    send.add_argument("--sender", default=None, help=_("émetteur (sinon celui des réglages)"))
    send.add_argument(
        "--at",
        default=None,
        metavar="AAAA-MM-JJ HH:MM",
        help=_("programmer l'envoi (heure de Paris)"),
    )
    send.add_argument("--label", default="", help=_("nom de la campagne"))
    _basis_option(send)
    send.add_argument(
        "--ignore-cap",
        action="store_true",
        help=_(
            "envoyer aussi aux numéros qui ont atteint le plafond de fréquence (cap_per_day, "
            "cap_per_30_days) ; le résumé dit combien, la confirmation reste demandée"
        ),
    )
    send.add_argument(
        "--holdout",
        type=int,
        default=0,
        metavar="PCT",
        help=_(
            "garder au hasard PCT %% des destinataires sans SMS (groupe témoin, 0 à 50) : "
            "le rapport mesure alors ce que la campagne a ajouté"
        ),
    )
    ab.add_ab_options(send)
    send.add_argument("--yes", action="store_true", help=_("envoyer sans demander de confirmation"))
    add_shop_db_options(send)
    timeout_option(send)
    send.set_defaults(handler=run_send)

    export = actions.add_parser(
        "export", parents=parents, help=_("exporte un segment vers un répertoire iSendPro")
    )
    export.add_argument("segment", metavar="SEGMENT.json", help=_("fichier du segment"))
    export.add_argument("--name", required=True, help=_("nom du répertoire à créer"))
    _basis_option(export)
    add_shop_db_options(export)
    timeout_option(export)
    export.set_defaults(handler=run_export)

    listing = actions.add_parser("list", parents=parents, help=_("liste les campagnes"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON"))
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", parents=parents, help=_("détail d'une campagne"))
    show.add_argument("id", type=campaign_id, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("sortie JSON"))
    add_shop_db_options(show)
    show.add_argument(
        "--csv", default=None, metavar="FICHIER", help=_("écrit le résultat par destinataire")
    )
    show.add_argument(
        "--recipients",
        action="store_true",
        help=_("liste les destinataires (numéro, nom, état, code, détail)"),
    )
    show.add_argument(
        "--state",
        choices=(*(s.value for s in RecipientState), *DELIVERY_STATES),
        default=None,
        help=_("avec --recipients : seulement cet état (d'envoi, ou de remise : delivered…)"),
    )
    show.add_argument(
        "--delivery",
        choices=[f.value for f in DeliveryFilter],
        default=None,
        help=_("avec --recipients : les SMS acceptés dans cet état de remise"),
    )
    show.add_argument(
        "--search",
        default=None,
        metavar=_("TEXTE"),
        help=_("avec --recipients : un numéro (06…, +33…) ou un nom, même en partie"),
    )
    show.set_defaults(handler=run_show)

    register_actions(actions, parents)
    register_proof(actions, parents)
    ab.register_winner(actions, parents)
    register_receipts(actions, parents)


# --------------------------------------------------------------------------- helpers


def _basis_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basis",
        metavar="BASE",
        default="consent",
        help=_(
            "base légale de chaque destinataire, gardée en preuve avec la campagne : consent "
            "(newsletter, psgdpr, consentements importés ; par défaut) ou customer (une "
            "commande valide dans les soft_optin_months derniers mois)"
        ),
    )


MAX_MESSAGE_FILE = 64 * 1024
"""Bytes read from --message-file at most: 6 SMS are under 1,000 characters."""


def _read_message(args: argparse.Namespace) -> str:
    if args.message is not None:
        return str(args.message)
    path = Path(args.message_file)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MESSAGE_FILE + 1)
        if len(raw) > MAX_MESSAGE_FILE:
            raise UserError(
                _(
                    "Le fichier du message {path} fait plus de {size} Ko : un SMS de campagne "
                    "fait au plus 6 parties (moins de 1 000 caractères). Donnez le fichier du "
                    "texte seul."
                ).format(path=path, size=MAX_MESSAGE_FILE // 1024),
                field="message",
            )
        return raw.decode("utf-8-sig").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            _("Impossible de lire le fichier du message {path} ({reason}).").format(
                path=path, reason=getattr(exc, "strerror", None) or exc
            ),
            field="message",
        ) from None


def _prepare(args: argparse.Namespace, ctx: Any, request: Any) -> int:
    from isend_tui.campaigns.service import prepare_from_shop
    from isend_tui.campaigns.suppression import AccountReader
    from isend_tui.segments.segment_file import load_segment_file

    segment = load_segment_file(args.segment)
    dsn = shop_dsn_from(args, ctx.settings)
    return prepare_from_shop(
        ctx.store,
        dsn,
        segment,
        request,
        settings=ctx.settings,
        on_event=print_event,
        blacklist=AccountReader(ctx.settings),
    )


# --------------------------------------------------------------------------- handlers


def run_send(args: argparse.Namespace) -> int:
    from isend_tui.campaigns import flow, service
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        settings = ctx.settings
        at = moments.scheduled_at(args)
        request = service.CampaignRequest(
            message=_read_message(args),
            sender=args.sender or "",
            label=args.label,
            scheduled_for=at,
            basis=parse_basis(args.basis),
            ignore_cap=args.ignore_cap,
            holdout_pct=args.holdout,
            variants=tuple(args.variant),
            remainder_pct=ab.remainder_of(args),
            winner_after_hours=args.winner_after,
            send_times=moments.send_times(args),
        )
        service.validate_request(request, settings)
        with flow.Draft(ctx.store, _prepare(args, ctx, request)) as draft:
            credit = with_client(settings, args.timeout, lambda client: client.credit())
            plan = service.plan_campaign(
                ctx.store, draft.campaign_id, settings=settings, credit=credit
            )
            print("\n".join(plan.lines), flush=True)
            decision = flow.decide(plan)
            if isinstance(decision, flow.Refuse):
                raise decision.error
            if not _agreed(args, decision):
                print(_("Envoi abandonné : rien n'a été envoyé."))
                return 1
            campaign_id = draft.accept(decision, settings=settings)
        try:
            result = with_client(
                settings,
                args.timeout,
                lambda client: service.dispatch(
                    ctx.store, client, campaign_id, settings, print_event
                ),
            )
        except service.SendNotStarted:
            raise  # kept, confirmed: `campaign resume` sends it
        except UserError:
            # Refused before its first SMS (credit spent meanwhile, keyid): nothing went
            # out, and a draft nobody can resume is not left behind.
            with contextlib.suppress(UserError):
                service.discard_draft(ctx.store, campaign_id)
            raise
        return exit_code(result)
    finally:
        ctx.close()


def _agreed(args: argparse.Namespace, decision: Send | Schedule) -> bool:
    """The merchant's answer: --yes, or a question on a terminal; raises when nobody can
    answer (nothing sent)."""
    from isend_tui.campaigns import flow, service

    interactive = sys.stdin.isatty()
    if isinstance(decision, flow.Schedule):
        slot = decision.slot
        if args.yes or not interactive:
            raise service.OutsideSendingWindow(
                _(
                    'Hors de la plage d\'envoi : relancez avec --at "{slot}" pour '
                    "programmer l'envoi au prochain créneau."
                ).format(slot=slot.strftime("%Y-%m-%d %H:%M")),
                slot,
            )
        return ask(_("Programmer l'envoi au {slot} ? [o/N]").format(slot=formatting.moment(slot)))
    if args.yes:
        return True
    if not interactive:
        raise UserError(
            _(
                "Confirmation nécessaire : relancez avec --yes pour envoyer sans "
                "question (rien n'a été envoyé)."
            ),
            field="yes",
        )
    return ask(_("Confirmer l'envoi ? [o/N]"))


def run_export(args: argparse.Namespace) -> int:
    from isend_tui.campaigns import service
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        request = service.CampaignRequest(
            kind=service.CampaignKind.EXPORT,
            directory_name=args.name,
            label="",
            basis=parse_basis(args.basis),
        )
        campaign_id = _prepare(args, ctx, request)
        result = with_client(
            ctx.settings,
            args.timeout,
            lambda client: service.export_directory(
                ctx.store, client, campaign_id, ctx.settings, print_event
            ),
        )
        for number, code, message in result.failures[:50]:
            print(
                _("Non ajouté : {number} (code {code} : {message})").format(
                    number=number, code=code, message=message
                )
            )
        return 0 if result.error is None else 1
    finally:
        ctx.close()


def run_list(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.model import CampaignState
    from isend_tui.campaigns.service import close_interrupted_preparations, list_campaigns
    from isend_tui.context import open_context

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        close_interrupted_preparations(ctx.store)
        campaigns = list_campaigns(ctx.store)
    finally:
        ctx.close()
    if args.json:
        print(json.dumps([c.as_dict() for c in campaigns], ensure_ascii=False, indent=2))
        return 0
    if not campaigns:
        print(_("Aucune campagne."))
        return 0
    for c in campaigns:
        print(
            _(
                "{id:>5}  {created}  {state:<22} {label}  — {sent}, {refused}, {uncertain}, "
                "{pending} en attente"
            ).format_map(
                {
                    **c.as_dict(),
                    "created": formatting.stored_moment(c.created_at),
                    "state": CampaignState(c.state).label(),
                    "sent": formatting.counted(c.sent, _("{n} envoyé"), _("{n} envoyés")),
                    "refused": formatting.counted(c.refused, _("{n} refusé"), _("{n} refusés")),
                    "uncertain": formatting.counted(
                        c.uncertain, _("{n} incertain"), _("{n} incertains")
                    ),
                    "pending": formatting.count(c.pending),
                }
            )
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.model import CampaignState
    from isend_tui.campaigns.send_times import describe as describe_send_times
    from isend_tui.campaigns.service import (
        campaign_detail,
        campaign_events,
        campaign_results_csv,
        summary_lines,
    )
    from isend_tui.commands.report import campaign_attribution
    from isend_tui.context import open_context
    from isend_tui.results.lines import attribution_lines

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        detail = campaign_detail(ctx.store, args.id)
        delivery = current_counts(ctx.store, ctx.settings, args.id)
        if args.recipients:
            chosen = delivery_filter(args)
            if chosen is not None:
                return print_delivery_recipients(ctx.store, args.id, chosen, args.search)
            return _print_recipients(ctx.store, args)
        events = campaign_events(ctx.store, args.id, limit=30)
        attribution = campaign_attribution(args, ctx, args.id)
        if args.csv:
            n = campaign_results_csv(ctx.store, args.id, args.csv)
            written = formatting.plural(
                n, _("{n} ligne écrite dans {path}."), _("{n} lignes écrites dans {path}.")
            )
            print(written.format(n=formatting.count(n), path=args.csv))
    finally:
        ctx.close()
    s = detail.summary
    if args.json:
        data = {
            **s.as_dict(),
            "message": detail.message,
            "sender": detail.sender,
            "by_state": dict(detail.by_state),
            "excluded": dict(detail.excluded),
            "directory_id": detail.directory_id,
            "delivery": delivery.as_dict(),
            "uncertain_batches": [
                {"id": b.id, "size": b.size, "uncertain": b.uncertain_numbers, "error": b.error}
                for b in detail.uncertain_batches
            ],
            "send_times": list(detail.send_times),
            "attribution": None if attribution is None else attribution.as_dict(),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(
        _("Campagne {id} « {label} » : {state}").format(
            id=s.id, label=s.label, state=CampaignState(s.state).label()
        )
    )
    if detail.message:
        print(_("Message : {text}").format(text=detail.message))
    if detail.send_times:
        print(describe_send_times(detail.send_times))
    elif s.scheduled_for:
        print(
            _("Programmée le {at} (heure de Paris)").format(
                at=formatting.stored_moment(s.scheduled_for)
            )
        )
    print("\n".join(summary_lines(s)))
    if delivery.accepted:
        print(delivery_line(delivery))
    if s.error:
        print(_("Raison : {reason}").format(reason=s.error))
    for batch in detail.uncertain_batches:
        print(
            _(
                "Lot incertain {batch} : {n} SMS ({error}). Choisissez : campaign resolve {id} "
                "--batch {batch} --as sent|resend|check"
            ).format(
                batch=batch.id,
                n=formatting.count(batch.uncertain_numbers),
                error=batch.error or "?",
                id=s.id,
            )
        )
    if attribution is not None:
        print("\n".join(attribution_lines(attribution)))
    for event in events:
        print(event.line())
    return 0


def _print_recipients(store: Store, args: argparse.Namespace) -> int:
    """Every recipient matching --state/--search, one line each, a page at a time."""
    from isend_tui.campaigns.model import RecipientState
    from isend_tui.campaigns.service import campaign_recipients

    page, offset, found = 1000, 0, 0
    while True:
        rows = campaign_recipients(
            store, args.id, state=args.state, search=args.search, limit=page, offset=offset
        )
        for row in rows:
            name = f"{row['firstname']} {row['lastname']}".strip()
            state = RecipientState(str(row["state"])).label()
            fields = (row["number"], name, state, row["code"] or "", row["detail"] or "")
            print("\t".join(str(f) for f in fields))
        found += len(rows)
        if len(rows) < page:
            break
        offset += page
    if not found:
        print(_("Aucun destinataire ne correspond."), file=sys.stderr)
    return 0
