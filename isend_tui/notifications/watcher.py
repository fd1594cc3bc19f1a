"""The watcher: polls the shop for events and sends the notifications of the rules.

Used two ways, with the same class:

    # headless (isend-tui watch, under systemd): blocking, until SIGTERM/SIGINT
    stop = threading.Event()
    Watcher.from_context(ctx).run(stop, on_report=print)

    # in the TUI: the App runs the same blocking `run` in a thread worker; `on_report` is
    # called from that thread after every poll (use App.call_from_thread to show it), and
    # setting `stop` ends the loop after the current send.

    # tests and --once: drive it poll by poll
    with Watcher(store, settings, dsn, client_factory, clock) as w:
        report = w.poll_once()

The watcher is synchronous (sender.py runs the gateway calls on a private event loop)
and belongs to one thread at a time.

One poll:
1. Detect (detect.py): the shop rows after the id cursors (cursors.py), tracking numbers
   and guest conversions from snapshots.
2. Queue. Every (rule, occurrence, recipient) becomes one notification row whose
   idempotency key is UNIQUE; rows, cursors and snapshots are committed in ONE
   transaction. A crash before the commit re-detects the same rows (cursors did not move);
   after it, the queued rows are sent on restart. Nothing is lost, nothing is doubled.
3. Send (sender.py). Each row is claimed 'sending' before the gateway call; one found
   'sending' at start (a crash) becomes 'uncertain', never resent silently. Retries when
   nothing was sent, with backoff.

A customer account event (usually before any address exists) waits up to
ACCOUNT_WAIT_S for a usable number ('waiting'), then is logged as not sent.

If the shop database goes away, the poll reports it (PollReport.shop_error), the
connection is dropped and re-opened on a later poll with a growing pause; queued
notifications keep being sent meanwhile. Only one watcher per data directory (lock.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isend_tui.errors import UserError
from isend_tui.gateway import IsendClient
from isend_tui.i18n import _
from isend_tui.notifications.catalogue import CATALOGUE, Audience, EventDef, Trigger
from isend_tui.notifications.clock import Clock, iso, utc_now
from isend_tui.notifications.detect import Detection, Detector, Occurrence
from isend_tui.notifications.lock import WatcherLock
from isend_tui.notifications.log import Code, State
from isend_tui.notifications.models import Notification, NotificationRule
from isend_tui.notifications.recipients import admin_recipient, customer_recipient, for_number
from isend_tui.notifications.sender import ClientFactory, NotificationSender, SendTally
from isend_tui.notifications.variables import customer_values, order_values, render_text
from isend_tui.shop import events as shop_events
from isend_tui.shop.connection import ShopConnection, ShopDsn, ShopError, connect
from isend_tui.sms import check_template, count, parse_admin_phone, unknown_variables_message

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.context import AppContext
    from isend_tui.shop.info import ShopInfo
    from isend_tui.store import Store

log = logging.getLogger(__name__)

SEND_BUDGET_S = 1.0
"""Time spent sending in one poll before detecting again."""
ACCOUNT_WAIT_S = 3600.0
WAITING_RECHECK_S = 60.0
MAX_SHOP_PAUSE_S = 30.0


# --------------------------------------------------------------------------- report


@dataclass
class PollReport:
    """What one poll did (shown by the TUI, logged by the headless watcher)."""

    started_at: datetime
    duration_ms: float = 0.0
    detect_ms: float = 0.0
    occurrences: int = 0
    queued: int = 0
    not_sent: int = 0
    sent: int = 0
    refused: int = 0
    retried: int = 0
    uncertain: int = 0
    recovered_uncertain: int = 0
    """Notifications found 'sending' at start (a crash): now 'uncertain'."""
    waiting: int = 0
    shop_error: str | None = None
    gateway_error: str | None = None
    more: bool = False
    """Work is left (a full batch, or the send budget ran out): poll again at once."""

    def summary(self) -> str:
        text = _(
            "{events} événement(s), {queued} à envoyer, {sent} envoyé(s), {refused} refusé(s), "
            "{not_sent} non envoyé(s), {uncertain} incertain(s) en {ms} ms"
        ).format(
            events=self.occurrences,
            queued=self.queued,
            sent=self.sent,
            refused=self.refused,
            not_sent=self.not_sent,
            uncertain=self.uncertain + self.recovered_uncertain,
            ms=round(self.duration_ms, 1),
        )
        if self.shop_error:
            text += " — " + _("boutique injoignable : {error}").format(error=self.shop_error)
        if self.gateway_error:
            text += " — " + _("passerelle : {error}").format(error=self.gateway_error)
        return text

    def add_sends(self, tally: SendTally) -> None:
        self.sent += tally.sent
        self.refused += tally.refused
        self.not_sent += tally.not_sent
        self.retried += tally.retried
        self.uncertain += tally.uncertain
        if tally.gateway_error is not None:
            self.gateway_error = tally.gateway_error
        if tally.more is not None:
            self.more = tally.more


# --------------------------------------------------------------------------- internals


# --------------------------------------------------------------------------- watcher


class Watcher:
    """Polls one shop and sends the notifications of the store's rules. See module doc."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        shop_dsn: ShopDsn,
        client_factory: ClientFactory | None = None,
        clock: Clock | None = None,
        *,
        lock_path: Path | None = None,
        since: date | None = None,
        shop_connect: Callable[[ShopDsn], ShopConnection] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.shop_dsn = shop_dsn
        self._clock = clock or utc_now
        self._lock = WatcherLock(lock_path) if lock_path is not None else None
        self._shop_connect = shop_connect or (lambda dsn: connect(dsn))
        self._conn: ShopConnection | None = None
        self._stop: threading.Event | None = None
        self._started = False
        self._recovered = 0
        self._shop_names: dict[int, str] = {}
        self._shop_failures = 0
        self._pending_settings: Settings | None = None
        self._detector = Detector(store, self._clock, since=since)
        self._sender = NotificationSender(
            store, settings, self._clock, client_factory or self._default_client
        )

    @classmethod
    def from_context(
        cls,
        ctx: AppContext,
        *,
        shop_dsn: ShopDsn | None = None,
        client_factory: ClientFactory | None = None,
        since: date | None = None,
    ) -> Watcher:
        from isend_tui.config import shop_dsn as resolve_dsn

        dsn = shop_dsn or resolve_dsn(None, ctx.settings)
        return cls(
            ctx.store,
            ctx.settings,
            dsn,
            client_factory,
            lock_path=ctx.paths.watcher_lock,
            since=since,
        )

    def _default_client(self) -> IsendClient:
        return IsendClient(self.settings.keyid, self.settings.gateway_url)

    def update_settings(self, settings: Settings) -> None:
        """Use new settings (admin phone, sender, keyid…) from the next poll on.

        Safe to call from another thread (the TUI's): the polling thread applies them.
        """
        self._pending_settings = settings

    def _apply_pending_settings(self) -> None:
        settings, self._pending_settings = self._pending_settings, None
        if settings is None:
            return
        self.settings = settings
        self._sender.use_settings(settings)

    # -- life cycle

    def start(self) -> None:
        """Take the lock and recover from a crash (idempotent)."""
        if self._started:
            return
        if self._lock is not None:
            self._lock.acquire()
        self._recovered = self._sender.recover_interrupted()
        if self._recovered:
            log.warning("%d notification(s) left 'sending' by a crash: uncertain", self._recovered)
        self._started = True

    def close(self) -> None:
        """Close the shop connection and the gateway client, release the lock."""
        self._drop_connection()
        self._sender.close()
        if self._lock is not None:
            self._lock.release()
        self._started = False

    def __enter__(self) -> Watcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loop

    def run(
        self,
        stop: threading.Event,
        on_report: Callable[[PollReport], None] | None = None,
        *,
        interval: float | None = None,
    ) -> None:
        """Poll until `stop` is set (blocking). The current send always finishes."""
        self._stop = stop
        self.start()
        try:
            while not stop.is_set():
                report = self.poll_once()
                if on_report is not None:
                    try:
                        on_report(report)
                    except Exception:
                        log.exception("on_report callback failed")
                if report.more and not report.shop_error and not report.gateway_error:
                    continue
                pause = interval if interval is not None else self.settings.watch_interval
                if report.shop_error:
                    pause = min(MAX_SHOP_PAUSE_S, pause * (2 ** min(self._shop_failures, 4)))
                stop.wait(max(0.05, pause))
        finally:
            self.close()
            self._stop = None

    def poll_once(self) -> PollReport:
        """Detect, queue, then send what is due. Never raises for shop or gateway trouble."""
        self.start()
        self._apply_pending_settings()
        started = time.perf_counter()
        report = PollReport(started_at=self._clock())
        if self._recovered:
            report.recovered_uncertain, self._recovered = self._recovered, 0
        try:
            conn = self._connection()
            detection = self._detector.detect(conn)
            rows: list[dict[str, Any]] = []
            if detection.occurrences:
                rules = list(NotificationRule.select().order_by(NotificationRule.id))
                rows = self._resolve(conn, detection.occurrences, rules)
            self._commit(detection, rows)
            report.occurrences = len(detection.occurrences)
            report.queued = sum(1 for r in rows if r["state"] == State.QUEUED)
            report.not_sent = sum(1 for r in rows if r["state"] == State.NOT_SENT)
            report.waiting = sum(1 for r in rows if r["state"] == State.WAITING)
            report.more = detection.more
            self._recheck_waiting(conn, report)
            self._shop_failures = 0
        except ShopError as exc:  # the shop went away, or a schema problem: retry later
            self._shop_failures += 1
            report.shop_error = exc.message
            log.warning("shop poll failed (%s); will retry", exc.message)
            self._drop_connection()
        except Exception as exc:  # a dropped driver connection, or a bug: logged, retried
            self._shop_failures += 1
            report.shop_error = f"{type(exc).__name__}: {exc}"
            log.exception("shop poll failed; will retry")
            self._drop_connection()
        report.detect_ms = (time.perf_counter() - started) * 1000
        self._send_due(report, time.perf_counter() + SEND_BUDGET_S)
        report.duration_ms = (time.perf_counter() - started) * 1000
        if report.occurrences or report.sent or report.not_sent or report.uncertain:
            log.info("poll: %s", report.summary())
        return report

    def _send_due(self, report: PollReport, deadline: float) -> None:
        """Step 3: send what is due until `deadline` (time.perf_counter)."""
        report.add_sends(self._sender.send_due(deadline, self._stop))

    def poll_until_idle(self, max_polls: int = 10_000) -> list[PollReport]:
        """Poll until nothing is left to do now (for --once and tests)."""
        reports = []
        for _i in range(max_polls):
            report = self.poll_once()
            reports.append(report)
            if not report.more or report.shop_error or report.gateway_error:
                break
        return reports

    # -- shop connection

    def _connection(self) -> ShopConnection:
        if self._conn is None:
            self._conn = self._shop_connect(self.shop_dsn)
            self._shop_names.clear()
            log.info("shop connected: %s", self.shop_dsn)
        return self._conn

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _shop_name(self, conn: ShopConnection, id_shop: int) -> str:
        if id_shop not in self._shop_names:
            from isend_tui.shop.info import get_configuration

            name = get_configuration(conn, ["PS_SHOP_NAME"], id_shop=id_shop or None).get(
                "PS_SHOP_NAME"
            )
            self._shop_names[id_shop] = name or conn.info.shop_name
        return self._shop_names[id_shop]

    # -- 2. resolution

    @staticmethod
    def _matches(
        info: ShopInfo, rule: NotificationRule, definition: EventDef, occ: Occurrence
    ) -> bool:
        if definition.trigger is not occ.trigger:
            return False
        if definition.trigger is not Trigger.ORDER_STATE:
            return True
        if definition.custom_state:
            return rule.order_state_id is not None and rule.order_state_id == occ.state_id
        assert definition.state_key is not None
        state_id = info.state(definition.state_key)
        return state_id is not None and state_id == occ.state_id

    def _resolve(
        self,
        conn: ShopConnection,
        occurrences: Sequence[Occurrence],
        rules: Sequence[NotificationRule],
    ) -> list[dict[str, Any]]:
        """One notification row per matching (rule, occurrence) whose key is new."""
        by_trigger: dict[Trigger, list[tuple[NotificationRule, EventDef]]] = {}
        for rule in rules:
            definition = CATALOGUE.get(rule.event)
            if definition is None:
                log.warning("rule %s has an unknown event %r: ignored", rule.id, rule.event)
                continue
            by_trigger.setdefault(definition.trigger, []).append((rule, definition))
        matches: list[tuple[NotificationRule, EventDef, Occurrence, str]] = []
        for occ in occurrences:
            for rule, definition in by_trigger.get(occ.trigger, []):
                if self._matches(conn.info, rule, definition, occ):
                    recipient = (
                        "admin"
                        if definition.audience is Audience.ADMIN
                        else f"customer:{occ.id_customer}"
                    )
                    key = f"{rule.id}|{occ.key}|{recipient}"
                    matches.append((rule, definition, occ, key))
        if not matches:
            return []
        existing: set[str] = set()
        keys = [m[3] for m in matches]
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            existing |= {
                r.idempotency_key
                for r in Notification.select(Notification.idempotency_key).where(
                    Notification.idempotency_key.in_(part)
                )
            }
        matches = [m for m in matches if m[3] not in existing]
        if not matches:
            return []
        return self._build_rows(conn, matches)

    def _build_rows(
        self,
        conn: ShopConnection,
        matches: Sequence[tuple[NotificationRule, EventDef, Occurrence, str]],
    ) -> list[dict[str, Any]]:
        info = conn.info
        order_ids = {m[2].id_order for m in matches if m[2].id_order}
        orders = shop_events.orders_by_id(conn, sorted(order_ids))
        customer_ids = {m[2].id_customer for m in matches} | {
            o.id_customer for o in orders.values()
        }
        customers = shop_events.customer_facts(conn, sorted(i for i in customer_ids if i))
        address_ids: dict[int, set[int]] = {}
        for o in orders.values():
            lang = o.id_lang or info.default_lang_id
            address_ids.setdefault(lang, set()).update(
                {o.id_address_delivery, o.id_address_invoice}
            )
        addresses = {}
        for lang, ids in address_ids.items():
            addresses.update(shop_events.addresses_by_id(conn, sorted(ids), lang))
        client_customers: dict[int, set[int]] = {}
        for _rule, definition, occ, _key in matches:
            if definition.audience is Audience.CLIENT:
                order = orders.get(occ.id_order or 0)
                customer = customers.get(occ.id_customer)
                lang = (
                    order.id_lang
                    if order
                    else (customer.id_lang if customer else info.default_lang_id)
                ) or info.default_lang_id
                client_customers.setdefault(lang, set()).add(occ.id_customer)
        others: dict[int, list[shop_events.AddressFacts]] = {}
        for lang, ids in client_customers.items():
            others.update(shop_events.customer_addresses(conn, sorted(ids), lang))

        now = iso(self._clock())
        rows = []
        for rule, definition, occ, key in matches:
            order = orders.get(occ.id_order) if occ.id_order else None
            customer = customers.get(order.id_customer if order else occ.id_customer)
            row: dict[str, Any] = {
                "created_at": now,
                "updated_at": now,
                "rule_id": rule.id,
                "event": rule.event,
                "occurrence": occ.key,
                "idempotency_key": key,
                "recipient": key.rsplit("|", 1)[1],
                "sender": rule.sender or self.settings.sender.strip(),
                "id_order": occ.id_order,
                "id_customer": occ.id_customer or None,
                "number": "",
                "message": "",
                "ucs2": False,
                "state": State.QUEUED,
                "code": None,
                "detail": "",
                "attempts": 0,
                "next_attempt_at": None,
            }
            rows.append(row)
            if (occ.id_order and order is None) or customer is None:
                row.update(
                    state=State.NOT_SENT,
                    code=Code.NO_DATA,
                    detail=_(
                        "La commande ou le client de cet événement est introuvable dans la "
                        "boutique (supprimé ?)."
                    ),
                )
                continue
            if order is not None:
                values = order_values(
                    order,
                    customer,
                    addresses.get(order.id_address_delivery),
                    addresses.get(order.id_address_invoice),
                    self._shop_name(conn, order.id_shop),
                    occ.tracking_number,
                )
            else:
                values = customer_values(
                    customer.firstname,
                    customer.lastname,
                    customer.email,
                    self._shop_name(conn, customer.id_shop),
                )
            check = check_template(rule.text, definition.variables)
            if not check.ok:
                row.update(
                    state=State.NOT_SENT,
                    code=Code.UNKNOWN_VARIABLE,
                    message=rule.text,
                    detail=unknown_variables_message(check.unknown, list(definition.variables)),
                )
                continue
            message = render_text(rule.text, values)
            row["message"] = message
            if definition.audience is Audience.ADMIN:
                recipient = admin_recipient(self.settings.admin_phone)
            else:
                candidates: list[shop_events.AddressFacts | None] = []
                if order is not None:
                    candidates += [
                        addresses.get(order.id_address_delivery),
                        addresses.get(order.id_address_invoice),
                    ]
                candidates += others.get(customer.id, [])
                recipient = customer_recipient(candidates)
            if recipient.number is not None:
                self._finalize(row, message, recipient.number)
            elif definition.trigger is Trigger.ACCOUNT and definition.audience is Audience.CLIENT:
                row.update(
                    state=State.WAITING,
                    detail=recipient.detail,
                    next_attempt_at=iso(self._clock() + timedelta(seconds=WAITING_RECHECK_S)),
                )
            else:
                row.update(state=State.NOT_SENT, code=recipient.code, detail=recipient.detail)
            if not rule.enabled:
                row.update(
                    next_attempt_at=None,
                    state=State.NOT_SENT,
                    code=Code.RULE_DISABLED,
                    detail=_("Règle désactivée : rien n'a été envoyé."),
                )
        return rows

    def _finalize(self, row: dict[str, Any], message: str, number: Any) -> None:
        text, ucs2 = for_number(message, number)
        row.update(number=number.gateway, message=text, ucs2=ucs2)
        stop = self._stop_mention(row["sender"])
        counted = count(text, stop_mention=stop)
        if counted.too_long:
            row.update(
                state=State.NOT_SENT,
                code=Code.TOO_LONG,
                detail=_(
                    "Message trop long une fois complété : {parts} SMS, 6 au maximum. "
                    "Raccourcissez le texte de la règle."
                ).format(parts=counted.parts),
            )
        else:
            row.update(state=State.QUEUED)

    def _stop_mention(self, sender: str) -> bool:
        return bool(sender) and not self.settings.nostop_right

    def _commit(self, det: Detection, rows: Sequence[dict[str, Any]]) -> None:
        if rows or det.changes_store:
            now = iso(self._clock())
            with self.store.write():
                for start in range(0, len(rows), 200):
                    Notification.insert_many(
                        list(rows[start : start + 200])
                    ).on_conflict_ignore().execute()
                det.save(self.store.db, now)
        self._detector.committed(det)

    def _recheck_waiting(self, conn: ShopConnection, report: PollReport) -> None:
        """Customer-account notifications waiting for an address with a mobile."""
        now_dt = self._clock()
        now = iso(now_dt)
        if not self.store.db.execute_sql(
            "SELECT 1 FROM notification WHERE state = ? AND next_attempt_at <= ? LIMIT 1",
            (State.WAITING.value, now),
        ).fetchone():
            return
        waiting = list(
            Notification.select()
            .where(Notification.state == State.WAITING, Notification.next_attempt_at <= now)
            .order_by(Notification.id)
            .limit(100)
        )
        if not waiting:
            return
        info = conn.info
        ids = sorted({w.id_customer for w in waiting if w.id_customer})
        found = shop_events.customer_addresses(conn, ids, info.default_lang_id)
        with self.store.write():
            for row in waiting:
                recipient = customer_recipient(found.get(row.id_customer or 0, []))
                created = datetime.fromisoformat(row.created_at)
                values: dict[str, Any] = {"updated_at": now}
                if recipient.number is not None:
                    update: dict[str, Any] = {"sender": row.sender}
                    self._finalize(update, row.message, recipient.number)
                    values.update(update)
                    values.pop("sender")
                    values["next_attempt_at"] = None
                    if update["state"] == State.QUEUED:
                        values["detail"] = ""
                elif (now_dt - created).total_seconds() >= ACCOUNT_WAIT_S:
                    values.update(
                        state=State.NOT_SENT, code=recipient.code, detail=recipient.detail
                    )
                    report.not_sent += 1
                else:
                    values["next_attempt_at"] = iso(now_dt + timedelta(seconds=WAITING_RECHECK_S))
                Notification.update(**values).where(
                    Notification.id == row.id, Notification.state == State.WAITING
                ).execute()


def admin_phone_problem(settings: Settings) -> str | None:
    """Why [Admin] notifications cannot be sent with these settings, or None."""
    if not settings.admin_phone.strip():
        return _("Aucun téléphone administrateur : renseignez-le dans Paramétrage.")
    try:
        parse_admin_phone(settings.admin_phone)
    except UserError as exc:
        return exc.message
    return None
