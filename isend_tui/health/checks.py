"""A round of health checks: read, settle the alerts, tell the admin.

    report = check_health(store, settings, client_factory, now)   # blocking

Blocking (the TUI runs it in a thread worker, the watcher in its thread, `health` in the
command): the gateway calls run on an event loop of their own, on a client made by
`client_factory` and closed at the end. The credit is read from the gateway when the last
reading (marks.CREDIT, shared by every process) is older than `credit_max_age`; a failed
read leaves the credit alert as it was (nothing is known) and is said in the report.
Each alert fired in this round is sent by SMS to the admin mobile (a transactional SMS,
like the admin notifications) and its outcome written to the log.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypeVar

from isend_tui.errors import UserError
from isend_tui.formatting import count, counted, decimal_number, money
from isend_tui.gateway import GatewayError
from isend_tui.gateway.client import SMSLONG_AUTO
from isend_tui.health.alerts import (
    RETRY,
    Alert,
    AlertKind,
    Check,
    claim_sms_retries,
    open_alerts,
    record_sms,
    settle,
)
from isend_tui.health.marks import MarkName, read_mark, write_mark
from isend_tui.health.readings import (
    Rate,
    WatcherSilence,
    credit_threshold,
    daily_notification_sms,
    failure_rates,
    watcher_silence,
)
from isend_tui.health.report import CreditReading, HealthReport
from isend_tui.i18n import _
from isend_tui.sms.transliterate import to_gsm7

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.gateway.client import IsendClient
    from isend_tui.store import Store

log = logging.getLogger(__name__)

ClientFactory = Callable[[], "IsendClient"]
T = TypeVar("T")

CREDIT_MAX_AGE = timedelta(minutes=5)


def on_client(factory: ClientFactory, work: Callable[[IsendClient], Awaitable[T]]) -> T:
    async def run() -> T:
        async with factory() as client:
            return await work(client)

    return asyncio.run(run())


def read_credit(
    store: Store, factory: ClientFactory | None, now: datetime, max_age: timedelta
) -> CreditReading:
    """The credit: the shared last reading when fresh enough, else asked to the gateway."""
    mark = read_mark(store, MarkName.CREDIT)
    if (mark is not None and now - mark.at < max_age) or factory is None:
        if mark is None:
            return CreditReading(None, None, None, _("crédit pas encore lu"))
        return _from_mark(mark.detail, mark.at)
    try:
        credit = on_client(factory, lambda client: client.credit())
    except UserError as exc:
        return CreditReading(None, None, None, exc.message)
    write_mark(store, MarkName.CREDIT, now, euros=str(credit.euros), sms=credit.quantity)
    return CreditReading(credit.euros, credit.quantity, now, None)


def _from_mark(detail: dict[str, object], at: datetime) -> CreditReading:
    try:
        euros = Decimal(str(detail.get("euros")))
    except InvalidOperation:
        euros = None
    sms = detail.get("sms")
    return CreditReading(euros, sms if isinstance(sms, int) else None, at, None)


def _credit_check(credit: CreditReading, threshold: int, daily: float) -> Check | None:
    if credit.sms is None:
        return None  # not read, or no quantity in the reply: nothing is known
    days = credit.sms / daily if daily > 0 else None
    lasts = (
        _(", environ {days} de notifications").format(
            days=counted(int(days), _("{n} jour"), _("{n} jours"))
        )
        if days is not None
        else ""
    )
    euros = money(credit.euros) if credit.euros is not None else "?"
    message = _("Crédit iSendPro : {sms} SMS ({euros}){lasts} ; seuil {threshold} SMS.").format(
        sms=count(credit.sms), euros=euros, lasts=lasts, threshold=count(threshold)
    )
    return Check(AlertKind.CREDIT_LOW, "", credit.sms < threshold, message)


def _rate_check(rate: Rate, settings: Settings) -> Check:
    message = _(
        "Taux d'échec de {label} sur la dernière heure : {percent} % ({failed} sur {tried} "
        "SMS) ; seuil {threshold} %."
    ).format(
        label=rate.label,
        percent=decimal_number(Decimal(str(round(rate.percent, 1))), 1),
        failed=count(rate.failed),
        tried=count(rate.tried),
        threshold=settings.alert_failure_percent,
    )
    return Check(AlertKind.FAILURE_RATE, rate.subject, rate.crossed(settings), message)


def _silence_check(silence: WatcherSilence, settings: Settings, now: datetime) -> Check:
    minutes = silence.minutes(now)
    if minutes is None:
        message = _(
            "Le watcher n'a jamais interrogé la boutique alors que des notifications sont "
            "actives : lancez isend-tui watch (ou l'interface)."
        )
    else:
        message = _(
            "Le watcher n'a pas interrogé la boutique depuis {minutes} min (seuil {threshold} "
            "min) : les notifications ne partent plus."
        ).format(minutes=int(minutes), threshold=settings.alert_watcher_minutes)
    return Check(AlertKind.WATCHER_SILENT, "", silence.crossed(settings, now), message)


def _tell_admin(
    store: Store, settings: Settings, factory: ClientFactory | None, fired: list[Alert]
) -> None:
    """One SMS per alert fired, to the admin mobile; the outcome of each in the log. When
    nothing could be sent (the gateway down), the outcome says RETRY and a later round
    sends it while the alert is open; an unknown outcome is never sent again."""
    from isend_tui.sms.phone import parse_admin_phone

    if not fired:
        return
    try:
        number = parse_admin_phone(settings.admin_phone).gateway
    except UserError:
        for alert in fired:
            record_sms(store, alert.log_id, _("pas de mobile administrateur (admin_phone)"))
        return
    if factory is None:
        for alert in fired:
            record_sms(store, alert.log_id, _("pas de passerelle configurée"))
        return

    async def send(client: IsendClient) -> list[str]:
        outcomes = []
        for alert in fired:
            text = to_gsm7(_("isend-tui, alerte : {message}").format(message=alert.message))
            try:
                results = await client.send_sms(
                    number,
                    text,
                    sender=settings.sender or None,
                    smslong=SMSLONG_AUTO,
                    nostop=settings.nostop_right,
                )
            except GatewayError as exc:
                outcomes.append((RETRY if exc.nothing_sent else "") + exc.message)
                continue
            accepted = bool(results) and results[0].accepted
            outcomes.append(
                "sent"
                if accepted
                else _("refusé (code {code})").format(code=results[0].code if results else "?")
            )
        return outcomes

    try:
        outcomes = on_client(factory, send)
    except UserError as exc:  # the client could not be made: nothing was sent
        outcomes = [RETRY + exc.message] * len(fired)
    for alert, outcome in zip(fired, outcomes, strict=True):
        record_sms(store, alert.log_id, outcome)
        log.warning("alert %s %s fired (SMS: %s)", alert.kind, alert.subject, outcome)


def check_health(
    store: Store,
    settings: Settings,
    client_factory: ClientFactory | None,
    now: datetime,
    *,
    credit_max_age: timedelta = CREDIT_MAX_AGE,
    watcher: bool = True,
) -> HealthReport:
    """One round (blocking). `watcher`: judge the watcher's silence too (the watcher
    itself, polling, says it is alive instead)."""
    daily = daily_notification_sms(store, now)
    threshold = credit_threshold(settings, daily)
    credit = read_credit(store, client_factory, now, credit_max_age)
    rates = failure_rates(store, now)
    silence = watcher_silence(store)
    fired: list[Alert] = []
    cleared: list[Alert] = []
    credit_check = _credit_check(credit, threshold, daily)
    rounds: list[tuple[AlertKind, list[Check]]] = [
        (AlertKind.FAILURE_RATE, [_rate_check(rate, settings) for rate in rates])
    ]
    if credit_check is not None:
        rounds.append((AlertKind.CREDIT_LOW, [credit_check]))
    if watcher:
        rounds.append((AlertKind.WATCHER_SILENT, [_silence_check(silence, settings, now)]))
    for kind, checks in rounds:
        up, down = settle(store, kind, checks, now)
        fired += up
        cleared += down
    _tell_admin(store, settings, client_factory, fired + claim_sms_retries(store))
    return HealthReport(
        now=now,
        credit=credit,
        daily_sms=daily,
        threshold=threshold,
        silence=silence,
        watcher_minutes=settings.alert_watcher_minutes,
        rates=rates,
        failure_percent=settings.alert_failure_percent,
        open=open_alerts(store),
        fired=fired,
        cleared=cleared,
    )


def current_health(store: Store, settings: Settings, now: datetime) -> HealthReport:
    """The state as the last rounds left it, read only: no alert fired nor cleared, no
    SMS, the credit's last shared reading (the dashboard shows it; the App's alert service
    and the watcher run the rounds)."""
    daily = daily_notification_sms(store, now)
    return HealthReport(
        now=now,
        credit=read_credit(store, None, now, CREDIT_MAX_AGE),
        daily_sms=daily,
        threshold=credit_threshold(settings, daily),
        silence=watcher_silence(store),
        watcher_minutes=settings.alert_watcher_minutes,
        rates=failure_rates(store, now),
        failure_percent=settings.alert_failure_percent,
        open=open_alerts(store),
        fired=[],
        cleared=[],
    )
