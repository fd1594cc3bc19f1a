"""The admin's alerts: one state per (kind, subject), fired once per crossing.

A check says, for a kind, which subjects are over their threshold now (`Check`).
`settle` compares with the stored states (table ``alert_state``) in ONE write
transaction: a subject crossing opens its alert and is returned as fired (the caller sends
the SMS), a subject back to normal (or no longer measured: a campaign an hour after its
send) closes it, which re-arms it for the next crossing. Two processes settling together
see each transition once, so the SMS leaves once. Every opening and closing is written to
``alert_log`` with the SMS outcome (`record_sms`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.health.marks import iso
from isend_tui.i18n import N_, _

if TYPE_CHECKING:
    from isend_tui.store import Store


class AlertKind(StrEnum):
    CREDIT_LOW = "credit_low"
    FAILURE_RATE = "failure_rate"
    WATCHER_SILENT = "watcher_silent"

    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS: dict[str, str] = {
    AlertKind.CREDIT_LOW: N_("crédit bas"),
    AlertKind.FAILURE_RATE: N_("taux d'échec"),
    AlertKind.WATCHER_SILENT: N_("watcher silencieux"),
}


@dataclass(frozen=True)
class Check:
    """One measured subject of a kind: over its threshold or not, and what to say."""

    kind: AlertKind
    subject: str
    crossed: bool
    message: str


@dataclass(frozen=True)
class Alert:
    kind: str
    subject: str
    since: str
    message: str
    log_id: int = 0
    """The alert_log line of its opening (0 when read from the states)."""


@dataclass(frozen=True)
class LogLine:
    id: int
    at: str
    kind: str
    subject: str
    event: str  # fired | cleared
    message: str
    sms: str


def _log(store: Store, at: str, kind: str, subject: str, event: str, message: str) -> int:
    cursor = store.db.execute_sql(
        "INSERT INTO alert_log (at, kind, subject, event, message) VALUES (?, ?, ?, ?, ?)",
        (at, kind, subject, event, message),
    )
    return int(cursor.lastrowid)


def settle(
    store: Store, kind: AlertKind, checks: Iterable[Check], now: datetime
) -> tuple[list[Alert], list[Alert]]:
    """Apply this round's checks of `kind` (all its measured subjects): (fired, cleared).
    Open alerts of `kind` whose subject is not among `checks` are cleared."""
    at = iso(now)
    current = {c.subject: c for c in checks if c.kind == kind}
    fired: list[Alert] = []
    cleared: list[Alert] = []
    with store.write():
        open_rows = {
            str(r[0]): (str(r[1]), str(r[2]))
            for r in store.db.execute_sql(
                "SELECT subject, since, message FROM alert_state WHERE kind = ? AND open = 1",
                (kind.value,),
            )
        }
        for subject, check in current.items():
            if check.crossed and subject not in open_rows:
                store.db.execute_sql(
                    "INSERT OR REPLACE INTO alert_state (kind, subject, open, since, message, "
                    "updated_at) VALUES (?, ?, 1, ?, ?, ?)",
                    (kind.value, subject, at, check.message, at),
                )
                log_id = _log(store, at, kind.value, subject, "fired", check.message)
                fired.append(Alert(kind.value, subject, at, check.message, log_id))
            elif check.crossed:  # still open: keep its words up to date, no new alert
                store.db.execute_sql(
                    "UPDATE alert_state SET message = ?, updated_at = ? "
                    "WHERE kind = ? AND subject = ?",
                    (check.message, at, kind.value, subject),
                )
        for subject, (since, message) in open_rows.items():
            now_seen = current.get(subject)
            if now_seen is not None and now_seen.crossed:
                continue
            words = now_seen.message if now_seen is not None else message
            store.db.execute_sql(
                "UPDATE alert_state SET open = 0, message = ?, updated_at = ? "
                "WHERE kind = ? AND subject = ?",
                (words, at, kind.value, subject),
            )
            text = _("Retour à la normale : {message}").format(message=words)
            log_id = _log(store, at, kind.value, subject, "cleared", text)
            cleared.append(Alert(kind.value, subject, since, text, log_id))
    return fired, cleared


RETRY = "retry: "
"""Prefix of an SMS outcome to try again (nothing was sent: the gateway was down)."""
SENDING = "sending"


def claim_sms_retries(store: Store) -> list[Alert]:
    """The alerts still open whose SMS could not leave: claimed for one more try (a
    process that claims one owns it; a crash mid-send leaves it 'sending', never resent)."""
    rows = store.db.execute_sql(
        "SELECT l.id, l.kind, l.subject, l.at, l.message FROM alert_log l "
        "JOIN alert_state s ON s.kind = l.kind AND s.subject = l.subject "
        "AND s.open = 1 AND s.since = l.at WHERE l.event = 'fired' AND l.sms LIKE ?",
        (RETRY + "%",),
    ).fetchall()
    claimed = []
    for log_id, kind, subject, at, message in rows:
        with store.write():
            cursor = store.db.execute_sql(
                "UPDATE alert_log SET sms = ? WHERE id = ? AND sms LIKE ?",
                (SENDING, log_id, RETRY + "%"),
            )
        if cursor.rowcount == 1:
            claimed.append(Alert(str(kind), str(subject), str(at), str(message), int(log_id)))
    return claimed


def record_sms(store: Store, log_id: int, outcome: str) -> None:
    """What became of the SMS of an alert: 'sent' or why not."""
    with store.write():
        store.db.execute_sql("UPDATE alert_log SET sms = ? WHERE id = ?", (outcome, log_id))


def open_alerts(store: Store) -> list[Alert]:
    rows = store.db.execute_sql(
        "SELECT kind, subject, since, message FROM alert_state WHERE open = 1 "
        "ORDER BY since, kind, subject"
    )
    return [Alert(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def alert_log(store: Store, *, limit: int = 200) -> list[LogLine]:
    """The most recent alerts, newest first."""
    rows = store.db.execute_sql(
        "SELECT id, at, kind, subject, event, message, sms FROM alert_log ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [LogLine(int(r[0]), *(str(v) for v in r[1:])) for r in rows]
