"""Delivery on the command line: ``campaign receipts ID`` (the report pulled), the
delivery lines and JSON of ``campaign show``, ``--recipients --state delivered|failed|
expired`` and ``--delivery pending|…``."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from isend_tui.commands.campaign_common import campaign_id, with_client
from isend_tui.config import Settings
from isend_tui.delivery.expiry import expire_overdue
from isend_tui.delivery.queries import DeliveryCounts, campaign_counts, campaign_recipients
from isend_tui.delivery.states import DeliveryFilter
from isend_tui.formatting import counted, percent
from isend_tui.i18n import _
from isend_tui.store import Store

DELIVERY_STATES = ("delivered", "failed", "expired")
"""Values of ``campaign show --state`` that are delivery states (pending is a sending one:
the delivery's pending is ``--delivery pending``)."""


def register_receipts(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    receipts = actions.add_parser(
        "receipts",
        parents=parents,
        help=_("lit les états de remise dans le rapport iSendPro (si des accusés manquent)"),
    )
    receipts.add_argument("id", type=campaign_id, metavar="ID")
    receipts.add_argument(
        "--timeout", type=float, default=None, metavar="S", help=_("délai d'attente (s)")
    )
    receipts.set_defaults(handler=run_receipts)


def current_counts(store: Store, settings: Settings, campaign: int) -> DeliveryCounts:
    """The campaign's counts as of now (what waited too long expired first)."""
    expire_overdue(store, hours=settings.receipt_expiry_hours, now=datetime.now(UTC))
    return campaign_counts(store, campaign)


def delivery_line(counts: DeliveryCounts) -> str:
    if not counts.accepted:
        return _("Remise : aucun SMS accepté par iSendPro.")
    text = _("Remise : {delivered}, {failed}, {expired}, {pending}").format(
        delivered=counted(counts.delivered, _("{n} remis"), _("{n} remis")),
        failed=counted(counts.failed, _("{n} en échec"), _("{n} en échec")),
        expired=counted(counts.expired, _("{n} expiré"), _("{n} expirés")),
        pending=counted(counts.pending, _("{n} en attente d'accusé"), _("{n} en attente d'accusé")),
    )
    if counts.failed:
        text += " " + counted(
            counts.failed_permanent,
            _("(dont {n} définitif, exclu des prochaines campagnes)"),
            _("(dont {n} définitifs, exclus des prochaines campagnes)"),
        )
    rate = counts.rate
    return text + " — " + _("taux de remise {rate}").format(rate=percent(rate or 0.0))


def delivery_filter(args: argparse.Namespace) -> DeliveryFilter | None:
    chosen = getattr(args, "delivery", None)
    if chosen is not None:
        return DeliveryFilter(chosen)
    if args.state in DELIVERY_STATES:
        return DeliveryFilter(args.state)
    return None


def _matches(search: str | None, number: str, name: str) -> bool:
    """--search: part of a number (any form: its digits) or of a name, any case."""
    if not search:
        return True
    wanted = "".join(ch for ch in search if ch.isdigit())
    if len(wanted) >= 3:
        tail = wanted[1:] if wanted.startswith("0") else wanted
        if tail in number:
            return True
    return search.strip().casefold() in name.casefold()


def print_delivery_recipients(
    store: Store, campaign: int, chosen: DeliveryFilter, search: str | None = None
) -> int:
    """The accepted recipients in that delivery state, tab-separated, a page at a time."""
    page, offset, found = 1000, 0, 0
    while True:
        rows = campaign_recipients(store, campaign, chosen, limit=page, offset=offset)
        offset += page
        for row in rows:
            if not _matches(search, row.number, row.name):
                continue
            found += 1
            fields = (row.number, row.name, row.label, row.at or "", row.code or "")
            print("\t".join((*fields, row.reason_words)))
        if len(rows) < page:
            break
    if not found:
        import sys

        print(_("Aucun destinataire ne correspond."), file=sys.stderr)
    return 0


def run_receipts(args: argparse.Namespace) -> int:
    from isend_tui.campaigns.service import campaign_detail
    from isend_tui.context import open_context
    from isend_tui.delivery.pull import pull_campaign

    ctx = open_context(getattr(args, "data_dir", None))
    try:
        campaign_detail(ctx.store, args.id)  # CampaignNotFound for a wrong id
        result = with_client(
            ctx.settings, args.timeout, lambda client: pull_campaign(ctx.store, client, args.id)
        )
        print(result.message())
        print(delivery_line(current_counts(ctx.store, ctx.settings, args.id)))
    finally:
        ctx.close()
    return 0
