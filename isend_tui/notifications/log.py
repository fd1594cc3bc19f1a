"""The notification log: every notification, sent or not, newest first.

What the seed's "État des campagnes de Notifications" shows: creation date, mobile number,
message, sender, return code, detail. ``code`` is the gateway's return code when iSendPro
answered ("0" accepted, "11" blacklisted…), else why the SMS was not sent (see Code).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.i18n import N_, _
from isend_tui.notifications.catalogue import CATALOGUE
from isend_tui.notifications.errors import NotificationNotFound
from isend_tui.notifications.models import Notification, NotificationRule

if TYPE_CHECKING:
    from isend_tui.store import Store


class State(StrEnum):
    WAITING = "waiting"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    REFUSED = "refused"
    RETRY = "retry"
    NOT_SENT = "not_sent"
    UNCERTAIN = "uncertain"


STATE_LABELS: dict[str, str] = {
    State.WAITING: N_("en attente d'un numéro"),
    State.QUEUED: N_("à envoyer"),
    State.SENDING: N_("envoi en cours"),
    State.SENT: N_("envoyé"),
    State.REFUSED: N_("refusé par iSendPro"),
    State.RETRY: N_("nouvel essai prévu"),
    State.NOT_SENT: N_("non envoyé"),
    State.UNCERTAIN: N_("incertain"),
}


class Code(StrEnum):
    """Why a notification was not sent (when iSendPro did not answer for it)."""

    NO_NUMBER = "no_number"
    INVALID_NUMBER = "invalid_number"
    NO_ADMIN_PHONE = "no_admin_phone"
    RULE_DISABLED = "rule_disabled"
    GATEWAY_ERROR = "gateway_error"
    UNKNOWN_VARIABLE = "unknown_variable"
    TOO_LONG = "too_long"
    UNCERTAIN = "uncertain"
    NO_DATA = "no_data"
    SAME_REFERENCE = "same_reference"
    # automations (marketing): why an automation SMS did not go
    NO_BASIS = "no_basis"
    SUPPRESSED = "suppressed"
    CAPPED = "capped"
    ORDERED = "ordered"
    FLOW_DISABLED = "flow_disabled"


CODE_LABELS: dict[str, str] = {
    "0": N_("accepté"),
    Code.NO_NUMBER: N_("pas de numéro de mobile"),
    Code.INVALID_NUMBER: N_("numéro invalide"),
    Code.NO_ADMIN_PHONE: N_("pas de téléphone administrateur"),
    Code.RULE_DISABLED: N_("règle désactivée"),
    Code.GATEWAY_ERROR: N_("erreur de la passerelle"),
    Code.UNKNOWN_VARIABLE: N_("variable inconnue"),
    Code.TOO_LONG: N_("message trop long"),
    Code.UNCERTAIN: N_("envoi incertain"),
    Code.NO_DATA: N_("données introuvables"),
    Code.SAME_REFERENCE: N_("déjà notifiée pour cette référence"),
    Code.NO_BASIS: N_("pas de base légale (consentement)"),
    Code.SUPPRESSED: N_("numéro en liste d'opposition"),
    Code.CAPPED: N_("plafond d'envoi atteint"),
    Code.ORDERED: N_("le client a commandé entre-temps"),
    Code.FLOW_DISABLED: N_("automatisation désactivée"),
}


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class NotificationRow:
    """One line of the log."""

    id: int
    created_at: datetime
    event: str
    event_label: str
    number: str
    message: str
    sender: str
    state: str
    state_label: str
    code: str
    code_label: str
    detail: str
    occurrence: str
    """What happened in the shop ("order:123:state:4"…), the key scripts join on."""
    id_order: int | None
    id_customer: int | None


@dataclass(frozen=True)
class NotificationDetail(NotificationRow):
    """Everything known about one notification."""

    rule_id: int | None
    rule_text: str | None
    recipient: str
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    updated_at: datetime | None
    ucs2: bool


AUTOMATION_PREFIX = "automation."
"""The event of the rows an automation queued: automation.<flow> (automations/runner.py)."""


def event_label(key: str, state_name: str = "") -> str:
    definition = CATALOGUE.get(key)
    if definition is None and key.startswith(AUTOMATION_PREFIX):
        return _("[Automatisation] {flow}").format(flow=key.removeprefix(AUTOMATION_PREFIX))
    return definition.display_label(state_name) if definition else key


def _row(row: Notification, state_names: dict[int, str]) -> NotificationRow:
    code = row.code or ""
    return NotificationRow(
        id=row.id,
        created_at=_parse(row.created_at) or datetime.min,
        event=row.event,
        event_label=event_label(row.event, state_names.get(row.rule_id or 0, "")),
        number=row.number,
        message=row.message,
        sender=row.sender,
        state=row.state,
        state_label=_(STATE_LABELS.get(row.state, row.state)),
        code=code,
        code_label=_(CODE_LABELS[code]) if code in CODE_LABELS else code,
        detail=row.detail,
        occurrence=row.occurrence,
        id_order=row.id_order,
        id_customer=row.id_customer,
    )


def _state_names(rule_ids: set[int]) -> dict[int, str]:
    if not rule_ids:
        return {}
    query = NotificationRule.select(NotificationRule.id, NotificationRule.state_name).where(
        NotificationRule.id.in_(sorted(rule_ids)), NotificationRule.state_name != ""
    )
    return {r.id: r.state_name for r in query}


def list_notifications(
    store: Store,
    limit: int = 500,
    event: str | None = None,
    code: str | None = None,
    state: str | None = None,
) -> list[NotificationRow]:
    """The last `limit` notifications, newest first, optionally for one event/code/state."""
    del store
    query = Notification.select().order_by(Notification.id.desc()).limit(max(0, limit))
    if event:
        query = query.where(Notification.event == event)
    if code:
        query = query.where(Notification.code == code)
    if state:
        query = query.where(Notification.state == state)
    rows = list(query)
    names = _state_names({r.rule_id for r in rows if r.rule_id})
    return [_row(r, names) for r in rows]


def notification_detail(store: Store, notification_id: int) -> NotificationDetail:
    del store
    row = Notification.get_or_none(Notification.id == notification_id)
    if row is None:
        raise NotificationNotFound(notification_id)
    rule = NotificationRule.get_or_none(NotificationRule.id == row.rule_id) if row.rule_id else None
    names = {rule.id: rule.state_name} if rule is not None and rule.state_name else {}
    base = _row(row, names)
    return NotificationDetail(
        **dataclasses.asdict(base),
        rule_id=row.rule_id,
        rule_text=rule.text if rule is not None else None,
        recipient=row.recipient,
        attempts=row.attempts,
        next_attempt_at=_parse(row.next_attempt_at),
        sent_at=_parse(row.sent_at),
        updated_at=_parse(row.updated_at),
        ucs2=bool(row.ucs2),
    )


def count_by_state(store: Store) -> dict[str, int]:
    """How many notifications are in each state (for a status line)."""
    cursor = store.db.execute_sql("SELECT state, COUNT(*) FROM notification GROUP BY state")
    return {str(state): int(n) for state, n in cursor.fetchall()}


def log_fingerprint(store: Store, window: int = 500) -> int:
    """Changes when any of the newest `window` notifications is added, changes state or
    gets its delivery receipt.

    One aggregate row, computed inside SQLite over `window` rows read by primary key: the
    history screen calls it every few seconds to notice what a watcher in another process
    wrote, and one row (not `window`) keeps it from waiting on the GIL while the UI works.
    """
    cursor = store.db.execute_sql(
        "SELECT COUNT(*), group_concat(id || ':' || state || ':' || IFNULL(code, '') || ':' "
        "|| updated_at || ':' || IFNULL(delivery, ''), ',') FROM (SELECT id, state, code, "
        "updated_at, delivery FROM notification ORDER BY id DESC LIMIT ?)",
        (window,),
    )
    return hash(tuple(cursor.fetchone() or ()))
