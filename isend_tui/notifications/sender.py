"""Sending the queued notifications: claim, send, retry, uncertain.

(The notification sender, not the SMS sender name of sms/sender.py.)

Each row is claimed (state 'sending', committed) BEFORE the gateway call, then its outcome
is committed. A crash in between leaves 'sending': at the next start
`recover_interrupted` makes it 'uncertain', and it is never resent silently (check
iSendPro's report). Failures where nothing was sent (GatewayError.nothing_sent) are retried
on later polls with exponential backoff (RETRY_BASE_S, doubling) up to MAX_ATTEMPTS, then
logged as not sent; the other rows of that poll wait (the gateway is probably down). An
unknown outcome (timeout, dropped connection, 5xx) is 'uncertain'.

Rows queued by an automation (`flow` set) are not ruled by a notification rule but by a
`Gate` the automations give the watcher: just before the claim it says send, not yet
(a later moment: the row stays queued until then) or not at all (why). Without a gate
they are left alone. A queued row with a `next_attempt_at` waits until that moment.

The sender is synchronous: it owns a private asyncio event loop, created in the thread
that sends, and runs each gateway call to completion on it. The IsendClient is made
lazily on that loop by `client_factory` and closed by `close()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from isend_tui.errors import UserError
from isend_tui.gateway import GatewayError, IsendClient, NumberResult
from isend_tui.gateway.client import SMSLONG_AUTO
from isend_tui.i18n import _
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.log import Code, State
from isend_tui.notifications.models import Notification, NotificationRule
from isend_tui.notifications.settle import Settled, settle

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.store import Store

log = logging.getLogger(__name__)

ClientFactory = Callable[[], IsendClient]


@dataclass(frozen=True)
class Hold:
    """A gate's answer for a row it will not send now: at `until` (UTC), else not at all
    (`code`, `detail`: the row becomes not sent)."""

    until: datetime | None = None
    code: str | None = None
    detail: str = ""


Gate = Callable[[Notification], Hold | None]
"""Decides, just before the claim, for a row queued by an automation: None sends it."""

SEND_CHUNK = 200
MAX_ATTEMPTS = 6
RETRY_BASE_S = 30.0


def _uncertain_detail() -> str:
    return _(
        "Le watcher s'est arrêté pendant l'envoi : on ne sait pas encore si ce SMS est "
        "parti. Le watcher le vérifie dans le rapport de campagne iSendPro (ou : "
        "notifications resolve) ; jamais renvoyé sur un doute."
    )


@dataclass
class SendTally:
    """What one round of sending did."""

    sent: int = 0
    refused: int = 0
    not_sent: int = 0
    retried: int = 0
    uncertain: int = 0
    gateway_error: str | None = None
    more: bool | None = None
    """True: rows are left to send now; False: the gateway failed, wait; None: no opinion."""


class NotificationSender:
    """Sends the due notification rows, one at a time (see module doc)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        clock: Clock,
        client_factory: ClientFactory,
        gate: Gate | None = None,
    ) -> None:
        self._store = store
        self.gate = gate
        """Rules the rows of the automations (module doc); None: they are left alone."""
        self._settings = settings
        self._clock = clock
        self._client_factory = client_factory
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: IsendClient | None = None

    def use_settings(self, settings: Settings) -> None:
        """New settings (keyid, gateway URL…): the next send makes a new client."""
        self._settings = settings
        client, self._client = self._client, None
        if client is not None and self._loop is not None:
            with contextlib.suppress(Exception):
                self._loop.run_until_complete(client.aclose())

    def close(self) -> None:
        loop, self._loop = self._loop, None
        client, self._client = self._client, None
        if loop is not None:
            if client is not None:
                with contextlib.suppress(Exception):
                    loop.run_until_complete(client.aclose())
            loop.close()

    def recover_interrupted(self) -> int:
        """Rows left 'sending' by a crash become 'uncertain'. Returns how many."""
        now = iso(self._clock())
        with self._store.write():
            recovered: int = (
                Notification.update(
                    state=State.UNCERTAIN,
                    code=Code.UNCERTAIN,
                    detail=_uncertain_detail(),
                    updated_at=now,
                )
                .where(Notification.state == State.SENDING)
                .execute()
            )
        return recovered

    def send_due(self, deadline: float, stop: threading.Event | None = None) -> SendTally:
        """Send the queued rows and the retries that are due, until `deadline`
        (time.perf_counter), `stop` or a gateway failure."""
        tally = SendTally()
        now = iso(self._clock())
        flows = "" if self.gate is not None else " AND flow IS NULL"
        if not self._store.db.execute_sql(
            "SELECT 1 FROM notification WHERE ((state = ? AND (next_attempt_at IS NULL OR "
            f"next_attempt_at <= ?)) OR (state = ? AND next_attempt_at <= ?)){flows} LIMIT 1",
            (State.QUEUED.value, now, State.RETRY.value, now),
        ).fetchone():
            return tally
        query = Notification.select().where(
            (
                (Notification.state == State.QUEUED)
                & (Notification.next_attempt_at.is_null() | (Notification.next_attempt_at <= now))
            )
            | ((Notification.state == State.RETRY) & (Notification.next_attempt_at <= now))
        )
        if self.gate is None:
            query = query.where(Notification.flow.is_null())
        due = list(query.order_by(Notification.id).limit(SEND_CHUNK))
        if not due:
            return tally
        rules = {r.id: r for r in NotificationRule.select()}
        for index, row in enumerate(due):
            if (stop is not None and stop.is_set()) or time.perf_counter() > deadline:
                tally.more = True
                return tally
            if row.flow is not None:
                if not self._gated(row, tally):
                    continue
            elif (rule := rules.get(row.rule_id or 0)) is None or not rule.enabled:
                self._finish(
                    row,
                    state=State.NOT_SENT,
                    code=Code.RULE_DISABLED,
                    detail=_("Règle désactivée : rien n'a été envoyé.")
                    if rule is not None
                    else _("Règle supprimée : rien n'a été envoyé."),
                )
                tally.not_sent += 1
                continue
            if not self._claim(row):
                continue
            if not self._send_one(row, tally):
                tally.more = False
                return tally
            if index == len(due) - 1 and len(due) >= SEND_CHUNK:
                tally.more = True
        return tally

    def _gated(self, row: Notification, tally: SendTally) -> bool:
        """Whether the gate lets this automation row go now; if not, its row says why."""
        assert self.gate is not None
        hold = self.gate(row)
        if hold is None:
            return True
        if hold.until is not None:
            self._finish(row, next_attempt_at=iso(hold.until), detail=hold.detail)
        else:
            self._finish(
                row,
                state=State.NOT_SENT,
                code=hold.code,
                detail=hold.detail,
                next_attempt_at=None,
            )
            tally.not_sent += 1
        return False

    def _claim(self, row: Notification) -> bool:
        """'sending', committed before the gateway call (the crash rule above)."""
        now = iso(self._clock())
        with self._store.write():
            claimed = (
                Notification.update(
                    state=State.SENDING, attempts=Notification.attempts + 1, updated_at=now
                )
                .where(Notification.id == row.id, Notification.state == row.state)
                .execute()
            )
        if claimed:
            row.attempts += 1
        return bool(claimed)

    def settle(self, ids: list[int]) -> Settled:
        """Settle uncertain notifications from the gateway's report (settle.py)."""
        loop, client = self._client_instance()
        return loop.run_until_complete(settle(self._store, client, self._clock, ids))

    def _finish(self, row: Notification, **values: Any) -> None:
        values["updated_at"] = iso(self._clock())
        with self._store.write():
            Notification.update(**values).where(Notification.id == row.id).execute()

    def _client_instance(self) -> tuple[asyncio.AbstractEventLoop, IsendClient]:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        if self._client is None:
            self._client = self._client_factory()
        return self._loop, self._client

    def _send_one(self, row: Notification, tally: SendTally) -> bool:
        """Send one claimed row and record its outcome. False: stop sending this poll."""
        try:
            loop, client = self._client_instance()
            results: list[NumberResult] = loop.run_until_complete(
                client.send_sms(
                    row.number,
                    row.message,
                    sender=row.sender or None,
                    smslong=SMSLONG_AUTO,
                    nostop=self._settings.nostop_right,
                    ucs2=bool(row.ucs2),
                    tracker=f"n{row.id}",
                )
            )
        except GatewayError as exc:
            if not exc.nothing_sent:
                self._finish(row, state=State.UNCERTAIN, code=Code.UNCERTAIN, detail=exc.message)
                tally.uncertain += 1
                tally.gateway_error = exc.message
                return False
            self._nothing_sent(row, exc.message, tally)
            return False
        except UserError as exc:  # no keyid, bad gateway URL: nothing was sent
            self._nothing_sent(row, exc.message, tally)
            return False
        except Exception as exc:
            log.exception("unexpected error while sending notification %s", row.id)
            self._finish(
                row,
                state=State.UNCERTAIN,
                code=Code.UNCERTAIN,
                detail=_("Erreur inattendue pendant l'envoi ({error}).").format(
                    error=type(exc).__name__
                ),
            )
            tally.uncertain += 1
            return False
        self._record(row, results, tally)
        return True

    def _record(self, row: Notification, results: list[NumberResult], tally: SendTally) -> None:
        """The gateway's answer for this row's number."""
        result = next((r for r in results if r.tel == row.number), None)
        if result is None and len(results) == 1:
            result = results[0]
        now = iso(self._clock())
        if result is None:
            self._finish(
                row,
                state=State.UNCERTAIN,
                code=Code.UNCERTAIN,
                detail=_("iSendPro n'a pas donné de résultat pour ce numéro."),
            )
            tally.uncertain += 1
        elif result.accepted:
            self._finish(
                row, state=State.SENT, code=result.code, detail=result.message, sent_at=now
            )
            tally.sent += 1
        else:
            self._finish(row, state=State.REFUSED, code=result.code, detail=result.message)
            tally.refused += 1

    def _nothing_sent(self, row: Notification, message: str, tally: SendTally) -> None:
        """Retry later with a doubling delay, or give up after MAX_ATTEMPTS."""
        tally.gateway_error = message
        if row.attempts >= MAX_ATTEMPTS:
            self._finish(
                row,
                state=State.NOT_SENT,
                code=Code.GATEWAY_ERROR,
                detail=_("Abandon après {n} essais : {error}").format(
                    n=row.attempts, error=message
                ),
                next_attempt_at=None,
            )
            tally.not_sent += 1
            return
        delay = RETRY_BASE_S * (2 ** (row.attempts - 1))
        self._finish(
            row,
            state=State.RETRY,
            code=None,
            detail=message,
            next_attempt_at=iso(self._clock() + timedelta(seconds=delay)),
        )
        tally.retried += 1
