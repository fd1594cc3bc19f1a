"""The outbox: occurrences x rules -> notification rows, queued exactly once.

Every (rule, occurrence, recipient) becomes one row whose idempotency key is UNIQUE. The
rows, the moved cursors and the snapshot changes are committed in ONE transaction
(`commit`): a crash before it detects the same occurrences again (the cursors did not
move); after it, the queued rows are sent on restart. Nothing is lost, nothing is doubled.

A row is 'queued' when its text and number are known, 'not_sent' with the reason when they
cannot be, and 'waiting' for a customer account event (usually before any address exists):
`recheck_waiting` looks for a usable number again until ACCOUNT_WAIT_S.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from isend_tui.i18n import _
from isend_tui.notifications.catalogue import CATALOGUE, Audience, EventDef, Trigger
from isend_tui.notifications.clock import Clock, iso
from isend_tui.notifications.log import Code, State
from isend_tui.notifications.models import Notification, NotificationRule
from isend_tui.notifications.occurrences import Detection, Occurrence
from isend_tui.notifications.recipients import (
    Recipient,
    admin_recipient,
    customer_recipient,
    for_number,
)
from isend_tui.notifications.rules import sent_with_stop_mention
from isend_tui.notifications.same_reference import mark_repeats, reference_key
from isend_tui.notifications.variables import customer_values, order_values, render_text
from isend_tui.shop import events as shop_events
from isend_tui.sms import PhoneNumber, check_template, count, unknown_variables_message

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.shop.info import ShopInfo
    from isend_tui.store import Store

log = logging.getLogger(__name__)

ACCOUNT_WAIT_S = 3600.0
WAITING_RECHECK_S = 60.0


@dataclass(frozen=True)
class _Match:
    """A rule that applies to an occurrence, and the key of their notification."""

    rule: NotificationRule
    definition: EventDef
    occurrence: Occurrence
    key: str


def _matches(info: ShopInfo, rule: NotificationRule, definition: EventDef, occ: Occurrence) -> bool:
    if definition.trigger is not occ.trigger:
        return False
    if definition.trigger is not Trigger.ORDER_STATE:
        return True
    if definition.custom_state:
        return rule.order_state_id is not None and rule.order_state_id == occ.state_id
    assert definition.state_key is not None
    state_id = info.state(definition.state_key)
    return state_id is not None and state_id == occ.state_id


@dataclass
class _ShopFacts:
    """What the rows of one poll need from the shop, read in a few queries."""

    orders: dict[int, shop_events.OrderFacts]
    customers: dict[int, shop_events.CustomerFacts]
    addresses: dict[int, shop_events.AddressFacts]
    """The orders' delivery and invoice addresses, by id."""
    others: dict[int, list[shop_events.AddressFacts]]
    """Each customer's own addresses (customer events only), by id_customer."""

    @classmethod
    def read(cls, conn: ShopConnection, matches: Sequence[_Match]) -> _ShopFacts:
        default_lang = conn.info.default_lang_id
        order_ids = {m.occurrence.id_order for m in matches if m.occurrence.id_order}
        orders = shop_events.orders_by_id(conn, sorted(order_ids))
        customer_ids = {m.occurrence.id_customer for m in matches} | {
            o.id_customer for o in orders.values()
        }
        customers = shop_events.customer_facts(conn, sorted(i for i in customer_ids if i))
        facts = cls(orders, customers, {}, {})
        by_lang: dict[int, set[int]] = {}
        for o in orders.values():
            lang = o.id_lang or default_lang
            by_lang.setdefault(lang, set()).update({o.id_address_delivery, o.id_address_invoice})
        for lang, ids in by_lang.items():
            facts.addresses.update(shop_events.addresses_by_id(conn, sorted(ids), lang))
        for lang, ids in facts._client_customers(matches, default_lang).items():
            facts.others.update(shop_events.customer_addresses(conn, sorted(ids), lang))
        return facts

    def _client_customers(
        self, matches: Sequence[_Match], default_lang: int
    ) -> dict[int, set[int]]:
        """Customers of customer events, by the language of their order or account."""
        by_lang: dict[int, set[int]] = {}
        for match in matches:
            if match.definition.audience is not Audience.CLIENT:
                continue
            occ = match.occurrence
            order = self.orders.get(occ.id_order or 0)
            customer = self.customers.get(occ.id_customer)
            lang = (
                order.id_lang if order else (customer.id_lang if customer else default_lang)
            ) or default_lang
            by_lang.setdefault(lang, set()).add(occ.id_customer)
        return by_lang


class Outbox:
    """Turns occurrences into notification rows and queues them (see module doc)."""

    def __init__(self, store: Store, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        """Read at every poll: the watcher replaces it when the settings change."""
        self._store = store
        self._clock = clock
        self._shop_names: dict[int, str] = {}
        self._names_conn: ShopConnection | None = None

    # -- occurrences -> rows

    def rows_for(
        self, conn: ShopConnection, occurrences: Sequence[Occurrence]
    ) -> list[dict[str, Any]]:
        """One notification row per matching (rule, occurrence) whose key is new."""
        if not occurrences:
            return []
        rules = list(NotificationRule.select().order_by(NotificationRule.id))
        by_trigger: dict[Trigger, list[tuple[NotificationRule, EventDef]]] = {}
        for rule in rules:
            definition = CATALOGUE.get(rule.event)
            if definition is None:
                log.warning("rule %s has an unknown event %r: ignored", rule.id, rule.event)
                continue
            by_trigger.setdefault(definition.trigger, []).append((rule, definition))
        matches: list[_Match] = []
        for occ in occurrences:
            for rule, definition in by_trigger.get(occ.trigger, []):
                if _matches(conn.info, rule, definition, occ):
                    recipient = (
                        "admin"
                        if definition.audience is Audience.ADMIN
                        else f"customer:{occ.id_customer}"
                    )
                    key = f"{rule.id}|{occ.key}|{recipient}"
                    matches.append(_Match(rule, definition, occ, key))
        matches = self._new_only(matches)
        if not matches:
            return []
        return self._build_rows(conn, matches)

    @staticmethod
    def _new_only(matches: list[_Match]) -> list[_Match]:
        """The matches whose key is not in the log yet (a replay, a re-read gap)."""
        if not matches:
            return []
        existing: set[str] = set()
        keys = [m.key for m in matches]
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            existing |= {
                r.idempotency_key
                for r in Notification.select(Notification.idempotency_key).where(
                    Notification.idempotency_key.in_(part)
                )
            }
        return [m for m in matches if m.key not in existing]

    def _build_rows(self, conn: ShopConnection, matches: Sequence[_Match]) -> list[dict[str, Any]]:
        facts = _ShopFacts.read(conn, matches)
        now = iso(self._clock())
        rows = []
        references: list[str | None] = []
        for match in matches:
            row = self._new_row(match, now)
            rows.append(row)
            self._fill_row(row, conn, facts, match)
            order = facts.orders.get(match.occurrence.id_order or 0)
            references.append(
                reference_key(match.rule.id, match.occurrence, order.reference, row["recipient"])
                if order is not None
                else None
            )
        mark_repeats(rows, references)
        return rows

    def _new_row(self, match: _Match, now: str) -> dict[str, Any]:
        rule, occ = match.rule, match.occurrence
        return {
            "created_at": now,
            "updated_at": now,
            "rule_id": rule.id,
            "event": rule.event,
            "occurrence": occ.key,
            "idempotency_key": match.key,
            "recipient": match.key.rsplit("|", 1)[1],
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
            "reference_key": None,
        }

    def _fill_row(
        self, row: dict[str, Any], conn: ShopConnection, facts: _ShopFacts, match: _Match
    ) -> None:
        """The text, the number and the state of one new row."""
        rule, definition, occ = match.rule, match.definition, match.occurrence
        order = facts.orders.get(occ.id_order) if occ.id_order else None
        customer = facts.customers.get(order.id_customer if order else occ.id_customer)
        if (occ.id_order and order is None) or customer is None:
            row.update(
                state=State.NOT_SENT,
                code=Code.NO_DATA,
                detail=_(
                    "La commande ou le client de cet événement est introuvable dans la "
                    "boutique (supprimé ?)."
                ),
            )
            return
        if order is not None:
            values = order_values(
                order,
                customer,
                facts.addresses.get(order.id_address_delivery),
                facts.addresses.get(order.id_address_invoice),
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
            return
        message = render_text(rule.text, values)
        row["message"] = message
        recipient = self._recipient(definition, facts, order, customer)
        if recipient.number is not None:
            self._finalize(row, message, recipient.number, rule.text)
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

    def _recipient(
        self,
        definition: EventDef,
        facts: _ShopFacts,
        order: shop_events.OrderFacts | None,
        customer: shop_events.CustomerFacts,
    ) -> Recipient:
        if definition.audience is Audience.ADMIN:
            return admin_recipient(self.settings.admin_phone)
        candidates: list[shop_events.AddressFacts | None] = []
        if order is not None:
            candidates += [
                facts.addresses.get(order.id_address_delivery),
                facts.addresses.get(order.id_address_invoice),
            ]
        candidates += facts.others.get(customer.id, [])
        return customer_recipient(candidates)

    def _shop_name(self, conn: ShopConnection, id_shop: int) -> str:
        if conn is not self._names_conn:  # another connection: maybe another shop
            self._shop_names, self._names_conn = {}, conn
        if id_shop not in self._shop_names:
            from isend_tui.shop.info import get_configuration

            name = get_configuration(conn, ["PS_SHOP_NAME"], id_shop=id_shop or None).get(
                "PS_SHOP_NAME"
            )
            self._shop_names[id_shop] = name or conn.info.shop_name
        return self._shop_names[id_shop]

    def _finalize(
        self,
        row: dict[str, Any],
        message: str,
        number: PhoneNumber,
        template: str | None = None,
    ) -> None:
        """The text as it will travel to `number`: queued, or not sent when too long."""
        text, ucs2 = for_number(message, number, template=template)
        row.update(number=number.gateway, message=text, ucs2=ucs2)
        stop = sent_with_stop_mention(row["sender"], self.settings)
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

    # -- the commit

    def commit(self, det: Detection, rows: Sequence[dict[str, Any]]) -> None:
        """Queue `rows` and save the detection's cursors and snapshots: ONE transaction."""
        if not rows and not det.changes_store:
            return
        now = iso(self._clock())
        with self._store.write():
            for start in range(0, len(rows), 200):
                Notification.insert_many(
                    list(rows[start : start + 200])
                ).on_conflict_ignore().execute()
            det.save(self._store.db, now)

    # -- waiting rows

    def recheck_waiting(self, conn: ShopConnection) -> int:
        """Customer-account notifications waiting for an address with a mobile.

        Returns how many were given up (not sent) this time.
        """
        now_dt = self._clock()
        now = iso(now_dt)
        if not self._store.db.execute_sql(
            "SELECT 1 FROM notification WHERE state = ? AND next_attempt_at <= ? LIMIT 1",
            (State.WAITING.value, now),
        ).fetchone():
            return 0
        waiting = list(
            Notification.select()
            .where(Notification.state == State.WAITING, Notification.next_attempt_at <= now)
            .order_by(Notification.id)
            .limit(100)
        )
        if not waiting:
            return 0
        ids = sorted({w.id_customer for w in waiting if w.id_customer})
        found = shop_events.customer_addresses(conn, ids, conn.info.default_lang_id)
        given_up = 0
        with self._store.write():
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
                    given_up += 1
                else:
                    values["next_attempt_at"] = iso(now_dt + timedelta(seconds=WAITING_RECHECK_S))
                Notification.update(**values).where(
                    Notification.id == row.id, Notification.state == State.WAITING
                ).execute()
        return given_up
