"""Settling uncertain notifications: was the SMS sent or not?

A notification is uncertain when its outcome is unknown (the watcher was killed between
the claim and the answer, a timeout, a dropped connection). Each is sent with the tracker
`n<id>`, so iSendPro's campaign report tells: listed, it was sent; not listed, it never
reached the gateway and is queued again (same tracker, same text). Never resent on a
doubt:
- the report must prove it carries trackers (a tracker column with at least one value
  over the day before), else the notification stays uncertain for the merchant to decide;
- it must be old enough (SETTLE_AFTER) for the report to have caught up with it.

The watcher settles on its own (`Watcher` calls `settle` every SETTLE_EVERY_S while some
are uncertain); the merchant can also decide by hand: `notifications resolve` or the key
in État des notifications, "check" (the report), "sent" or "resend".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.errors import UserError
from isend_tui.formatting import counted
from isend_tui.gateway.replies import report_column
from isend_tui.i18n import _
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.log import State
from isend_tui.notifications.models import Notification

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.gateway import IsendClient
    from isend_tui.store import Store

log = logging.getLogger(__name__)

SETTLE_AFTER = timedelta(minutes=10)
"""How long the gateway's report is given to list an SMS it accepted."""
PROOF_SPAN = timedelta(days=1)
"""The report is read from this long before the oldest uncertain one: other notifications
sent meanwhile prove that the report carries the trackers."""
SETTLE_EVERY_S = 600.0
AUTO_DAYS = 7
"""The watcher settles on its own the notifications of the last days only; older ones are
left to the merchant."""


class Settle(StrEnum):
    CHECK = "check"
    SENT = "sent"
    RESEND = "resend"


@dataclass
class Settled:
    """What one settling did."""

    sent: list[int] = field(default_factory=list)
    resent: list[int] = field(default_factory=list)
    undecided: list[int] = field(default_factory=list)
    reason: str = ""
    """Why the undecided ones stay uncertain."""

    def line(self) -> str:
        text = _("{sent}, {resent}, {left}.").format(
            sent=counted(len(self.sent), _("{n} confirmée envoyée"), _("{n} confirmées envoyées")),
            resent=counted(len(self.resent), _("{n} remise en file"), _("{n} remises en file")),
            left=counted(
                len(self.undecided), _("{n} toujours incertaine"), _("{n} toujours incertaines")
            ),
        )
        return f"{text} {self.reason}".strip()


def uncertain_ids(store: Store, since: datetime | None = None) -> list[int]:
    del store
    query = Notification.select(Notification.id).where(Notification.state == State.UNCERTAIN)
    if since is not None:
        query = query.where(Notification.updated_at >= iso(since))
    return [row.id for row in query.order_by(Notification.id)]


def _rows(ids: Sequence[int]) -> list[Notification]:
    rows: list[Notification] = []
    for start in range(0, len(ids), 500):  # SQLite's bound on parameters
        chunk = list(ids[start : start + 500])
        rows += list(Notification.select().where(Notification.id.in_(chunk)))
    return sorted(rows, key=lambda r: r.id)


def _check_ids(ids: Sequence[int]) -> list[Notification]:
    rows = _rows(ids)
    found = {r.id for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(
            _("Notification n°{id} introuvable (voir notifications log).").format(id=missing[0])
        )
    not_uncertain = [r for r in rows if r.state != State.UNCERTAIN]
    if not_uncertain:
        row = not_uncertain[0]
        raise UserError(
            _(
                "La notification n°{id} n'est pas incertaine (état : {state}) : rien à régler."
            ).format(id=row.id, state=row.state)
        )
    return rows


async def settle(
    store: Store,
    client: IsendClient | None,
    clock: Clock,
    ids: Sequence[int],
    how: Settle = Settle.CHECK,
) -> Settled:
    """Settle the uncertain notifications `ids` (UserError if one is not uncertain)."""
    rows = _check_ids(ids)
    outcome = Settled()
    if not rows:
        return outcome
    if how == Settle.SENT:
        _apply(store, clock, sent=rows, resend=[], how=how)
        outcome.sent = [r.id for r in rows]
        return outcome
    if how == Settle.RESEND:
        _apply(store, clock, sent=[], resend=rows, how=how)
        outcome.resent = [r.id for r in rows]
        return outcome
    if client is None:
        raise UserError(_("Vérification impossible sans accès à iSendPro."))
    now = clock()
    oldest = min(datetime.fromisoformat(r.updated_at) for r in rows)
    report = await client.campaign_report(oldest - PROOF_SPAN, now + timedelta(minutes=2))
    column = report_column(report, "tracker")
    listed = {str(item.get(column, "")).strip() for item in report} if column else set()
    listed.discard("")
    if not listed:
        outcome.undecided = [r.id for r in rows]
        outcome.reason = _(
            "Le rapport iSendPro ne donne pas les trackers : vérifiez-y ces SMS, puis "
            "réglez-les à la main (--as sent ou --as resend)."
        )
        return outcome
    sent = [r for r in rows if f"n{r.id}" in listed]
    recent = now - SETTLE_AFTER
    resend = [r for r in rows if r not in sent and datetime.fromisoformat(r.updated_at) <= recent]
    _apply(store, clock, sent=sent, resend=resend, how=how)
    outcome.sent = [r.id for r in sent]
    outcome.resent = [r.id for r in resend]
    outcome.undecided = [r.id for r in rows if r not in sent and r not in resend]
    if outcome.undecided:
        outcome.reason = _(
            "Trop récentes pour le rapport iSendPro : réessayez dans {minutes} min."
        ).format(minutes=int(SETTLE_AFTER.total_seconds() // 60))
    return outcome


def settle_now(
    store: Store, settings: Settings, ids: Sequence[int], how: Settle = Settle.CHECK
) -> Settled:
    """`settle` at the real clock with a client of its own (the CLI, the TUI's worker):
    blocking, for a thread that has no event loop running."""
    from isend_tui.gateway import IsendClient
    from isend_tui.notifications.clock import utc_now

    async def work() -> Settled:
        if how != Settle.CHECK:
            return await settle(store, None, utc_now, ids, how)
        async with IsendClient(settings.keyid, settings.gateway_url) as client:
            return await settle(store, client, utc_now, ids, how)

    return asyncio.run(work())


def _apply(
    store: Store,
    clock: Clock,
    *,
    sent: list[Notification],
    resend: list[Notification],
    how: Settle,
) -> None:
    now = iso(clock())
    if how == Settle.CHECK:
        sent_detail = _("Confirmé envoyé par le rapport iSendPro.")
        resend_detail = _("Absent du rapport iSendPro : renvoyé.")
    else:
        sent_detail = _("Marqué envoyé à la main.")
        resend_detail = _("Renvoi demandé à la main.")
    with store.write():
        for row in sent:
            # Only an uncertain row: a concurrent settle may have got there first.
            Notification.update(
                state=State.SENT, code="0", detail=sent_detail, sent_at=now, updated_at=now
            ).where((Notification.id == row.id) & (Notification.state == State.UNCERTAIN)).execute()
        for row in resend:
            Notification.update(
                state=State.QUEUED,
                code=None,
                detail=resend_detail,
                next_attempt_at=None,
                updated_at=now,
            ).where((Notification.id == row.id) & (Notification.state == State.UNCERTAIN)).execute()
    for row in sent:
        log.info("notification %s settled: sent (%s)", row.id, how.value)
    for row in resend:
        log.info("notification %s settled: queued again (%s)", row.id, how.value)
