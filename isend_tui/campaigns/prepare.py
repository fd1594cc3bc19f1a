"""Creating a campaign: validation, recipients materialised into the store as a draft.

`create_and_prepare` is blocking (the UI runs it in a thread worker): it streams the
recipients in chunks, merges the message for each one and writes the chunk with one
executemany inside one write transaction, so memory stays constant whatever the size.
The campaign is then a 'draft': nothing is sent until `dispatch` is called for it, after
the merchant saw its plan (plan.py). `discard_draft` drops a draft that was not
confirmed. The campaign's lock is held while preparing, so a draft left unprepared with its
lock free was interrupted (crash, kill): `close_interrupted_preparations` cancels it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from isend_tui.campaigns.errors import (
    CampaignNotFound,
    CampaignStateError,
    OutsideSendingWindow,
    ScheduleRefused,
)
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    OnEvent,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.locks import campaign_lock, is_running
from isend_tui.campaigns.merge import (
    Merger,
    MessageCheck,
    check_message,
    require_gsm7_for_france,
    too_long_reason,
)
from isend_tui.campaigns.model import (
    CampaignKind,
    CampaignRequest,
    CampaignState,
    RecipientLike,
    RecipientState,
)
from isend_tui.campaigns.suppression import suppressed_numbers
from isend_tui.campaigns.window import (
    PARIS,
    SCHEDULE_FORMAT,
    Clock,
    SendingWindow,
    format_slot,
    paris_now,
    to_paris,
)
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.formatting import count, moment
from isend_tui.i18n import _
from isend_tui.segments.counting import RecipientCount, count_recipients, iter_recipients
from isend_tui.segments.exclusions import Exclusion
from isend_tui.segments.model import Segment
from isend_tui.segments.segment_file import segment_to_dict
from isend_tui.shop.info import open_shop
from isend_tui.shop.info import today as shop_today
from isend_tui.sms.encoding import MAX_PARTS
from isend_tui.sms.rules import gsm7_required
from isend_tui.sms.sender import validate_sender
from isend_tui.store import Store

if TYPE_CHECKING:
    from isend_tui.shop.dsn import ShopDsn

CHUNK_SIZE = 5000


# --------------------------------------------------------------------------- validation


def parse_schedule(text: str) -> datetime:
    """ "YYYY-MM-DD HH:MM" read as Europe/Paris time."""
    try:
        naive = datetime.strptime(text.strip(), SCHEDULE_FORMAT)
    except ValueError:
        raise ScheduleRefused(
            _(
                "Date d'envoi « {value} » illisible : format AAAA-MM-JJ HH:MM (heure de Paris), "
                "par exemple 2025-06-12 10:30."
            ).format(value=text)
        ) from None
    return naive.replace(tzinfo=PARIS)


def check_schedule(at: datetime, settings: Settings, *, now: datetime) -> datetime:
    """The scheduled moment (Paris, whole minute) if it is in the future and in the window."""
    local = to_paris(at).replace(second=0, microsecond=0)
    if local <= now:
        raise ScheduleRefused(
            _(
                "La date d'envoi {at} est déjà passée : choisissez une date et une heure à venir "
                "(heure de Paris)."
            ).format(at=moment(local))
        )
    window = SendingWindow.from_settings(settings)
    if not window.is_open(local):
        slot = window.next_slot(local)
        raise OutsideSendingWindow(
            _(
                "Le {at} est hors de la plage d'envoi marketing ({window}). Prochain créneau "
                "possible : {slot}."
            ).format(at=format_slot(local), window=window.describe(), slot=format_slot(slot)),
            slot,
        )
    return local


@dataclass(frozen=True)
class ValidRequest:
    request: CampaignRequest
    sender: str
    check: MessageCheck | None
    scheduled_for: datetime | None


def validate_request(
    request: CampaignRequest, settings: Settings, *, clock: Clock = paris_now
) -> ValidRequest:
    """Every check that needs no recipient: sender, message variables, schedule, name."""
    sender = request.sender.strip() or settings.sender.strip()
    if sender:
        validate_sender(sender)
    check = None
    scheduled = None
    if request.kind == CampaignKind.SEND:
        check = check_message(request.message, sender=sender)
        if request.scheduled_for is not None:
            scheduled = check_schedule(request.scheduled_for, settings, now=to_paris(clock()))
    elif not request.directory_name.strip():
        raise UserError(
            _("Nom du répertoire iSendPro vide : donnez un nom au répertoire à créer."),
            field="directory_name",
        )
    return ValidRequest(request, sender, check, scheduled)


# --------------------------------------------------------------------------- preparation

_INSERT = (
    "INSERT OR IGNORE INTO campaign_recipient (campaign_id, number, id_customer, firstname, "
    "lastname, email, country, text, parts, ucs2, state, code, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _default_label(request: CampaignRequest, now: datetime) -> str:
    if request.kind == CampaignKind.EXPORT:
        return _("Export {name}").format(name=request.directory_name.strip())
    return _("Campagne du {date}").format(date=moment(now))


def create_and_prepare(
    store: Store,
    recipients: Iterable[RecipientLike],
    request: CampaignRequest,
    *,
    settings: Settings,
    clock: Clock = paris_now,
    expected_total: int | None = None,
    excluded: Mapping[str, int] | None = None,
    on_event: OnEvent | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Validate, create the campaign as a draft and materialise its recipients.

    Blocking. Raises the validation errors before writing anything; a message refused
    for a French recipient (characters outside GSM-7) removes the half-prepared draft.
    Returns the campaign id.
    """
    valid = validate_request(request, settings, clock=clock)
    emit = emitter(on_event)
    now = to_paris(clock())
    label = request.label.strip() or _default_label(request, now)
    with store.write():
        cursor = store.db.execute_sql(
            "INSERT INTO campaign (kind, label, state, segment, message, sender, stop_mention, "
            "scheduled_for, directory_name, excluded, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                request.kind.value,
                label,
                CampaignState.DRAFT.value,
                json.dumps(dict(request.segment), ensure_ascii=False, default=str),
                request.message,
                valid.sender,
                int(bool(valid.check and valid.check.stop_mention)),
                valid.scheduled_for.strftime(SCHEDULE_FORMAT) if valid.scheduled_for else None,
                request.directory_name.strip() or None,
                json.dumps(dict(excluded or {}), ensure_ascii=False),
                stamp(now),
                stamp(now),
            ),
        )
        campaign_id = int(cursor.lastrowid)
        created = CampaignProgress(
            campaign_id,
            EventKind.CREATED,
            _("Campagne {id} « {label} » créée.").format(id=campaign_id, label=label),
            at=stamp(now),
        )
        record_events(store, [created])
    try:
        with campaign_lock(store, campaign_id):
            emit(created)
            _materialise(
                store, campaign_id, recipients, valid, clock, expected_total, emit, chunk_size
            )
    except BaseException as exc:
        if isinstance(exc, UserError):
            _abandon(store, campaign_id, exc.message, clock)
        raise
    return campaign_id


def _excluded_breakdown(counted: RecipientCount) -> dict[str, int]:
    """Customers of the segment who get no SMS, by reason code (suppressed numbers are
    materialised as recipients in state 'suppressed' and counted there)."""
    return {
        reason.value: count
        for reason, count in counted.breakdown()
        if count and reason is not Exclusion.SUPPRESSED
    }


def prepare_from_shop(
    store: Store,
    dsn: ShopDsn,
    segment: Segment,
    request: CampaignRequest,
    *,
    settings: Settings,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
) -> int:
    """Validate, then materialise the segment's recipients read from the shop (suppressed
    ones included, in state 'suppressed'). Blocking; the shop connection is opened here and
    closed once every recipient is in the store."""
    validate_request(request, settings, clock=clock)
    suppressed = suppressed_numbers(store)
    if not request.segment:
        request = replace(request, segment=segment_to_dict(segment))
    with open_shop(dsn) as conn:
        today = shop_today(conn)
        counted = count_recipients(conn, segment, today=today, suppressed=suppressed)
        recipients = iter_recipients(
            conn, segment, today=today, suppressed=suppressed, include_suppressed=True
        )
        return create_and_prepare(
            store,
            recipients,
            request,
            settings=settings,
            clock=clock,
            expected_total=counted.recipients + counted.suppressed,
            excluded=_excluded_breakdown(counted),
            on_event=on_event,
        )


#: A draft younger than this is left alone: its preparer may not hold the lock yet.
PREPARATION_GRACE = timedelta(seconds=60)


def close_interrupted_preparations(store: Store, *, clock: Clock = paris_now) -> list[int]:
    """Cancel the drafts whose preparation died (crash, kill); nothing of them was sent.

    Such a draft cannot be confirmed (`dispatch` refuses it) and would stay 'draft' forever.
    It is cancelled with the reason shown in its history, and its half-written recipients
    are deleted. Returns the ids cancelled."""
    now = to_paris(clock())
    rows = store.db.execute_sql(
        "SELECT id, created_at FROM campaign WHERE state = ? AND prepared_at IS NULL",
        (CampaignState.DRAFT.value,),
    ).fetchall()
    closed = []
    for campaign_id, created_at in rows:
        if now - datetime.fromisoformat(created_at) < PREPARATION_GRACE:
            continue
        if is_running(store, int(campaign_id)):
            continue  # still being prepared by a live process
        reason = _("Préparation interrompue (arrêt du programme) : rien n'a été envoyé.")
        _abandon(store, int(campaign_id), reason, clock)
        closed.append(int(campaign_id))
    return closed


def _abandon(store: Store, campaign_id: int, reason: str, clock: Clock) -> None:
    at = stamp(to_paris(clock()))
    with store.write():
        store.db.execute_sql("DELETE FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,))
        store.db.execute_sql(
            "UPDATE campaign SET state = ?, error = ?, updated_at = ?, finished_at = ? "
            "WHERE id = ?",
            (CampaignState.CANCELLED.value, reason, at, at, campaign_id),
        )


def _materialise(
    store: Store,
    campaign_id: int,
    recipients: Iterable[RecipientLike],
    valid: ValidRequest,
    clock: Clock,
    expected_total: int | None,
    emit: OnEvent,
    chunk_size: int,
) -> None:
    check = valid.check
    merger = Merger(check.template, stop_mention=check.stop_mention) if check else None
    template_gsm7 = check.gsm7 if check else True
    rows: list[tuple[Any, ...]] = []
    done = 0
    pending = RecipientState.PENDING.value
    refused = RecipientState.REFUSED.value
    suppressed = RecipientState.SUPPRESSED.value

    def flush() -> None:
        at = stamp(to_paris(clock()))
        if expected_total:
            text = _("Destinataires préparés : {done} sur {total}.").format(
                done=count(done), total=count(expected_total)
            )
        else:
            text = _("Destinataires préparés : {done}.").format(done=count(done))
        event = CampaignProgress(
            campaign_id,
            EventKind.PREPARED,
            text,
            at=at,
            data={"done": done, "total": expected_total},
        )
        with store.write():
            if rows:
                store.db.connection().executemany(_INSERT, rows)
            record_events(store, [event])
        rows.clear()
        emit(event)

    merge = merger.merge_values if merger is not None else None
    for recipient in recipients:
        number = recipient.number
        firstname = recipient.firstname or ""
        lastname = recipient.lastname or ""
        email = recipient.email or ""
        head = (campaign_id, number, recipient.id_customer, firstname, lastname, email)
        country = recipient.country_iso or ""
        if recipient.suppressed:
            rows.append((*head, country, "", 0, 0, suppressed, None, None))
        elif merge is None:
            rows.append((*head, country, "", 0, 0, pending, None, None))
        else:
            if not template_gsm7 and gsm7_required(number):
                assert check is not None
                require_gsm7_for_france(check)
            text, parts, ucs2 = merge(number, firstname, lastname, email)
            if parts > MAX_PARTS:
                row = (*head, country, text, parts, int(ucs2), refused)
                rows.append((*row, None, too_long_reason(parts)))
            else:
                rows.append((*head, country, text, parts, int(ucs2), pending, None, None))
        done += 1
        if len(rows) >= chunk_size:
            flush()
    flush()
    _finish_preparation(store, campaign_id, clock, emit)


def _finish_preparation(store: Store, campaign_id: int, clock: Clock, emit: OnEvent) -> None:
    at = stamp(to_paris(clock()))
    with store.write():
        row = store.db.execute_sql(
            "SELECT "
            " sum(state = 'pending'),"
            " coalesce(sum(CASE WHEN state = 'pending' THEN parts END), 0),"
            " coalesce(max(CASE WHEN state = 'pending' THEN parts END), 0),"
            " coalesce(sum(CASE WHEN state = 'pending' THEN ucs2 END), 0),"
            " coalesce(sum(state = 'pending' AND substr(number, 1, 2) <> '33'), 0),"
            " coalesce(sum(state = 'suppressed'), 0),"
            " coalesce(sum(state = 'refused'), 0)"
            " FROM campaign_recipient WHERE campaign_id = ?",
            (campaign_id,),
        ).fetchone()
        pending, parts_total, parts_max, ucs2, foreign, suppressed, refused = (
            int(v or 0) for v in row
        )
        store.db.execute_sql(
            "UPDATE campaign SET recipients = ?, parts_total = ?, parts_max = ?, "
            "ucs2_recipients = ?, foreign_recipients = ?, suppressed = ?, refused = ?, "
            "prepared_at = ?, updated_at = ? WHERE id = ?",
            (
                pending,
                parts_total,
                parts_max,
                ucs2,
                foreign,
                suppressed,
                refused,
                at,
                at,
                campaign_id,
            ),
        )
        event = CampaignProgress(
            campaign_id,
            EventKind.PREPARED,
            _(
                "Préparation terminée : {n} destinataire(s), {parts} SMS facturés, {max} au "
                "maximum par destinataire ; {suppressed} exclu(s), {refused} refusé(s)."
            ).format(
                n=count(pending),
                parts=count(parts_total),
                max=parts_max,
                suppressed=count(suppressed),
                refused=count(refused),
            ),
            at=at,
            data={
                "recipients": pending,
                "parts_total": parts_total,
                "parts_max": parts_max,
                "suppressed": suppressed,
                "refused": refused,
                "final": True,
            },
        )
        record_events(store, [event])
    emit(event)


def discard_draft(store: Store, campaign_id: int) -> None:
    """Drop a draft the merchant did not confirm (nothing was sent)."""
    with store.write():
        row = store.db.execute_sql(
            "SELECT state FROM campaign WHERE id = ?", (campaign_id,)
        ).fetchone()
        if row is None:
            raise CampaignNotFound(campaign_id)
        if row[0] != CampaignState.DRAFT.value:
            raise CampaignStateError(
                _(
                    "La campagne {id} n'est plus un brouillon : elle ne peut pas être supprimée."
                ).format(id=campaign_id)
            )
        store.db.execute_sql("DELETE FROM campaign_event WHERE campaign_id = ?", (campaign_id,))
        store.db.execute_sql("DELETE FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,))
        store.db.execute_sql("DELETE FROM campaign_batch WHERE campaign_id = ?", (campaign_id,))
        store.db.execute_sql("DELETE FROM campaign WHERE id = ?", (campaign_id,))


def schedule_draft(
    store: Store,
    campaign_id: int,
    at: datetime | None,
    *,
    settings: Settings,
    clock: Clock = paris_now,
) -> datetime | None:
    """Set (or clear, with None) the sending date of a draft: what the UI offers when the
    window is closed (at = the plan's next_slot). Checked like a scheduled request."""
    scheduled = check_schedule(at, settings, now=to_paris(clock())) if at is not None else None
    with store.write():
        row = store.db.execute_sql(
            "SELECT state, kind FROM campaign WHERE id = ?", (campaign_id,)
        ).fetchone()
        if row is None:
            raise CampaignNotFound(campaign_id)
        if row[0] != CampaignState.DRAFT.value or row[1] != CampaignKind.SEND.value:
            raise CampaignStateError(
                _(
                    "La campagne {id} n'est plus un brouillon : sa date d'envoi ne peut plus "
                    "changer."
                ).format(id=campaign_id)
            )
        store.db.execute_sql(
            "UPDATE campaign SET scheduled_for = ?, updated_at = ? WHERE id = ?",
            (
                scheduled.strftime(SCHEDULE_FORMAT) if scheduled else None,
                stamp(to_paris(clock())),
                campaign_id,
            ),
        )
    return scheduled
