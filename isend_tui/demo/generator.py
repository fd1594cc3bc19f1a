"""The deterministic demo shop generator: realistic PrestaShop data for demos, tests and
benchmarks, written by `build.generate_demo_shop`.

The same seed, size, version and reference date give the same rows on both
backends: every id is assigned here, every random draw comes from one `random.Random(seed)`,
and nothing reads the wall clock (dates are relative to `reference_date`, a fixed day).

What the data contains, on purpose:
- three shops in two shop groups; customers in several groups (Client, VIP,
  Professionnels, a few odd Visiteur memberships, a few with no membership at all);
- titles of every type and 0 (not given); birthdays NULL, '0000-00-00', 29 February and on
  the reference day; newsletter and partner opt-in; companies with or without SIRET;
  guests, soft-deleted and disabled accounts;
- addresses mostly in France, also BE/CH/LU/ES/DE; mobiles and landlines written every
  way merchants see them (spaces, dots, dashes, +33, 0033, (0)), garbage and empty values,
  numbers shared between customers; 1.6 shops fill phone_mobile, 1.7+ mostly only phone;
  several addresses per customer with soft-deleted ones, and customers without any;
- orders over the three years before the reference date (about `orders_per_customer` per
  customer, heavy-tailed: a few customers order a lot), in EUR/CHF/GBP with a conversion
  rate, ids in chronological order, the history of states of each payment method, with
  current_state and valid (= logable of the current state) consistent with order_history;
  payments when a paid state is reached, carriers with tracking numbers once shipped,
  credit slips, merchandise returns, and a few abandoned carts.

Memory: rows are streamed to a sink in batches (sinks.py); the generator keeps ~20 bytes
per customer (to pick who orders next) and the events of orders still in progress.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from isend_tui.demo import words as data
from isend_tui.demo.prestashop.reference_data import (
    COUNTRIES,
    CURRENCIES,
    ORDER_STATE_IDS,
    ORDER_STATES,
    SHOPS,
)
from isend_tui.demo.prestashop.versions import Version
from isend_tui.demo.rows import DemoSummary, Row
from isend_tui.demo.sinks import Sink
from isend_tui.demo.timeline import DAY, SPAN_DAYS


def _fold(text: str) -> str:
    """ASCII, lower case, letters and digits only (for e-mail addresses)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in plain if ch.isalnum())


def _weighted(rng: random.Random, items: Sequence[tuple[Any, float]]) -> Callable[[], Any]:
    """A fast picker of items by weight."""
    total = sum(w for _i, w in items)
    cum: list[float] = []
    acc = 0.0
    for _item, w in items:
        acc += w / total
        cum.append(acc)
    values = [i for i, _w in items]
    last = len(values) - 1
    rnd = rng.random

    def pick() -> Any:
        return values[min(bisect_right(cum, rnd()), last)]

    return pick


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


class DemoGenerator:
    """Streams the rows of the demo shop into a sink (see the module docstring)."""

    def __init__(
        self,
        sink: Sink,
        *,
        customers: int,
        seed: int,
        version: Version,
        reference_date: dt.date,
        orders_per_customer: float,
        progress: Callable[[int, int], None] | None,
        summary: DemoSummary,
    ) -> None:
        self.sink = sink
        self.n = customers
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.bits = self.rng.getrandbits
        self.version = version
        self.ref = reference_date
        self.progress = progress
        self.summary = summary
        self.v16 = version == "1.6"
        self.with_shipping_number = version in ("1.6", "1.7")
        self.states = ORDER_STATE_IDS[version]
        self.start = dt.datetime.combine(reference_date - dt.timedelta(days=SPAN_DAYS), dt.time())
        self.end = SPAN_DAYS * DAY + 20 * 3600  # the reference day, 20:00
        self._days = [
            (self.start.date() + dt.timedelta(days=d)).isoformat() + " "
            for d in range(SPAN_DAYS + 2)
        ]
        self._clock = [
            f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)
        ]
        letters = [chr(65 + i) for i in range(26)]
        self._trigrams = [a + b + c for a in letters for b in letters for c in letters]
        self.shop_group = {s: g for s, g, _n in SHOPS}
        self.country_ids = {iso: cid for cid, iso, *_rest in COUNTRIES}
        self.currency_rate = {cid: float(rate) for cid, _iso, _num, rate, *_r in CURRENCIES}
        self.ch = self.country_ids["CH"]
        self.fr = self.country_ids["FR"]
        self.flags = {key: _STATE_FLAGS[key] for key in self.states if key in _STATE_FLAGS}
        # per customer (index = id_customer - 1): who may order, and with what
        self.cum = array("d")
        self.first_address = array("l")
        self.n_addresses = bytearray()
        self.c_shop = bytearray()
        self.c_lang = bytearray()
        self.c_country = bytearray()
        # id sequences and delayed events (time, seq, kind, payload)
        self.ids: dict[str, int] = dict.fromkeys(sink.columns, 0)
        self.pending: list[tuple[int, int, int, Row]] = []
        self.seq = 0
        self.invoice_number = 0
        self.delivery_number = 0
        self.recent_numbers: list[str] = []
        self.recent_emails: list[str] = []
        self._folded: dict[str, str] = {}
        self.out = {name: buf.append for name, buf in sink.buffers.items()}
        rng = self.rng
        self.pick_shop = _weighted(rng, [(1, 0.65), (2, 0.2), (3, 0.15)])
        self.pick_country_fr = _weighted(
            rng,
            [("FR", 0.88), ("BE", 0.035), ("CH", 0.03), ("LU", 0.01), ("ES", 0.02), ("DE", 0.025)],
        )
        self.pick_country_be = _weighted(
            rng, [("BE", 0.7), ("LU", 0.15), ("FR", 0.1), ("DE", 0.05)]
        )
        self.pick_gender = _weighted(rng, [(1, 0.45), (2, 0.46), (3, 0.01), (0, 0.08)])
        self.pick_n_addr = _weighted(rng, [(1, 0.72), (2, 0.17), (3, 0.06), (4, 0.03), (6, 0.02)])
        self.pick_method = _weighted(rng, [(m, m[3]) for m in _METHODS])
        self.pick_carrier = _weighted(rng, [(2, 0.55), (3, 0.15), (4, 0.2), (1, 0.1)])
        self.pick_lines = _weighted(rng, [(1, 0.6), (2, 0.28), (3, 0.12)])
        self.pick_return_state = _weighted(
            rng, [(1, 0.1), (2, 0.1), (3, 0.1), (4, 0.15), (5, 0.55)]
        )
        self.pick_fmt = _weighted(
            rng,
            [
                ("plain", 0.45), ("spaces", 0.25), ("dots", 0.08), ("dashes", 0.04),
                ("plus", 0.08), ("plus_spaces", 0.04), ("00", 0.03), ("plus_0", 0.015),
                ("bare", 0.015),
            ],
        )  # fmt: skip
        # Pareto weights (alpha 1.5, capped): E[min(X, cap)] = 1 + (1 - cap^(1-a)) / (a-1).
        # Customers arrive with a density growing linearly in time (n(t) = N (t/S)^2), so
        # the order rate beta * W(t) integrates to beta * mean_w * N * S / 3.
        self.alpha, self.cap = 1.5, 100.0
        mean_w = 1 + (1 - self.cap ** (1 - self.alpha)) / (self.alpha - 1)
        self.p_guest, self.p_no_address, self.p_first_order = 0.12, 0.05, 0.75
        p_weighted = (1 - self.p_guest) * (1 - self.p_no_address)
        firsts = self.p_guest + p_weighted * self.p_first_order
        extra = max(0.0, orders_per_customer - firsts) * customers
        integral = mean_w * p_weighted * customers * self.end / 3.0
        self.beta = extra / integral if integral > 0 else 0.0

    # -- helpers

    def next_id(self, table: str) -> int:
        value = self.ids[table] + 1
        self.ids[table] = value
        return value

    def ts(self, seconds: int) -> str:
        """Seconds since the start of the span -> 'YYYY-MM-DD HH:MM:SS' (shop-local)."""
        return self._days[seconds // DAY] + self._clock[seconds % DAY]

    def ri(self, n: int) -> int:
        """A random int in [0, n) (faster than randrange, and as deterministic)."""
        return int(self.rnd() * n)

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.rnd() * len(items))]

    def fold(self, name: str) -> str:
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = _fold(name)
        return folded

    # -- phones

    def _format(self, cc: str, national: str, groups: Sequence[int]) -> str:
        """Write a number the way a customer may type it.

        national: the national form (leading 0, except Luxembourg); groups: digit groups.
        """
        style = self.pick_fmt()
        if style == "plain":
            return national
        digits = national[1:] if national.startswith("0") else national
        if style in ("spaces", "dots", "dashes"):
            sep = " " if style == "spaces" else ("." if style == "dots" else "-")
            return sep.join(_split(national, groups))
        if style == "plus":
            return f"+{cc}{digits}"
        if style == "plus_spaces":
            first = groups[0] - 1 if national.startswith("0") else groups[0]
            return f"+{cc} " + " ".join(_split(digits, (first, *groups[1:])))
        if style == "00":
            return f"00{cc}{digits}"
        if style == "plus_0":
            return f"+{cc} (0){digits}"
        return f"{cc}{digits}"  # international without +

    def mobile(self, iso: str) -> str:
        ri, pick = self.ri, self.pick
        if iso == "FR":
            if self.rnd() < 0.7:
                return self._format("33", f"06{ri(10**8):08d}", (2, 2, 2, 2, 2))
            return self._format("33", f"07{3 + ri(7)}{ri(10**7):07d}", (2, 2, 2, 2, 2))
        if iso == "BE":
            return self._format("32", f"04{pick('6789')}{ri(10**7):07d}", (4, 2, 2, 2))
        if iso == "CH":
            return self._format("41", f"07{pick('5789')}{ri(10**7):07d}", (3, 3, 2, 2))
        if iso == "LU":
            return self._format("352", f"6{pick('269')}1{ri(10**6):06d}", (3, 3, 3))
        if iso == "ES":
            return self._format("34", f"6{ri(10**8):08d}", (3, 3, 3))
        return self._format("49", f"01{pick('567')}{ri(10**8):08d}", (4, 8))

    def landline(self, iso: str) -> str:
        ri, pick = self.ri, self.pick
        if iso == "FR":
            return self._format("33", f"0{pick('123459')}{ri(10**8):08d}", (2, 2, 2, 2, 2))
        if iso == "BE":
            return self._format("32", f"02{ri(10**7):07d}", (2, 3, 2, 2))
        if iso == "CH":
            return self._format("41", f"02{pick('1267')}{ri(10**7):07d}", (3, 3, 2, 2))
        if iso == "LU":
            return self._format("352", f"{2 + ri(3)}{ri(10**5):05d}", (2, 2, 2))
        if iso == "ES":
            return self._format("34", f"9{ri(10**8):08d}", (2, 3, 2, 2))
        return self._format("49", f"030{ri(10**8):08d}", (3, 8))

    def empty(self) -> str | None:
        return None if self.rnd() < 0.2 else ""

    def phones(self, iso: str) -> tuple[str | None, str | None]:
        """(phone, phone_mobile) of one address."""
        r = self.rnd
        mobile_iso = iso
        if iso == "FR" and r() < 0.01:
            mobile_iso = "BE" if r() < 0.5 else "CH"  # a foreign mobile on a French address
        shared = None
        if self.recent_numbers and r() < 0.02:
            shared = self.pick(self.recent_numbers)  # a number another customer also uses
        if self.v16:
            x = r()
            if x < 0.75:
                mob: str | None = shared or self.mobile(mobile_iso)
            elif x < 0.80:
                mob = self.landline(iso)
            elif x < 0.83:
                mob = self.pick(data.GARBAGE_PHONES)
            else:
                mob = self.empty()
            y = r()
            if y < 0.35:
                phone: str | None = self.landline(iso)
            elif y < 0.45:
                phone = self.mobile(mobile_iso)
            else:
                phone = self.empty()
            candidate = mob
        else:
            x = r()
            if x < 0.60:
                phone = shared or self.mobile(mobile_iso)
            elif x < 0.80:
                phone = self.landline(iso)
            elif x < 0.83:
                phone = self.pick(data.GARBAGE_PHONES)
            else:
                phone = self.empty()
            mob = self.mobile(mobile_iso) if r() < 0.12 else self.empty()
            candidate = phone
        if candidate and len(candidate) > 6 and r() < 0.05:
            if len(self.recent_numbers) < 500:
                self.recent_numbers.append(candidate)
            else:
                self.recent_numbers[self.ri(500)] = candidate
        return phone, mob

    # -- customers

    def birthday(self) -> str | None:
        x = self.rnd()
        if x < 0.15:
            return None
        if x < 0.25:
            return "0000-00-00"
        age = int(self.rng.triangular(18, 86, 38))
        year = self.ref.year - age
        if x < 0.254:
            return f"{year:04d}-{self.ref.month:02d}-{self.ref.day:02d}"  # on the reference day
        if x < 0.259:
            year -= year % 4  # a leap year (1904..2096)
            return f"{year:04d}-02-29"
        return (dt.date(year, 1, 1) + dt.timedelta(days=self.ri(365))).isoformat()

    def customer(self, idx: int, t: int) -> None:
        rnd, ri, pick = self.rnd, self.ri, self.pick
        cid = idx + 1
        shop = self.pick_shop()
        iso = self.pick_country_be() if shop == 3 else self.pick_country_fr()
        gender = self.pick_gender()
        if gender == 1:
            first = pick(data.MALE_FIRST)
        elif gender == 2:
            first = pick(data.FEMALE_FIRST)
        else:
            first = pick(data.MALE_FIRST if rnd() < 0.5 else data.FEMALE_FIRST)
        last = pick(data.LAST)
        if rnd() < 0.04:
            last = last.upper()
        if iso in ("ES", "DE"):
            lang: int | None = 2 if rnd() < 0.6 else 1
        else:
            lang = 1 if rnd() < 0.97 else 2
        if rnd() < 0.03:
            lang = None  # old rows have no language
        guest = rnd() < self.p_guest
        f, l_ = self.fold(first), self.fold(last)
        if guest and self.recent_emails and rnd() < 0.25:
            email = pick(self.recent_emails)  # guests may reuse an e-mail
        else:
            k = ri(4)
            local = (f"{f}.{l_}.{cid}", f"{f[:1]}{l_}{cid}", f"{l_}.{f}{cid}", f"{f}{cid}")[k]
            email = f"{local}@{pick(data.MAIL_DOMAINS)}"
            if rnd() < 0.03:
                email = email[:1].upper() + email[1:]
            if len(self.recent_emails) < 200:
                self.recent_emails.append(email)
            elif rnd() < 0.01:
                self.recent_emails[ri(200)] = email
        company = siret = None
        groups = [2] if guest else [3]
        default_group = groups[0]
        if not guest and rnd() < 0.10:
            company = f"{pick(data.COMPANY_WORDS)} {last} {pick(data.COMPANY_SUFFIX)}".strip()
            siret = f"{ri(10**14):014d}" if rnd() < 0.8 else ("" if rnd() < 0.5 else None)
            if rnd() < 0.7:
                groups.append(5)
                if rnd() < 0.4:
                    default_group = 5
        if not guest and rnd() < 0.04:
            groups.append(4)
            if rnd() < 0.4:
                default_group = 4
        if not guest and rnd() < 0.01:
            groups.append(1)
        if rnd() < 0.005:
            groups = []  # inconsistent data seen in old shops: no membership at all
        newsletter = 0 if guest else int(rnd() < 0.35)
        optin = 0 if guest else int(rnd() < 0.2)
        deleted = int(rnd() < 0.02)
        active = 0 if (not deleted and rnd() < 0.025) else 1
        end = self.end
        added = self.ts(t)
        upd = self.ts(t + int(rnd() * (end - t))) if rnd() < 0.3 else added
        ip = None
        if newsletter:
            ip = f"{1 + ri(223)}.{ri(256)}.{ri(256)}.{1 + ri(254)}"
        passwd = "" if guest else f"$2y$10$demo.{self.bits(64):016x}"
        self.out["customer"](
            (
                cid, self.shop_group[shop], shop, gender, default_group, lang, company, siret,
                first, last, email, passwd, self.birthday(), newsletter, ip,
                added if newsletter else None, optin, f"{self.bits(128):032x}", active,
                int(guest), deleted, added, upd,
            )
        )  # fmt: skip
        out_group = self.out["customer_group"]
        for g in groups:
            out_group((cid, g))
        summary = self.summary
        summary.customers += 1
        summary.customer_groups += len(groups)

        if guest:
            n_addr = 1
        elif rnd() < self.p_no_address:
            n_addr = 0
        else:
            n_addr = self.pick_n_addr()
        first_addr = self.ids["address"] + 1
        out_address = self.out["address"]
        for k in range(n_addr):
            aid = first_addr + k
            a_iso = iso if k == 0 or rnd() < 0.9 else self.pick_country_fr()
            postcode, city = pick(data.CITIES[a_iso])
            phone, mob = self.phones(a_iso)
            a_t = t if k == 0 else t + int(rnd() * (end - t))
            a_add = self.ts(a_t)
            other_person = rnd() < 0.05
            out_address(
                (
                    aid,
                    self.country_ids[a_iso],
                    cid,
                    pick(data.ALIASES),
                    company if rnd() < 0.8 else None,
                    pick(data.LAST) if other_person else last,
                    pick(data.FEMALE_FIRST) if other_person else first,
                    f"{1 + ri(159)} {pick(data.STREETS)}",
                    ("Bâtiment B, 2e étage" if rnd() < 0.5 else "") if rnd() < 0.1 else None,
                    postcode,
                    city,
                    phone,
                    mob,
                    f"FR{ri(10**11):011d}" if company and rnd() < 0.5 else None,
                    a_add,
                    self.ts(a_t + int(rnd() * (end - a_t))) if rnd() < 0.2 else a_add,
                    1,
                    1 if (k < n_addr - 1 and rnd() < 0.35) else 0,
                )
            )
        self.ids["address"] = first_addr + n_addr - 1
        summary.addresses += n_addr

        weight = 0.0
        if n_addr and not guest:
            weight = min(self.rng.paretovariate(self.alpha), self.cap)
        self.cum.append((self.cum[-1] if self.cum else 0.0) + weight)
        self.first_address.append(first_addr)
        self.n_addresses.append(n_addr)
        self.c_shop.append(shop)
        self.c_lang.append(lang or 0)
        self.c_country.append(self.country_ids[iso])

    # -- orders

    def path(self, method: tuple[Any, ...], t: int, carrier: int) -> list[tuple[int, str, int]]:
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

    def tracking(self, carrier: int) -> str:
        ri = self.ri
        if carrier == 2:
            return f"6A{ri(10**11):011d}"
        if carrier == 3:
            return f"X{self.pick('ABCDEFGHJKLMNPRSTUVWXYZ')}{ri(10**9):09d}FR"
        return f"{ri(10**8):08d}"

    def order(self, t: int, idx: int) -> None:
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
        if country == self.ch and rnd() < 0.85:
            currency = 2
        else:
            x = rnd()
            currency = 3 if x < 0.012 else (2 if x < 0.017 else 1)
        rate = 1.0
        if currency != 1:
            rate = self.currency_rate[currency] * (1 + (rnd() - 0.5) * 0.06)
        rate_s = f"{rate:.6f}"
        method = self.pick_method()
        if method[4] == "PS_OS_COD_VALIDATION" and country != self.fr:
            method = _METHODS[0]
        carrier = self.pick_carrier()
        # order lines
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
        shipping = 0.0
        if carrier != 1 and products < 79 * rate:
            shipping = round((4.90, 6.90, 9.90)[carrier % 3] * rate, 2)
        discount = round(products * (0.05, 0.1, 0.15)[ri(3)], 2) if rnd() < 0.1 else 0.0
        total = products + shipping - discount
        steps = [s for s in self.path(method, t, carrier) if s[0] <= self.end]
        last_when, last_key, _e = steps[-1]
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
        b = self.bits(45)
        tri = self._trigrams
        reference = tri[(b & 0x7FFF) % 17576] + tri[((b >> 15) & 0x7FFF) % 17576]
        reference += tri[(b >> 30) % 17576]
        tracking = None
        if shipped_time is not None and carrier != 1 and rnd() < 0.85:
            tracking = self.tracking(carrier)
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
            push(when, 0, (employee, oid, states[key]))
        if paid_time is not None:
            txn = f"pi_{self.bits(96):024x}" if method[0] != "Chèque" else None
            push(paid_time, 1, (reference, currency, total_s, method[0], rate_s, txn))
        # refunds (credit slips) and merchandise returns
        if last_key == "PS_OS_REFUND":
            push(last_when, 2, (cid, oid, rate_s, products, shipping, 0))
        elif last_key == "PS_OS_DELIVERED":
            if rnd() < 0.015:
                when = last_when + int(DAY * (2 + rnd() * 20))
                if when <= self.end:
                    part = round(products * (0.2 + rnd() * 0.5), 2)
                    push(when, 2, (cid, oid, rate_s, part, 0.0, 1))
            if rnd() < 0.02:
                when = last_when + int(DAY * (1 + rnd() * 14))
                if when <= self.end:
                    state = self.pick_return_state()
                    upd = min(self.end, when + (int(DAY * rnd() * 10) if state > 1 else 0))
                    push(when, 3, (cid, oid, state, self.pick(data.RETURN_QUESTIONS), upd))
        if rnd() < 0.03:
            self.abandoned_cart(t)

    def abandoned_cart(self, t: int) -> None:
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

    # -- delayed events, emitted in chronological order so ids follow dates

    def push(self, when: int, kind: int, payload: Row) -> None:
        self.seq += 1
        heapq.heappush(self.pending, (when, self.seq, kind, payload))

    def release(self, until: int) -> None:
        pending = self.pending
        while pending and pending[0][0] <= until:
            when, _seq, kind, payload = heapq.heappop(pending)
            self.emit(kind, when, payload)

    def emit(self, kind: int, when: int, payload: Row) -> None:
        stamp = self.ts(when)
        summary = self.summary
        if kind == 0:
            self.out["order_history"]((self.next_id("order_history"), *payload, stamp))
            summary.order_history += 1
        elif kind == 1:
            self.out["order_payment"]((self.next_id("order_payment"), *payload, stamp))
            summary.order_payments += 1
        elif kind == 2:
            cid, oid, rate, products, shipping, partial = payload
            self.out["order_slip"](
                (self.next_id("order_slip"), rate, cid, oid, f"{products / 1.2:.2f}",
                 f"{products:.2f}", f"{shipping / 1.2:.2f}", f"{shipping:.2f}",
                 f"{products:.2f}", f"{shipping:.2f}", partial, 1 if shipping else 0, stamp,
                 stamp)
            )  # fmt: skip
            summary.order_slips += 1
        else:
            cid, oid, state, question, upd = payload
            self.out["order_return"](
                (self.next_id("order_return"), cid, oid, state, question, stamp, self.ts(upd))
            )
            summary.order_returns += 1

    # -- main loop

    def run(self) -> None:
        rnd = self.rnd
        n = self.n
        end = self.end
        span = float(end - 1)
        beta = self.beta
        cum = self.cum
        n_addresses = self.n_addresses
        progress = self.progress
        maybe_flush = self.sink.maybe_flush
        step = max(1, n // 200)
        t_next = int(span * math.sqrt(rnd() / n)) if n else 0
        for i in range(n):
            t = t_next
            t_next = max(t, int(span * math.sqrt((i + 1 + rnd()) / n))) if i + 1 < n else end
            self.release(t)
            self.customer(i, t)
            events: list[tuple[int, int]] = []
            if n_addresses[i]:
                guest = cum[i] == (cum[i - 1] if i else 0.0)  # guests have no weight
                if guest or rnd() < self.p_first_order:
                    # the account was created at checkout: the order follows within minutes
                    events.append((t + int(rnd() * min(900, (t_next - t) * 0.3)), i))
            total_w = cum[i]
            if total_w > 0 and t_next > t:
                expected = beta * total_w * (t_next - t)
                count = int(expected) + (1 if rnd() < expected - int(expected) else 0)
                for _k in range(count):
                    who = min(bisect_right(cum, rnd() * total_w), i)
                    events.append((t + int(rnd() * (t_next - t)), who))
            if events:
                events.sort()
                for when, who in events:
                    if n_addresses[who]:
                        self.release(when)
                        self.order(when, who)
            maybe_flush()
            if progress is not None and i % step == 0:
                # orders grow with the customers already there: work ~ f + 4 f^2
                f = i / n
                progress(int(n * (f + 4 * f * f) / 5), n)
        self.release(end)
        if progress is not None:
            progress(n, n)


def _split(text: str, groups: Sequence[int]) -> list[str]:
    out, i = [], 0
    for size in groups:
        if i >= len(text):
            break
        out.append(text[i : i + size])
        i += size
    if i < len(text):
        out.append(text[i:])
    return out
