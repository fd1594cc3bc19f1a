"""Running the automations: the watcher's extra step (notifications/watcher.py PollStep).

Exactly once, on the watcher's own machinery:
1. Each poll, each enabled flow scans the occurrences due since its cursor (detect.py),
   a few minutes of overlap included (a shop transaction committed late).
2. Each (flow, customer, occurrence) becomes ONE row of the notification table, its key
   'auto|flow|customer:id|occurrence' UNIQUE, with its outcome: queued, or not sent and
   why (no number, invalid number, no basis, too long). The rows and the flow's new
   cursor are committed in one transaction: a crash before it scans the same window
   again (the keys are new), after it the rows are there. Two processes: the watcher's
   lock; and the UNIQUE key would drop the second copy anyway.
3. The notification sender sends them (claim 'sending' before the gateway call; a crash
   in between makes it 'uncertain', never resent silently; settle.py checks it against
   iSendPro's report). Just before, `gate` applies the marketing rules that depend on the
   moment: the suppression list, the marketing window in the recipient's own time (not
   open: the row waits for the next slot), the frequency caps (counted with the
   campaigns'); and the poll drops the abandoned-cart rows whose customer ordered since.

The first run of a flow starts at that moment (`started_at`): nothing older is sent.
`since` (--since) replays from a day: the keys already recorded are not sent again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from isend_tui.automations import detect
from isend_tui.automations.audience import Person, no_basis_detail, people
from isend_tui.automations.flow_settings import (
    FlowSettings,
    load_flow,
    load_flows,
    load_state,
    mark_started,
    save_state,
)
from isend_tui.automations.flows import FLOWS, Flow
from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.local_hours import (
    LocalGroup,
    alsace_moselle_customers,
    group_of,
    needs_alsace_moselle,
)
from isend_tui.campaigns.suppression import is_suppressed
from isend_tui.campaigns.window import PARIS, SendingWindow, format_slot
from isend_tui.i18n import _
from isend_tui.notifications.clock import Clock, iso, utc_now
from isend_tui.notifications.log import AUTOMATION_PREFIX, Code, State
from isend_tui.notifications.models import Notification
from isend_tui.notifications.recipients import for_number
from isend_tui.notifications.rules import sent_with_stop_mention
from isend_tui.notifications.sender import Hold
from isend_tui.notifications.variables import render_text
from isend_tui.shop.info import get_configuration
from isend_tui.sms import count

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.context import AppContext
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.store import Store

log = logging.getLogger(__name__)

OVERLAP = dt.timedelta(minutes=5)
"""Each scan looks this far before its cursor again: rows committed late by the shop."""
SLOT_SLACK = dt.timedelta(seconds=60)


def idempotency_key(flow: Flow, id_customer: int, occurrence: str) -> str:
    return f"auto|{flow.value}|customer:{id_customer}|{occurrence}"


def event_key(flow: Flow) -> str:
    return f"{AUTOMATION_PREFIX}{flow.value}"


def cart_url(base: str, id_cart: int, cookie_key: str) -> str:
    """PrestaShop's cart-restore link (its cart controller's recover_cart and token_cart:
    md5 of the cookie key, 'recover_cart_' and the id), else the shop's address."""
    if not cookie_key or not base:
        return base
    token = hashlib.md5(f"{cookie_key}recover_cart_{id_cart}".encode()).hexdigest()
    return f"{base}index.php?controller=order&step=1&recover_cart={id_cart}&token_cart={token}"


class AutomationRunner:
    """Detects, records and gates the automations' SMS (module doc)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        clock: Clock | None = None,
        *,
        since: dt.datetime | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self._clock = clock or utc_now
        self._since = since
        self._shop_facts: dict[tuple[str, int], str] = {}
        """Shop names and addresses by shop, read once per batch of rows (rows_for)."""
        self.problems: dict[Flow, str] = {}
        """The last scan's trouble per flow (a missing table…): the other flows go on."""

    @classmethod
    def from_context(cls, ctx: AppContext, since: dt.date | None = None) -> AutomationRunner:
        start = None
        if since is not None:  # the day's start in the shop's (French) time
            start = dt.datetime.combine(since, dt.time(), PARIS)
        return cls(ctx.store, ctx.settings, since=start)

    def use_settings(self, settings: Settings) -> None:
        self.settings = settings

    # -- the poll step

    def poll(self, conn: ShopConnection) -> int:
        """Scan every enabled flow and record what it found. Returns how many rows."""
        now = self._clock()
        recorded = 0
        self._drop_ordered(conn, now)
        for flow, settings in load_flows(self.store).items():
            if not settings.enabled:
                continue
            try:
                recorded += self._scan_flow(conn, settings, now)
                self.problems.pop(flow, None)
            except Exception as exc:  # one flow's trouble never stops the others
                from isend_tui.shop.errors import ShopError

                if not isinstance(exc, ShopError):
                    log.exception("automation %s failed; the other flows go on", flow.value)
                self.problems[flow] = getattr(exc, "message", None) or type(exc).__name__
        self._since = None
        return recorded

    def _window(
        self, settings: FlowSettings, now: dt.datetime
    ) -> tuple[dt.datetime, dict[str, Any]]:
        state = load_state(self.store, settings.flow)
        started = settings.started_at or mark_started(self.store, settings.flow, now)
        cursor = dt.datetime.fromisoformat(state["cursor"]) if state.get("cursor") else started
        lo = cursor - OVERLAP
        if self._since is not None and self._since < lo:
            lo = self._since
            state.pop("day", None)
            state.pop("after", None)
        return lo, state

    def _scan_flow(self, conn: ShopConnection, settings: FlowSettings, now: dt.datetime) -> int:
        flow = settings.flow
        lo, state = self._window(settings, now)
        if flow is Flow.ABANDONED_CART:
            scan = detect.abandoned_carts(conn, settings, lo, now)
        elif flow is Flow.BIRTHDAY:
            if self._since is not None:
                state["day"] = self._since.date().isoformat()
            scan = detect.birthdays(conn, settings, lo, now, state)
        elif flow is Flow.WINBACK:
            scan = detect.lapsed_customers(conn, settings, lo, now)
        elif flow is Flow.AFTER_DELIVERY:
            scan = detect.delivered_orders(conn, settings, lo, now)
        else:
            if not conn.has_table(detect.ALERTS_TABLE):
                raise MissingAlertsTable(missing_alerts_message())
            scan = detect.back_in_stock(conn, now, state)
        new_state = dict(scan.state if scan.state is not None else state)
        new_state["cursor"] = iso(scan.reached or now)
        rows = self.rows_for(conn, settings, scan.occurrences, now)
        with self.store.write():
            for start in range(0, len(rows), 200):
                Notification.insert_many(rows[start : start + 200]).on_conflict_ignore().execute()
            save_state(self.store, flow, new_state)
        return len(rows)

    # -- occurrences -> rows

    def rows_for(
        self,
        conn: ShopConnection,
        settings: FlowSettings,
        occurrences: Sequence[detect.Occurrence],
        now: dt.datetime,
    ) -> list[dict[str, Any]]:
        """One row per new (flow, customer, occurrence), with its outcome so far."""
        fresh = _new_only(settings.flow, occurrences)
        if not fresh:
            return []
        self._shop_facts = {}
        today = now.astimezone(conn.info.timezone).date()
        ids = [o.id_customer for o in fresh]
        found = people(conn, self.store, self.settings, settings.basis, ids, today)
        # Alsace-Moselle's own holidays: read the postcodes only in the fortnight before one
        places = alsace_moselle_customers(conn, ids) if needs_alsace_moselle(now) else {}
        return [
            self._row(conn, settings, occ, found.get(occ.id_customer), now, places) for occ in fresh
        ]

    def render(
        self, conn: ShopConnection, settings: FlowSettings, occ: detect.Occurrence, who: Person
    ) -> str:
        """The text this occurrence sends to this customer (before the number's encoding)."""
        values = who.values(self._shop_name(conn, who.id_shop))
        values.update(occ.values)
        values["voucher"] = settings.voucher
        if occ.id_cart is not None:
            key = ("url", who.id_shop)
            if key not in self._shop_facts:
                self._shop_facts[key] = detect.shop_url(conn, who.id_shop)
            base = self._shop_facts[key]
            values["cart_url"] = cart_url(base, occ.id_cart, self.settings.shop_cookie_key)
        return render_text(settings.text, values)

    def _row(
        self,
        conn: ShopConnection,
        settings: FlowSettings,
        occ: detect.Occurrence,
        who: Person | None,
        now: dt.datetime,
        places: dict[int, str],
    ) -> dict[str, Any]:
        stamp = iso(now)
        row: dict[str, Any] = {
            "created_at": stamp,
            "updated_at": stamp,
            "rule_id": None,
            "flow": settings.flow.value,
            "event": event_key(settings.flow),
            "occurrence": occ.key,
            "idempotency_key": idempotency_key(settings.flow, occ.id_customer, occ.key),
            "recipient": f"customer:{occ.id_customer}",
            "sender": self.settings.sender.strip(),
            "id_order": occ.id_order,
            "id_customer": occ.id_customer,
            "state": State.QUEUED.value,
            # every key in every row: insert_many takes the columns of the first row
            "number": "",
            "message": "",
            "ucs2": False,
            "code": None,
            "detail": "",
            "attempts": 0,
            "next_attempt_at": None,
            "proof_basis": None,
            "proof_source": None,
            "proof_date": None,
            "proof_ref": None,
            "zone": None,
        }
        if who is None:
            return row | _not_sent(
                Code.NO_DATA, _("Client introuvable dans la boutique (supprimé ?).")
            )
        message = self.render(conn, settings, occ, who)
        row["message"] = message
        if who.number is None:
            return row | _not_sent(who.number_code or Code.NO_NUMBER, who.number_detail)
        text, ucs2 = for_number(message, who.number, template=settings.text)
        row.update(number=who.number.gateway, message=text, ucs2=ucs2)
        if occ.id_customer in places:
            row["zone"] = group_of(who.number.gateway, places[occ.id_customer])
        if who.proof is None:
            return row | _not_sent(
                Code.NO_BASIS, no_basis_detail(settings.basis, who.past_retention)
            )
        proof = who.proof
        row.update(
            proof_basis=proof.basis.value,
            proof_source=proof.source.value,
            proof_date=proof.date,
            proof_ref=proof.ref,
        )
        counted = count(text, stop_mention=sent_with_stop_mention(row["sender"], self.settings))
        if counted.too_long:
            return row | _not_sent(
                Code.TOO_LONG,
                _("Message trop long une fois complété : {parts} SMS, 6 au maximum.").format(
                    parts=counted.parts
                ),
            )
        return row

    def _shop_name(self, conn: ShopConnection, id_shop: int) -> str:
        key = ("name", id_shop)
        if key not in self._shop_facts:
            name = get_configuration(conn, ["PS_SHOP_NAME"], id_shop=id_shop or None).get(
                "PS_SHOP_NAME"
            )
            self._shop_facts[key] = name or conn.info.shop_name
        return self._shop_facts[key]

    # -- stop on order

    def _drop_ordered(self, conn: ShopConnection, now: dt.datetime) -> None:
        """Abandoned-cart SMS still waiting whose customer ordered since they were queued."""
        waiting = list(
            Notification.select(Notification.id, Notification.id_customer, Notification.created_at)
            .where(
                Notification.flow == Flow.ABANDONED_CART.value,
                Notification.state == State.QUEUED,
            )
            .limit(500)
        )
        if not waiting:
            return
        ids = sorted({w.id_customer for w in waiting if w.id_customer})
        marks = ", ".join(["%s"] * len(ids))
        latest = {
            int(cid): str(at)[:19]
            for cid, at in conn.query(
                f"SELECT id_customer, MAX(date_add) FROM {conn.table('orders')} "
                f"WHERE id_customer IN ({marks}) GROUP BY id_customer",
                ids,
            )
        }
        tz = conn.info.timezone
        dropped = []
        for w in waiting:
            ordered = latest.get(w.id_customer or 0)
            queued = dt.datetime.fromisoformat(w.created_at) - OVERLAP
            if ordered and ordered >= queued.astimezone(tz).strftime(detect.FORMAT):
                dropped.append(w.id)
        if dropped:
            with self.store.write():
                Notification.update(
                    state=State.NOT_SENT,
                    code=Code.ORDERED,
                    detail=_("Le client a commandé depuis : relance annulée."),
                    updated_at=iso(now),
                ).where(Notification.id.in_(dropped), Notification.state == State.QUEUED).execute()

    # -- the gate (just before the sender claims a row)

    def gate(self, row: Notification) -> Hold | None:
        now = self._clock()
        try:
            flow = Flow(str(row.flow))
        except ValueError:
            return Hold(code=Code.FLOW_DISABLED, detail=_("Automatisation inconnue."))
        if not load_flow(self.store, flow).enabled:
            return Hold(
                code=Code.FLOW_DISABLED,
                detail=_("Automatisation désactivée : rien n'a été envoyé."),
            )
        if is_suppressed(self.store, row.number):
            return Hold(
                code=Code.SUPPRESSED,
                detail=_("Numéro en liste d'opposition : rien n'a été envoyé."),
            )
        window = SendingWindow.from_settings(self.settings)
        group = LocalGroup.parse(row.zone or group_of(row.number))
        slot = group.slot(window, now)
        if slot > now + SLOT_SLACK:
            return Hold(
                until=slot,
                detail=_("Hors de la plage marketing ({zone}) : part le {slot}.").format(
                    zone=group.name, slot=format_slot(slot)
                ),
            )
        rule = CapRule.of(self.settings)
        if rule.active and row.number in capped_numbers(self.store, [row.number], rule, now):
            return Hold(
                code=Code.CAPPED,
                detail=_("Plafond d'envoi atteint ({rule}) : rien n'a été envoyé.").format(
                    rule=rule.describe()
                ),
            )
        return None


class MissingAlertsTable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def missing_alerts_message() -> str:
    return _(
        "Table {table} absente : installez le module emailalerts (alertes de retour en "
        "stock) dans la boutique, ou désactivez back_in_stock."
    ).format(table=detect.ALERTS_TABLE)


def _not_sent(code: str, detail: str) -> dict[str, Any]:
    return {"state": State.NOT_SENT.value, "code": str(code), "detail": detail}


def _new_only(flow: Flow, occurrences: Sequence[detect.Occurrence]) -> list[detect.Occurrence]:
    """The occurrences whose key is not recorded yet (an overlap, a replay), each once."""
    by_key: dict[str, detect.Occurrence] = {}
    for occ in occurrences:
        by_key.setdefault(idempotency_key(flow, occ.id_customer, occ.key), occ)
    existing: set[str] = set()
    keys = list(by_key)
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        existing |= {
            r.idempotency_key
            for r in Notification.select(Notification.idempotency_key).where(
                Notification.idempotency_key.in_(part)
            )
        }
    return [o for k, o in by_key.items() if k not in existing]


__all__ = ["FLOWS", "AutomationRunner", "cart_url", "idempotency_key"]
