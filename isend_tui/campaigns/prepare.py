"""Creating a campaign: recipients materialised into the store as a draft (the request
checked first, validation.py).

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
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from isend_tui.campaigns import send_times
from isend_tui.campaigns.draws import new_seed
from isend_tui.campaigns.errors import CampaignNotFound, CampaignStateError, MissingBasis
from isend_tui.campaigns.events import (
    CampaignProgress,
    EventKind,
    Level,
    OnEvent,
    emitter,
    record_events,
    stamp,
)
from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.local_hours import alsace_moselle_customers, needs_alsace_moselle
from isend_tui.campaigns.locks import campaign_lock, is_running
from isend_tui.campaigns.materialise import CHUNK_SIZE, materialise
from isend_tui.campaigns.model import (
    CampaignKind,
    CampaignRequest,
    CampaignState,
    RecipientLike,
)
from isend_tui.campaigns.suppression import import_numbers, suppressed_numbers
from isend_tui.campaigns.validation import (
    ValidRequest,
    check_schedule,
    validate_request,
)
from isend_tui.campaigns.window import SCHEDULE_FORMAT, Clock, paris_now, to_paris
from isend_tui.config import Settings
from isend_tui.consent.imported import basis_rule
from isend_tui.errors import UserError
from isend_tui.formatting import count, moment
from isend_tui.i18n import _
from isend_tui.segments.counting import RecipientCount, count_recipients, iter_recipients
from isend_tui.segments.exclusions import Exclusion
from isend_tui.segments.model import Segment
from isend_tui.segments.segment_file import segment_to_dict
from isend_tui.shop.info import open_shop
from isend_tui.shop.info import today as shop_today
from isend_tui.store import Store

if TYPE_CHECKING:
    from isend_tui.shop.dsn import ShopDsn

log = logging.getLogger(__name__)

#: Reads the account's blacklist (getlistenoire), blocking: suppression.AccountReader.
BlacklistSource = Callable[[], Sequence[str]]


def _default_label(request: CampaignRequest, now: datetime) -> str:
    if request.kind == CampaignKind.EXPORT:
        return _("Export {name}").format(name=request.directory_name.strip())
    return _("Campagne du {date}").format(date=moment(now))


#: What the preparation reads its recipients from, once the draft exists and is locked:
#: the recipients, how many there will be (None: unknown) and the customers left out by
#: reason (None: nothing to record). Called with the function telling a step's progress.
RecipientSource = Callable[
    [OnEvent], tuple[Iterable[RecipientLike], int | None, Mapping[str, int] | None]
]


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
    return _prepare(
        store,
        lambda _emit: (recipients, expected_total, None),
        request,
        settings=settings,
        clock=clock,
        excluded=excluded,
        on_event=on_event,
        chunk_size=chunk_size,
    )


def _prepare(
    store: Store,
    source: RecipientSource,
    request: CampaignRequest,
    *,
    settings: Settings,
    clock: Clock,
    excluded: Mapping[str, int] | None,
    on_event: OnEvent | None,
    chunk_size: int,
    alsace_moselle: Callable[[ValidRequest], Mapping[int, str]] | None = None,
) -> int:
    valid = validate_request(request, settings, clock=clock)
    emit = emitter(on_event)
    campaign_id, created = _create_draft(store, valid, excluded, clock)
    try:
        with campaign_lock(store, campaign_id):
            emit(created)
            recipients, total, left_out = source(_step_emitter(store, campaign_id, clock, emit))
            if left_out is not None:
                with store.write():
                    store.db.execute_sql(
                        "UPDATE campaign SET excluded = ? WHERE id = ?",
                        (json.dumps(dict(left_out), ensure_ascii=False), campaign_id),
                    )
            capped = _over_the_caps(store, campaign_id, valid, settings, clock)
            places = alsace_moselle(valid) if alsace_moselle is not None else None
            materialise(
                store,
                campaign_id,
                recipients,
                valid,
                clock,
                total,
                emit,
                chunk_size,
                capped,
                places,
            )
    except BaseException as exc:
        if isinstance(exc, UserError):
            _abandon(store, campaign_id, exc.message, clock)
        raise
    return campaign_id


def _over_the_caps(
    store: Store, campaign_id: int, valid: ValidRequest, settings: Settings, clock: Clock
) -> tuple[frozenset[str], ...]:
    """The numbers that already had their share of marketing SMS (frequency_caps.py) at the
    campaign's moment: its scheduled time, else now; for an A/B test on send times, at
    each of its moments (one set each). An export sends no SMS: ()."""
    rule = CapRule.of(settings)
    if valid.request.kind != CampaignKind.SEND or not rule.active:
        return ()
    now = to_paris(clock())
    moments = valid.send_times or (valid.scheduled_for or now,)
    return tuple(
        capped_numbers(store, None, rule, at, exclude_campaign=campaign_id, now=now)
        for at in moments
    )


def _create_draft(
    store: Store, valid: ValidRequest, excluded: Mapping[str, int] | None, clock: Clock
) -> tuple[int, CampaignProgress]:
    request = valid.request
    now = to_paris(clock())
    label = request.label.strip() or _default_label(request, now)
    with store.write():
        cursor = store.db.execute_sql(
            "INSERT INTO campaign (kind, label, state, segment, message, sender, stop_mention, "
            "scheduled_for, directory_name, excluded, created_at, updated_at, basis, "
            "holdout_pct, draw_seed, variants, winner_after, send_times) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                None if request.basis is None else request.basis.value,
                request.holdout_pct if request.kind == CampaignKind.SEND else 0,
                new_seed(),
                _variants_json(request),
                request.winner_after_hours if request.remainder_pct else None,
                send_times.to_json(valid.send_times),
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
    return campaign_id, created


def _variants_json(request: CampaignRequest) -> str | None:
    """An A/B test's texts in order (the message is text 0), kept with the campaign."""
    if not request.variants or request.kind != CampaignKind.SEND:
        return None
    return json.dumps([request.message, *request.variants], ensure_ascii=False)


def _step_emitter(store: Store, campaign_id: int, clock: Clock, emit: OnEvent) -> OnEvent:
    """What a source tells of its steps: recorded in the campaign's log, then emitted (the
    event's campaign id is this campaign's whatever the source gave)."""

    def step(event: CampaignProgress) -> None:
        event = replace(event, campaign_id=campaign_id, at=event.at or stamp(to_paris(clock())))
        with store.write():
            record_events(store, [event])
        emit(event)

    return step


def _excluded_breakdown(counted: RecipientCount) -> dict[str, int]:
    """Customers of the segment who get no SMS, by reason code (suppressed numbers are
    materialised as recipients in state 'suppressed' and counted there)."""
    return {
        reason.value: count
        for reason, count in counted.breakdown()
        if count and reason is not Exclusion.SUPPRESSED
    }


def _step(kind_text: str, level: Level = Level.INFO, **data: Any) -> CampaignProgress:
    return CampaignProgress(0, EventKind.PREPARED, kind_text, level, data=data)


def _import_blacklist(store: Store, blacklist: BlacklistSource) -> CampaignProgress:
    """The account's blacklist (the STOP replies) into the suppression list before the
    recipients are read. A failure does not stop the campaign: it is said, and the local
    list applies as it is."""
    try:
        result = import_numbers(store, blacklist())
    except UserError as exc:
        reason = exc.message
    except Exception as exc:  # a bug or an odd reply: said, logged, never blocking
        log.exception("reading the account's blacklist before a campaign failed")
        reason = type(exc).__name__
    else:
        return _step(result.message(), step="blacklist", added=result.added)
    text = _(
        "Liste noire iSendPro non lue ({reason}) : la campagne est préparée avec la liste "
        "d'exclusion locale ; les numéros sur liste noire seront refusés par iSendPro (code "
        "11) et ajoutés à la liste."
    ).format(reason=reason)
    return _step(text, Level.WARNING, step="blacklist", added=None)


def prepare_from_shop(
    store: Store,
    dsn: ShopDsn,
    segment: Segment,
    request: CampaignRequest,
    *,
    settings: Settings,
    clock: Clock = paris_now,
    on_event: OnEvent | None = None,
    chunk_size: int = CHUNK_SIZE,
    blacklist: BlacklistSource | None = None,
) -> int:
    """Validate, then materialise the segment's recipients read from the shop (suppressed
    ones included, in state 'suppressed'), each with the proof of the request's lawful
    basis (required: MissingBasis), those without it left out and counted as no_consent.
    Blocking; the shop connection is opened here and closed once every recipient is in the
    store.

    `on_event` hears every step once the draft exists: the segment counted in the shop
    (data step "count"), how many recipients will be prepared (done 0 of total), then the
    recipients read and written (done of total, increasing), and the end ("final").
    `blacklist` given, the account's blacklist is imported first (data step "blacklist":
    how many were new, or why it could not be read)."""
    validate_request(request, settings, clock=clock)
    if request.basis is None:
        raise MissingBasis()
    rule = basis_rule(
        store,
        request.basis,
        soft_optin_months=settings.soft_optin_months,
        retention_months=settings.retention_months,
    )
    imported = _import_blacklist(store, blacklist) if blacklist is not None else None
    suppressed = suppressed_numbers(store)
    if not request.segment:
        request = replace(request, segment=segment_to_dict(segment))
    with open_shop(dsn) as conn:
        today = shop_today(conn)

        def source(
            step: OnEvent,
        ) -> tuple[Iterable[RecipientLike], int | None, Mapping[str, int] | None]:
            if imported is not None:
                step(imported)
            step(_step(_("Comptage des destinataires dans la boutique…"), step="count"))
            counted = count_recipients(
                conn, segment, today=today, suppressed=suppressed, basis=rule
            )
            total = counted.recipients + counted.suppressed
            step(
                _step(
                    _("Destinataires à préparer : {total}. Lecture de la boutique…").format(
                        total=count(total)
                    ),
                    step="read",
                    done=0,
                    total=total,
                )
            )
            recipients = iter_recipients(
                conn,
                segment,
                today=today,
                suppressed=suppressed,
                include_suppressed=True,
                basis=rule,
            )
            return recipients, total, _excluded_breakdown(counted)

        def places(valid: ValidRequest) -> Mapping[int, str]:
            """Alsace-Moselle's customers, read only when its own holidays are near."""
            moment = valid.scheduled_for or to_paris(clock())
            if valid.request.kind != CampaignKind.SEND or not needs_alsace_moselle(moment):
                return {}
            return alsace_moselle_customers(conn)

        return _prepare(
            store,
            source,
            request,
            settings=settings,
            clock=clock,
            excluded=None,
            on_event=on_event,
            chunk_size=chunk_size,
            alsace_moselle=places,
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
