"""One SMS per order reference and event.

PrestaShop splits a checkout into one order per carrier or warehouse, all with the same
reference: without this, "Nouvelle commande X validée." reached the admin twice and the
customer got two identical SMS. Each row that would be sent gets a reference key
(rule, trigger, state or tracking number, reference, recipient); a row whose key is
already in the log (or earlier in the same poll) is recorded as not sent, with the
reason, never silently dropped. Two parcels of one reference with different tracking
numbers are two pieces of news: the number is part of the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from isend_tui.i18n import _
from isend_tui.notifications.catalogue import Trigger
from isend_tui.notifications.log import Code, State
from isend_tui.notifications.models import Notification
from isend_tui.notifications.occurrences import Occurrence

ORDER_TRIGGERS = (Trigger.ORDER_STATE, Trigger.PAYMENT, Trigger.ORDER_VALIDATED, Trigger.TRACKING)
WOULD_SEND = (State.QUEUED, State.WAITING)
LIVE_STATES = (
    State.WAITING,
    State.QUEUED,
    State.SENDING,
    State.SENT,
    State.RETRY,
    State.UNCERTAIN,
)
"""A row in these states was or will be sent: a later one for the same key repeats it."""


def reference_key(rule_id: int, occ: Occurrence, reference: str, recipient: str) -> str | None:
    if occ.trigger not in ORDER_TRIGGERS or not reference.strip():
        return None
    # A tracking key is "tracking:<carrier row>:<number>[:<changes>]": the number, and
    # how often it changed, so a return to an earlier number (A -> B -> A) is still news.
    tracking = occ.trigger is Trigger.TRACKING
    what = occ.key.split(":", 2)[-1] if tracking else str(occ.state_id or "")
    return f"{rule_id}|{occ.trigger.value}:{what}|{reference.strip()}|{recipient}"


def mark_repeats(rows: Sequence[dict[str, Any]], references: Sequence[str | None]) -> None:
    """Give each row its reference key; those already notified become not sent."""
    wanted = [key for key in references if key]
    known: set[str] = set()
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        known |= {
            str(r.reference_key)
            for r in Notification.select(Notification.reference_key).where(
                Notification.reference_key.in_(part), Notification.state.in_(LIVE_STATES)
            )
        }
    for row, key in zip(rows, references, strict=True):
        if key is None or row["state"] not in WOULD_SEND:
            continue
        if key in known:
            row.update(
                state=State.NOT_SENT,
                code=Code.SAME_REFERENCE,
                next_attempt_at=None,
                detail=_(
                    "Même référence qu'une commande déjà notifiée pour cet événement "
                    "(commande répartie en plusieurs colis) : un seul SMS par référence."
                ),
            )
            continue
        row["reference_key"] = key
        known.add(key)
