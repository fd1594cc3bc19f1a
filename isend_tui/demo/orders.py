"""The orders of the demo shop, and the abandoned carts.

Orders span the three years before the reference date, in EUR, CHF or GBP with a
conversion rate. Each goes through the states of its payment method; current_state and
valid (= logable of the current state) agree with order_history. Payments come when a paid
state is reached, tracking numbers once shipped, credit slips and merchandise returns now
and then (followups.py writes those when their time comes).
"""

from __future__ import annotations

from typing import Any

from isend_tui.demo import words as data
from isend_tui.demo.customers import CustomerBook
from isend_tui.demo.draws import Draws
from isend_tui.demo.followups import HISTORY, PAYMENT, RETURN, SLIP, FollowUps
from isend_tui.demo.prestashop.reference_data import (
    COUNTRIES,
    CURRENCIES,
    ORDER_STATE_IDS,
    ORDER_STATES,
    SHOPS,
)
from isend_tui.demo.prestashop.versions import Version
from isend_tui.demo.rows import DemoSummary, Row, Rows
from isend_tui.demo.timeline import DAY, Timeline

_STATE_FLAGS = {st.key: st for st in ORDER_STATES}

# Payment methods: (label, module 1.6, module 1.7+, weight, initial state key)
_METHODS = (
    ("Carte bancaire", "stripe_official", "ps_checkout", 0.50, "PS_OS_PAYMENT"),
    ("PayPal", "paypal", "ps_checkout", 0.22, "PS_OS_PAYMENT"),
    ("Virement bancaire", "bankwire", "ps_wirepayment", 0.12, "PS_OS_BANKWIRE"),
    ("Chèque", "cheque", "ps_checkpayment", 0.08, "PS_OS_CHEQUE"),
    ("Paiement à la livraison", "cashondelivery", "ps_cashondelivery", 0.08,
     "PS_OS_COD_VALIDATION"),
)  # fmt: skip
CARRIER_SHARES = ((2, 0.55), (3, 0.15), (4, 0.2), (1, 0.1))  # 1: picked up in the shop
LINE_COUNTS = ((1, 0.6), (2, 0.28), (3, 0.12))
RETURN_STATE_SHARES = ((1, 0.1), (2, 0.1), (3, 0.1), (4, 0.15), (5, 0.55))

_LETTERS = [chr(65 + i) for i in range(26)]
_TRIGRAMS = [a + b + c for a in _LETTERS for b in _LETTERS for c in _LETTERS]


class Orders:
    """Writes one order at a time (lines, shipment, first state) and holds what follows."""

    def __init__(
        self,
        draws: Draws,
        timeline: Timeline,
        rows: Rows,
        summary: DemoSummary,
        book: CustomerBook,
        followups: FollowUps,
        version: Version,
    ) -> None:
        self.rnd = draws.random
        self.ri = draws.below
        self.pick = draws.pick
        self.bits = draws.bits
        self.pick_method = draws.weighted([(m, m[3]) for m in _METHODS])
        self.pick_carrier = draws.weighted(CARRIER_SHARES)
        self.pick_lines = draws.weighted(LINE_COUNTS)
        self.pick_return_state = draws.weighted(RETURN_STATE_SHARES)
        self.ts = timeline.ts
        self.end = timeline.end
        self.ids = rows.ids
        self.out = rows.out
        self.next_id = rows.next_id
        self.summary = summary
        self.push = followups.push
        # what is known of each customer (arrays the customers append to)
        self.c_shop = book.shop
        self.c_lang = book.lang
        self.c_country = book.country
        self.n_addresses = book.n_addresses
        self.first_address = book.first_address
        self.v16 = version == "1.6"
        self.with_shipping_number = version in ("1.6", "1.7")
        self.states = ORDER_STATE_IDS[version]
        self.flags = {key: _STATE_FLAGS[key] for key in self.states if key in _STATE_FLAGS}
        self.shop_group = {s: g for s, g, _n in SHOPS}
        country_ids = {iso: cid for cid, iso, *_rest in COUNTRIES}
        self.ch = country_ids["CH"]
        self.fr = country_ids["FR"]
        self.currency_rate = {cid: float(rate) for cid, _iso, _num, rate, *_r in CURRENCIES}
        self._trigrams = _TRIGRAMS
        self.invoice_number = 0
        self.delivery_number = 0

    def _path(self, method: tuple[Any, ...], t: int, carrier: int) -> list[tuple[int, str, int]]:
        """The states an order goes through: (time, PS_OS_* key, id_employee)."""
        rnd = self.rnd
        steps: list[tuple[int, str, int]] = [(t, method[4], 0)]
        now = t

        def add(key: str, min_h: float, max_h: float, employee: int) -> None:
            nonlocal now
            now += int(3600 * (min_h + rnd() * (max_h - min_h)))
            steps.append((now, key, employee))

        def staff() -> int:
            return 1 + int(rnd() * 3)

        label, initial = method[0], method[4]
        if initial == "PS_OS_PAYMENT":
            if rnd() < 0.025:
                steps[0] = (t, "PS_OS_ERROR", 0)
                return steps
            if label == "Carte bancaire" and rnd() < 0.08:
                steps[0] = (t, "PS_OS_WS_PAYMENT", 0)
        elif initial in ("PS_OS_BANKWIRE", "PS_OS_CHEQUE"):
            x = rnd()
            if x < 0.8:
                add("PS_OS_PAYMENT", 10, 24 * (6 if initial == "PS_OS_BANKWIRE" else 12), staff())
            elif x < 0.92:
                add("PS_OS_CANCELED", 24 * 15, 24 * 35, staff())
                return steps
            else:
                return steps  # never paid, still waiting
        elif rnd() < 0.1:  # cash on delivery, refused
            add("PS_OS_CANCELED", 2, 96, staff())
            return steps
        x = rnd()
        if x < 0.015:
            add("PS_OS_OUTOFSTOCK_PAID", 0, 0.01, 0)
            add("PS_OS_PREPARATION", 24 * 4, 24 * 20, staff())
        elif x < 0.03:
            add("PS_OS_CANCELED", 1, 72, staff())
            if rnd() < 0.7:
                add("PS_OS_REFUND", 1, 48, staff())
            return steps
        else:
            add("PS_OS_PREPARATION", 1, 40, staff())
        if carrier == 1:  # picked up in the shop
            add("PS_OS_DELIVERED", 20, 24 * 6, staff())
        else:
            add("PS_OS_SHIPPING", 6, 72, staff())
            if rnd() < 0.8:
                add("PS_OS_DELIVERED", 20, 24 * 5, 0)
        if steps[-1][1] == "PS_OS_DELIVERED" and rnd() < 0.025:
            add("PS_OS_REFUND", 24 * 3, 24 * 30, staff())
        return steps

    def _tracking(self, carrier: int) -> str:
        ri = self.ri
        if carrier == 2:
            return f"6A{ri(10**11):011d}"
        if carrier == 3:
            return f"X{self.pick('ABCDEFGHJKLMNPRSTUVWXYZ')}{ri(10**9):09d}FR"
        return f"{ri(10**8):08d}"

    def add(self, t: int, idx: int) -> None:
        """Write an order of customer `idx` + 1 placed at `t`, and hold its later events."""
        rnd, ri = self.rnd, self.ri
        oid = self.ids["orders"] + 1
        self.ids["orders"] = oid
        cid = idx + 1
        shop = self.c_shop[idx]
        lang = self.c_lang[idx] or 1
        country = self.c_country[idx]
        n_addr = self.n_addresses[idx]
        first_addr = self.first_address[idx]
        addr = first_addr + n_addr - 1  # mostly the latest address
        if n_addr > 1 and rnd() >= 0.7:
            addr = first_addr + ri(n_addr)
        inv_addr = addr if n_addr <= 1 or rnd() < 0.9 else first_addr + ri(n_addr)
        currency, rate = self._currency(country)
        rate_s = f"{rate:.6f}"
        method = self.pick_method()
        if method[4] == "PS_OS_COD_VALIDATION" and country != self.fr:
            method = _METHODS[0]
        carrier = self.pick_carrier()
        products = self._lines(oid, shop, rate)
        shipping = 0.0
        if carrier != 1 and products < 79 * rate:
            shipping = round((4.90, 6.90, 9.90)[carrier % 3] * rate, 2)
        discount = round(products * (0.05, 0.1, 0.15)[ri(3)], 2) if rnd() < 0.1 else 0.0
        total = products + shipping - discount
        steps = [s for s in self._path(method, t, carrier) if s[0] <= self.end]
        last_when, last_key, _e = steps[-1]
        flags = self.flags
        invoice_no, invoice_date, delivery_no, delivery_date, paid_time, shipped_time = (
            self._milestones(steps)
        )
        b = self.bits(45)
        tri = self._trigrams
        reference = tri[(b & 0x7FFF) % 17576] + tri[((b >> 15) & 0x7FFF) % 17576]
        reference += tri[(b >> 30) % 17576]
        tracking = None
        if shipped_time is not None and carrier != 1 and rnd() < 0.85:
            tracking = self._tracking(carrier)
        cart = self.ids["cart"] + 1
        self.ids["cart"] = cart
        added = self.ts(t)
        total_s = f"{total:.2f}"
        shipping_s = f"{shipping:.2f}"
        shipping_excl_s = f"{shipping / 1.2:.2f}"
        row: Row = (
            oid, reference, self.shop_group[shop], shop, carrier, lang, cid, cart, currency, addr,
            inv_addr, self.states[last_key], f"{self.bits(128):032x}", method[0], rate_s,
            method[1] if self.v16 else method[2], f"{discount:.2f}", f"{discount:.2f}",
            f"{discount / 1.2:.2f}", total_s, total_s, f"{total / 1.2:.2f}",
            total_s if paid_time is not None else "0.00", f"{products / 1.2:.2f}",
            f"{products:.2f}", shipping_s, shipping_s, shipping_excl_s, "20.000", invoice_no,
            delivery_no, invoice_date, delivery_date, flags[last_key].logable, added,
            self.ts(last_when),
        )  # fmt: skip
        if self.with_shipping_number:
            row = (*row, tracking)
        self.out["orders"](row)
        self.out["order_carrier"](
            (oid, oid, carrier, f"{0.3 + rnd() * 4:.6f}", shipping_excl_s, shipping_s, tracking,
             added)
        )  # fmt: skip
        summary = self.summary
        summary.orders += 1
        summary.order_carriers += 1
        # the history: the first row now, the others when their time comes
        states = self.states
        hid = self.ids["order_history"] + 1
        self.ids["order_history"] = hid
        self.out["order_history"]((hid, 0, oid, states[steps[0][1]], added))
        summary.order_history += 1
        push = self.push
        for when, key, employee in steps[1:]:
            push(when, HISTORY, (employee, oid, states[key]))
        if paid_time is not None:
            txn = f"pi_{self.bits(96):024x}" if method[0] != "Chèque" else None
            push(paid_time, PAYMENT, (reference, currency, total_s, method[0], rate_s, txn))
        if last_key == "PS_OS_REFUND":
            push(last_when, SLIP, (cid, oid, rate_s, products, shipping, 0))
        elif last_key == "PS_OS_DELIVERED":
            self._after_delivery(cid, oid, rate_s, products, last_when)
        if rnd() < 0.03:
            self._abandoned_cart(t)

    def _currency(self, country: int) -> tuple[int, float]:
        """(id_currency, conversion rate): Swiss customers mostly pay in CHF."""
        rnd = self.rnd
        if country == self.ch and rnd() < 0.85:
            currency = 2
        else:
            x = rnd()
            currency = 3 if x < 0.012 else (2 if x < 0.017 else 1)
        rate = 1.0
        if currency != 1:
            rate = self.currency_rate[currency] * (1 + (rnd() - 0.5) * 0.06)
        return currency, rate

    def _lines(self, oid: int, shop: int, rate: float) -> float:
        """Write the order's lines; returns the products' total, tax included."""
        rnd, ri = self.rnd, self.ri
        big = rnd() < 0.03
        products = 0.0
        out_detail = self.out["order_detail"]
        did = self.ids["order_detail"]
        n_lines = self.pick_lines()
        for _k in range(n_lines):
            p = ri(len(data.PRODUCTS))
            name, ref, price = data.PRODUCTS[p]
            qty = 10 + ri(50) if big else (1 if rnd() < 0.8 else 2 + ri(3))
            unit = round(price * rate, 2)
            excl = unit / 1.2
            products += unit * qty
            did += 1
            out_detail(
                (did, oid, shop, p + 1, name, qty, f"{excl:.6f}", ref, f"{unit * qty:.2f}",
                 f"{excl * qty:.6f}", f"{unit:.2f}", f"{excl:.6f}")
            )  # fmt: skip
        self.ids["order_detail"] = did
        self.summary.order_details += n_lines
        return products

    def _milestones(
        self, steps: list[tuple[int, str, int]]
    ) -> tuple[int, str, int, str, int | None, int | None]:
        """(invoice number, invoice date, delivery number, delivery date, paid, shipped).

        Numbered, in order, at the first state that invoices or delivers (0 if none yet).
        """
        flags = self.flags
        invoice_date = delivery_date = "0000-00-00 00:00:00"
        paid_time = shipped_time = None
        invoice_no = delivery_no = 0
        for when, key, _emp in steps:
            st = flags[key]
            if st.invoice and not invoice_no:
                self.invoice_number += 1
                invoice_no = self.invoice_number
                invoice_date = self.ts(when)
            if st.delivery and not delivery_no:
                self.delivery_number += 1
                delivery_no = self.delivery_number
                delivery_date = self.ts(when)
            if st.paid and paid_time is None:
                paid_time = when
            if st.shipped and shipped_time is None:
                shipped_time = when
        return invoice_no, invoice_date, delivery_no, delivery_date, paid_time, shipped_time

    def _after_delivery(
        self, cid: int, oid: int, rate_s: str, products: float, delivered: int
    ) -> None:
        """Now and then a partial refund (credit slip) or a merchandise return."""
        rnd, push, end = self.rnd, self.push, self.end
        if rnd() < 0.015:
            when = delivered + int(DAY * (2 + rnd() * 20))
            if when <= end:
                part = round(products * (0.2 + rnd() * 0.5), 2)
                push(when, SLIP, (cid, oid, rate_s, part, 0.0, 1))
        if rnd() < 0.02:
            when = delivered + int(DAY * (1 + rnd() * 14))
            if when <= end:
                state = self.pick_return_state()
                upd = min(end, when + (int(DAY * rnd() * 10) if state > 1 else 0))
                push(when, RETURN, (cid, oid, state, self.pick(data.RETURN_QUESTIONS), upd))

    def _abandoned_cart(self, t: int) -> None:
        """A cart with no order, of some customer, at the same moment."""
        idx = self.ri(len(self.c_shop))
        if not self.n_addresses[idx]:
            return
        cart = self.next_id("cart")
        shop = self.c_shop[idx]
        addr = self.first_address[idx] + self.n_addresses[idx] - 1
        stamp = self.ts(t)
        self.out["cart"](
            (cart, self.shop_group[shop], shop, 2, "", self.c_lang[idx] or 1, addr, addr, 1,
             idx + 1, idx + 1, stamp, stamp)
        )  # fmt: skip
        self.summary.carts += 1
