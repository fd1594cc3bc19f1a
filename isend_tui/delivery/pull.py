"""The pull fallback: delivery states read from iSendPro's /campagne report (zipped CSV).

For a campaign whose receipts did not all come (the receiver off, a callback URL not set in
the customer area), the report of the campaign's period is fetched and matched to its
recipients: by tracker (C<campaign>R<recipient>), else by number and time (the row's send
time within the recipient's batch, two minutes each side; a number listed once in the
period when the row has no readable time). Its columns are undocumented: they are found
by their names (case, accents, spaces and punctuation ignored), in any order, extras
ignored. What could not be read is said in words (`PullResult.message`), never guessed:
no delivery column, a status nobody knows, a row matching no recipient.

Rows become receipts (via "report") recorded like callbacks: the same receipt through both
counts once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from isend_tui.campaigns.run import tracker_of
from isend_tui.campaigns.window import scheduled_moment, to_paris
from isend_tui.delivery.receipts import (
    CAMPAIGN_TRACKER,
    NOTIFICATION_TRACKER,
    Receipt,
    parse_date,
)
from isend_tui.delivery.record import Tally, record
from isend_tui.delivery.states import fold_word, meaning_of
from isend_tui.formatting import counted
from isend_tui.gateway import IsendClient
from isend_tui.gateway.replies import TRACKER_HEADERS, digits, report_column
from isend_tui.i18n import _
from isend_tui.store import Store

MARGIN = timedelta(minutes=2)
PULL_AFTER = timedelta(hours=1)
STATUS_HEADERS = (
    *("statutaccuse", "etataccuse", "accuse", "accusereception", "statutar", "ar"),
    *("statutlivraison", "etatlivraison", "livraison", "statutremise", "remise"),
    *("dlr", "dlrstatus", "statutdlr", "deliverystatus", "delivery", "deliverystate"),
)
RECEIPT_DATE_HEADERS = (
    *("dateaccuse", "dateaccusereception", "datear", "datelivraison", "dateremise"),
    *("dlrdate", "datedlr", "deliveredat", "deliverydate"),
)
SENT_DATE_HEADERS = ("datereception", "dateenvoi", "date", "datesms", "sentat", "dateheure")


def _column(header: Sequence[str], names: Sequence[str]) -> str | None:
    folded = {fold_word(name): name for name in header}
    return next((folded[n] for n in names if n in folded), None)


def number_key(value: str) -> str:
    """A number as international digits: "06 12…" -> "3361 2…", "+33 6…"/"0033 6…" -> "336…"."""
    found = digits(value)
    if found.startswith("00"):
        return found[2:]
    if found.startswith("0") and len(found) == 10:
        return "33" + found[1:]
    return found


@dataclass
class PullResult:
    campaign_id: int
    rows: int = 0
    by_tracker: int = 0
    by_number: int = 0
    pending: int = 0
    """Rows of ours whose delivery column is still empty."""
    unknown_status: int = 0
    unmatched: int = 0
    missing: list[str] = field(default_factory=list)
    """Columns that could not be found."""
    statuses: set[str] = field(default_factory=set)
    """Unknown status values (a few), for the message."""
    tally: Tally = field(default_factory=Tally)

    def message(self) -> str:
        rows = counted(self.rows, _("{n} ligne lue"), _("{n} lignes lues"))
        if self.campaign_id:
            head = _("Rapport iSendPro de la campagne {id} : {rows}")
        else:
            head = _("Rapport iSendPro des notifications : {rows}")
        parts = [head.format(id=self.campaign_id, rows=rows)]
        if "delivery" in self.missing:
            parts.append(_("aucune colonne d'état de remise reconnue : aucun état lu"))
        if "match" in self.missing:
            parts.append(_("ni colonne de suivi ni colonne de numéros : aucune ligne rattachée"))
        parts.append(
            _(
                "{changed} mis à jour ({tracker} par code de suivi, {number} par numéro et heure)"
            ).format(
                changed=counted(self.tally.changed, _("{n} état"), _("{n} états")),
                tracker=self.by_tracker,
                number=self.by_number,
            )
        )
        if self.pending:
            parts.append(
                counted(self.pending, _("{n} sans état encore"), _("{n} sans état encore"))
            )
        if self.unknown_status:
            parts.append(
                _("{n} à l'état illisible ({values})").format(
                    n=self.unknown_status, values=", ".join(sorted(self.statuses)[:5])
                )
            )
        if self.unmatched:
            parts.append(
                counted(
                    self.unmatched,
                    _("{n} ligne rattachée à aucun destinataire"),
                    _("{n} lignes rattachées à aucun destinataire"),
                )
            )
        return " ; ".join(parts) + "."


@dataclass(frozen=True)
class _Recipient:
    id: int
    number: str
    first: datetime
    last: datetime


def _recipients(store: Store, campaign_id: int) -> dict[str, _Recipient]:
    """The campaign's accepted recipients by number key, with when their SMS left (their
    batch's span, up to the campaign's scheduled date)."""
    scheduled_row = store.db.execute_sql(
        "SELECT scheduled_for FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    scheduled = scheduled_moment(scheduled_row[0]) if scheduled_row and scheduled_row[0] else None
    rows = store.db.execute_sql(
        "SELECT r.id, r.number, b.started_at, coalesce(b.finished_at, b.started_at), b.send_at "
        "FROM campaign_recipient r JOIN campaign_batch b ON b.id = r.batch_id "
        "WHERE r.campaign_id = ? AND r.state = 'sent'",
        (campaign_id,),
    ).fetchall()
    found: dict[str, _Recipient] = {}
    for r in rows:
        last = datetime.fromisoformat(str(r[3]))
        # held until the batch's own slot (local hours) or the campaign's date
        held = scheduled_moment(r[4]) if r[4] else scheduled
        if held is not None:
            last = max(last, held)
        first = datetime.fromisoformat(str(r[2]))
        found[number_key(str(r[1]))] = _Recipient(
            int(r[0]), str(r[1]), first - MARGIN, last + MARGIN
        )
    return found


def campaign_period(store: Store, campaign_id: int) -> tuple[datetime, datetime] | None:
    """When the campaign's SMS left, two minutes wider each side (Paris time): from its
    first batch to its last, or to its scheduled date when iSendPro kept them until then
    (the report's dates are undocumented: either may be what it lists them by)."""
    row = store.db.execute_sql(
        "SELECT min(b.started_at), max(coalesce(b.finished_at, b.started_at)), "
        "max(coalesce(b.send_at, c.scheduled_for)) FROM campaign_batch b "
        "JOIN campaign c ON c.id = b.campaign_id "
        "WHERE b.campaign_id = ?",
        (campaign_id,),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    first = to_paris(datetime.fromisoformat(str(row[0])))
    last = to_paris(datetime.fromisoformat(str(row[1])))
    scheduled = scheduled_moment(row[2]) if row[2] else None
    if scheduled is not None:
        last = max(last, scheduled)
    return first - MARGIN, last + MARGIN


def match_report(
    store: Store, campaign_id: int, rows: Sequence[Mapping[str, str]]
) -> tuple[PullResult, list[Receipt]]:
    """The receipts a report's rows give for this campaign (blocking, read-only)."""
    result = PullResult(campaign_id, rows=len(rows))
    if not rows:
        return result, []
    header = list(rows[0].keys())
    status_col = _column(header, STATUS_HEADERS)
    tracker_col = report_column(rows, "tracker") if _column(header, TRACKER_HEADERS) else None
    number_col = report_column(rows, "number")
    date_col = _column(header, RECEIPT_DATE_HEADERS)
    sent_col = _column(header, SENT_DATE_HEADERS)
    if status_col is None:
        result.missing.append("delivery")
        return result, []
    if tracker_col is None and number_col is None:
        result.missing.append("match")
        return result, []
    recipients = _recipients(store, campaign_id)
    by_id = {r.id: r for r in recipients.values()}
    listed: dict[str, int] = {}
    if number_col is not None:
        for row in rows:
            key = number_key(row.get(number_col, ""))
            listed[key] = listed.get(key, 0) + 1
    found: list[Receipt] = []
    for row in rows:
        tracker = row.get(tracker_col, "").strip() if tracker_col else ""
        number = row.get(number_col, "").strip() if number_col else ""
        recipient: _Recipient | None = None
        ours = CAMPAIGN_TRACKER.match(tracker)
        if ours and int(ours.group(1)) == campaign_id:
            recipient = by_id.get(int(ours.group(2)))
            via_tracker = True
        elif ours or tracker.startswith("n"):
            continue  # another campaign's, or a notification's
        else:
            via_tracker = False
            candidate = recipients.get(number_key(number)) if number else None
            if candidate is not None:
                sent = parse_date(row.get(sent_col, "")) if sent_col else None
                if sent is not None:
                    recipient = candidate if candidate.first <= sent <= candidate.last else None
                elif listed.get(number_key(number)) == 1:
                    recipient = candidate
        if recipient is None:
            result.unmatched += 1
            continue
        status = row.get(status_col, "").strip()
        if not status:
            result.pending += 1
            continue
        meaning = meaning_of(status)
        if meaning is None:
            result.unknown_status += 1
            if len(result.statuses) < 5:
                result.statuses.add(status[:20])
            continue
        if via_tracker:
            result.by_tracker += 1
        else:
            result.by_number += 1
        found.append(
            Receipt(
                tracker=tracker_of(campaign_id, recipient.id),
                number=number or recipient.number,
                status=status[:32],
                at=(row.get(date_col, "") if date_col else "")[:40],
                meaning=meaning,
                raw="",
            )
        )
    return result, found


def record_report(store: Store, result: PullResult, receipts: Sequence[Receipt]) -> PullResult:
    with store.write():
        result.tally = record(store, receipts, via="report", now=datetime.now(UTC))
    return result


async def pull_campaign(store: Store, client: IsendClient, campaign_id: int) -> PullResult:
    """Fetch the campaign's report, match it and record what it says."""
    period = await asyncio.to_thread(campaign_period, store, campaign_id)
    if period is None:
        return PullResult(campaign_id)
    rows = await client.campaign_report(*period)
    result, receipts = await asyncio.to_thread(match_report, store, campaign_id, rows)
    return await asyncio.to_thread(record_report, store, result, receipts)


def campaigns_awaiting(store: Store, *, hours: int, now: datetime) -> list[int]:
    """Campaigns sent in the last `hours`, at least PULL_AFTER ago (callbacks come within
    minutes: the report is for what they did not bring), with SMS still awaiting receipts."""

    def utc(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    rows = store.db.execute_sql(
        "SELECT DISTINCT b.campaign_id FROM campaign_batch b "
        "WHERE datetime(b.started_at) >= ? AND datetime(b.started_at) <= ? AND "
        "EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = b.campaign_id "
        "AND r.state = 'sent' AND r.delivery IS NULL) ORDER BY b.campaign_id",
        (utc(now - timedelta(hours=hours)), utc(now - PULL_AFTER)),
    ).fetchall()
    return [int(r[0]) for r in rows]


def match_notifications(rows: Sequence[Mapping[str, str]]) -> tuple[PullResult, list[Receipt]]:
    """The receipts a report gives for notifications: by their tracker n<id> only (a number
    gets several notifications: without the tracker, which one is unknown)."""
    result = PullResult(0, rows=len(rows))
    if not rows:
        return result, []
    header = list(rows[0].keys())
    status_col = _column(header, STATUS_HEADERS)
    tracker_col = report_column(rows, "tracker") if _column(header, TRACKER_HEADERS) else None
    if status_col is None:
        result.missing.append("delivery")
        return result, []
    if tracker_col is None:
        result.missing.append("match")
        return result, []
    number_col = report_column(rows, "number")
    date_col = _column(header, RECEIPT_DATE_HEADERS)
    found: list[Receipt] = []
    for row in rows:
        tracker = row.get(tracker_col, "").strip()
        if not NOTIFICATION_TRACKER.match(tracker):
            continue
        status = row.get(status_col, "").strip()
        meaning = meaning_of(status) if status else None
        if not status:
            result.pending += 1
        elif meaning is None:
            result.unknown_status += 1
            if len(result.statuses) < 5:
                result.statuses.add(status[:20])
        else:
            result.by_tracker += 1
            number = row.get(number_col, "").strip() if number_col else ""
            at = (row.get(date_col, "") if date_col else "")[:40]
            found.append(Receipt(tracker, number[:32], status[:32], at, meaning, ""))
    return result, found


def _notifications_period(store: Store, *, hours: int, now: datetime) -> datetime | None:
    """When the oldest notification still awaiting its receipt left (sent in the last
    `hours`, over PULL_AFTER ago), None when there is none."""

    def utc(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    row = store.db.execute_sql(
        "SELECT min(sent_at) FROM notification WHERE state = 'sent' AND delivery IS NULL "
        "AND datetime(sent_at) >= ? AND datetime(sent_at) <= ?",
        (utc(now - timedelta(hours=hours)), utc(now - PULL_AFTER)),
    ).fetchone()
    return datetime.fromisoformat(str(row[0])) if row and row[0] else None


async def pull_notifications(
    store: Store, client: IsendClient, *, hours: int, now: datetime
) -> PullResult:
    """The report from the oldest notification awaiting its receipt until now, recorded."""
    oldest = await asyncio.to_thread(_notifications_period, store, hours=hours, now=now)
    if oldest is None:
        return PullResult(0)
    rows = await client.campaign_report(to_paris(oldest) - MARGIN, to_paris(now) + MARGIN)
    result, receipts = match_notifications(rows)
    return await asyncio.to_thread(record_report, store, result, receipts)
