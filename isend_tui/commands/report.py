"""``isend-tui report``: SMS sent, delivery and attributed revenue per campaign and per
day (results/report.py, the same figures as the dashboard)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

from isend_tui import formatting
from isend_tui.commands.campaign_common import timeout_option, with_client
from isend_tui.commands.shop_option import add_shop_db_options, shop_url
from isend_tui.errors import UserError
from isend_tui.i18n import _

if TYPE_CHECKING:
    from decimal import Decimal

    from isend_tui.config import Settings
    from isend_tui.context import AppContext
    from isend_tui.results.figures import Attribution
    from isend_tui.results.messages import MessageFigures
    from isend_tui.results.report import Report


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("date « {value} » illisible : format AAAA-MM-JJ").format(value=text)
        ) from None


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    report = subparsers.add_parser(
        "report",
        parents=parents,
        help=_("SMS envoyés, livraison et chiffre d'affaires attribué, par campagne et par jour"),
    )
    report.add_argument(
        "--since", type=_day, default=None, metavar="AAAA-MM-JJ", help=_("à partir de ce jour")
    )
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("sortie JSON"))
    output.add_argument(
        "--csv",
        action="store_true",
        help=_("sortie CSV (une ligne par campagne, automatisation et règle de notification)"),
    )
    report.add_argument(
        "--offline",
        action="store_true",
        help=_("sans lire la boutique ni iSendPro : les chiffres gardés du dernier calcul"),
    )
    add_shop_db_options(report)
    timeout_option(report)
    report.set_defaults(handler=run_report)


def _credit(settings: Settings, timeout: float | None) -> Decimal | None:
    """The credit left, or None when iSendPro cannot tell (said on stderr)."""
    if not settings.keyid:
        return None
    try:
        credit: Decimal = with_client(settings, timeout, lambda client: client.credit_euros())
        return credit
    except UserError as exc:
        print(_("Crédit inconnu : {reason}").format(reason=exc.message), file=sys.stderr)
        return None


def run_report(args: argparse.Namespace) -> int:
    from isend_tui.config import shop_dsn
    from isend_tui.context import open_context
    from isend_tui.results.report import build_report

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        settings = ctx.settings
        dsn = None
        if not args.offline:
            with contextlib.suppress(UserError):
                dsn = shop_dsn(shop_url(args), settings)
        credit = None if args.offline else _credit(settings, args.timeout)
        report = build_report(
            ctx.store,
            days=settings.attribution_days,
            dsn=dsn,
            since=args.since,
            credit=credit,
        )
    finally:
        ctx.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif args.csv:
        _print_csv(report)
    else:
        _print_text(report)
    return 0


CSV_HEADER = (
    "kind", "id", "label", "day", "sms", "delivery_rate", "stop_rate", "orders", "buyers",
    "revenue", "cost", "window_open", "currency", "conversion_rate",
)  # fmt: skip
"""`report --csv`'s columns: one line per campaign, automation flow and notification rule
(`kind`), the same figures in the same columns, empty where they do not apply."""


def _print_csv(report: Report) -> None:
    from isend_tui.exports import SafeCsvWriter

    # "\n": the CLI's stdout shows a carriage return as a visible sign (SafeStream)
    writer = SafeCsvWriter(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in report.campaigns:
        d = line.as_dict()
        a = d["attribution"] or {}
        writer.writerow(
            ["campaign", d["id"], d["label"], d["day"] or "", d["sms"],
             _blank(d["delivery_rate"]), _blank(d["stop_rate"]), _blank(d["orders"]),
             _blank(d["buyers"]), _blank(d["revenue"]), _blank(d["cost"]),
             _blank(d["window_open"]), _blank(a.get("currency")),
             _blank(a.get("conversion_rate"))]
        )  # fmt: skip
    for kind, found, labels in (
        ("automation", report.automations, _flow_labels()),
        ("notification", report.notifications, report.rule_labels),
    ):
        for key, figures in (found or {}).items():
            m = figures.as_dict()
            writer.writerow(
                [kind, key, labels.get(key, key), "", m["sms"], "", "", m["orders"],
                 m["buyers"], m["revenue"], "", "", m["currency"],
                 _blank(m["conversion_rate"])]
            )  # fmt: skip


def _flow_labels() -> dict[str, str]:
    """Each automation flow's name as the merchant reads it (Automatisations' tab)."""
    from isend_tui.automations.flows import FLOWS

    return {flow.value: definition.title for flow, definition in FLOWS.items()}


def _blank(value: object) -> object:
    return "" if value is None else value


def _print_text(report: Report) -> None:
    cur = report.currency or "EUR"
    if not report.campaigns:
        print(_("Aucune campagne envoyée sur la période."))
    for line in report.campaigns:
        a = line.attribution
        revenue = formatting.money(a.treated.revenue, cur) if a is not None else "?"
        delivered = (
            formatting.percent(line.delivery_rate) if line.delivery_rate is not None else "–"
        )
        print(
            _(
                "{id:>5}  {day}  {sms:>9} SMS  livrés {delivered:>7}  CA {revenue:>12}  {label}"
            ).format(
                id=line.id,
                day=formatting.day(line.day) if line.day else "?",
                sms=formatting.count(line.sms),
                delivered=delivered,
                revenue=revenue,
                label=line.label,
            )
        )
    if report.days:
        print(_("Par jour :"))
    for d in report.days:
        rate = formatting.percent(d.delivery_rate) if d.delivery_rate is not None else "–"
        print(
            _("  {day}  {sms:>9} SMS  livrés {rate:>7}  CA {revenue:>12}").format(
                day=formatting.day(d.day),
                sms=formatting.count(d.sms),
                rate=rate,
                revenue=formatting.money(d.revenue, cur),
            )
        )
    _print_messages(_("Automatisations :"), report.automations, {})
    _print_messages(_("Notifications :"), report.notifications, report.rule_labels)
    if report.credit is not None:
        left = formatting.money(report.credit)
        print(_("Crédit iSendPro restant : {credit}").format(credit=left))


def _print_messages(
    title: str, found: dict[str, MessageFigures] | None, labels: dict[str, str]
) -> None:
    """What each flow or rule earned (nothing when the shop was not read or none sent)."""
    if not found:
        return
    print(title)
    for key, f in found.items():
        print(
            _("  {name:24} {sms:>9} SMS  {orders:>14}  CA {revenue:>12}").format(
                name=labels.get(key, key),
                sms=formatting.count(f.sms),
                orders=formatting.counted(f.orders, _("{n} commande"), _("{n} commandes")),
                revenue=formatting.money(f.revenue, f.currency),
            )
        )


def campaign_attribution(
    args: argparse.Namespace, ctx: AppContext, campaign_id: int
) -> Attribution | None:
    """`campaign show`'s attribution figures: computed again from the shop when due (the
    cache otherwise, or when the shop cannot be read: said on stderr), None for a
    campaign that sent nothing."""
    from isend_tui.config import shop_dsn
    from isend_tui.results.cache import campaign_results, measured_campaigns

    if campaign_id not in measured_campaigns(ctx.store):
        return None
    days = ctx.settings.attribution_days
    dsn = None
    with contextlib.suppress(UserError):
        dsn = shop_dsn(shop_url(args), ctx.settings)
    try:
        found = campaign_results(ctx.store, [campaign_id], days=days, dsn=dsn)
    except UserError as exc:
        print(_("Boutique illisible, chiffres du dernier calcul : {reason}").format(
            reason=exc.message), file=sys.stderr)  # fmt: skip
        found = campaign_results(ctx.store, [campaign_id], days=days, dsn=None)
    return found.get(campaign_id)
