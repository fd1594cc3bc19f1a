"""How a campaign's state, dates, cost and deliveries read, in the history table and the
details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from isend_tui.campaigns.model import CampaignState
from isend_tui.delivery.queries import DeliveryCounts
from isend_tui.delivery.states import Delivery, DeliveryFilter, reason_words
from isend_tui.delivery.states import state_label as delivery_state_label
from isend_tui.formatting import count, percent, stored_moment
from isend_tui.i18n import N_, _


def state_label(state: str) -> str:
    try:
        return CampaignState(state).label()
    except ValueError:
        return state


def short_date(stamp: str) -> str:
    """A stored moment ("2026-11-25T10:30:00+01:00", or "2026-11-25 10:30" already in
    Paris time) as the merchant reads it, in Paris time: "25/11/2026 10:30" / "2026-11-25
    10:30"; anything unreadable as it is."""
    return stored_moment(stamp)


#: The delivery filter of a campaign's recipients, in the order the details offer it.
DELIVERY_FILTERS = (
    (DeliveryFilter.DELIVERED, N_("remis")),
    (DeliveryFilter.FAILED, N_("en échec")),
    (DeliveryFilter.PENDING, N_("en attente d'accusé")),
    (DeliveryFilter.EXPIRED, N_("expiré")),
)


def delivery_cell(row: Mapping[str, Any]) -> str:
    """A recipient's delivery: "remis", "échec définitif : numéro inconnu"…; "" for a
    recipient whose SMS was not accepted (there is nothing to deliver)."""
    if row.get("state") != "sent":
        return ""
    value = row.get("delivery")
    delivery = Delivery(str(value)) if value in Delivery.__members__.values() else None
    label = delivery_state_label(delivery)
    reason = reason_words(str(row.get("delivery_reason") or "")) if delivery else ""
    shown_reason = reason and delivery is not Delivery.DELIVERED
    return f"{label} : {reason}" if shown_reason else label


def delivery_line(d: DeliveryCounts) -> str:
    """The campaign's receipts, one line: the rate, then each state."""
    rate = percent(d.rate) if d.rate is not None else "—"
    return _(
        "Remise : {rate} remis ({delivered} sur {accepted} acceptés), {failed} en échec, "
        "{expired} expirés, {pending} en attente d'accusé."
    ).format(
        rate=rate,
        delivered=count(d.delivered),
        accepted=count(d.accepted),
        failed=count(d.failed),
        expired=count(d.expired),
        pending=count(d.pending),
    )
