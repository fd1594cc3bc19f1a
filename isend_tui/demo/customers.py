"""The customers of the demo shop: accounts, their groups, and what their orders need.

Customers come in several groups (Client, VIP, Professionnels, a few odd Visiteur
memberships, a few with no membership at all); titles of every type and 0 (not given);
birthdays NULL, '0000-00-00', 29 February and on the reference day; newsletter and partner
opt-in; companies with or without SIRET; guests (who may reuse an e-mail), soft-deleted
and disabled accounts. Each customer gets an order weight: most order a little, a few a lot.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from array import array

from isend_tui.demo import words as data
from isend_tui.demo.addresses import (
    BRUSSELS_SHOP_COUNTRIES,
    COUNTRY_IDS,
    FRENCH_SHOPS_COUNTRIES,
    Addresses,
)
from isend_tui.demo.draws import Draws
from isend_tui.demo.prestashop.reference_data import SHOPS
from isend_tui.demo.rows import DemoSummary, Rows
from isend_tui.demo.timeline import Timeline
from isend_tui.segments.basis import PSGDPR_CONSENT

P_GUEST = 0.12
#: Order weights are Pareto (alpha 1.5) capped at 100: a few customers order a lot.
ALPHA, CAP = 1.5, 100.0
SHOP_SHARES = ((1, 0.65), (2, 0.2), (3, 0.15))
TITLE_SHARES = ((1, 0.45), (2, 0.46), (3, 0.01), (0, 0.08))  # id_gender, 0 = not given


class CustomerBook:
    """What orders need to know of each customer (index = id_customer - 1), ~20 bytes each."""

    def __init__(self) -> None:
        self.cum = array("d")  # running sum of the order weights: who orders next
        self.first_address = array("l")
        self.n_addresses = bytearray()
        self.shop = bytearray()
        self.lang = bytearray()  # 0: none given
        self.country = bytearray()

    def add(
        self, weight: float, first_address: int, n_addresses: int, shop: int, lang: int,
        country: int,
    ) -> None:  # fmt: skip
        self.cum.append((self.cum[-1] if self.cum else 0.0) + weight)
        self.first_address.append(first_address)
        self.n_addresses.append(n_addresses)
        self.shop.append(shop)
        self.lang.append(lang)
        self.country.append(country)


class Customers:
    """Writes each customer's account and groups, has its addresses written, and books it."""

    def __init__(
        self,
        draws: Draws,
        timeline: Timeline,
        rows: Rows,
        summary: DemoSummary,
        addresses: Addresses,
        book: CustomerBook,
    ) -> None:
        self.rnd = draws.random
        self.ri = draws.below
        self.pick = draws.pick
        self.bits = draws.bits
        self.triangular = draws.rng.triangular
        self.paretovariate = draws.rng.paretovariate
        self.pick_shop = draws.weighted(SHOP_SHARES)
        self.pick_country_fr = draws.weighted(FRENCH_SHOPS_COUNTRIES)
        self.pick_country_be = draws.weighted(BRUSSELS_SHOP_COUNTRIES)
        self.pick_gender = draws.weighted(TITLE_SHARES)
        self.reference_date = timeline.reference_date
        self.ts = timeline.ts
        self.end = timeline.end
        self.out = rows.out
        self.next_id = rows.next_id
        self.summary = summary
        self.addresses = addresses
        self.book = book
        self.shop_group = {s: g for s, g, _n in SHOPS}
        self.recent_emails: list[str] = []  # what a guest may give again
        self._folded: dict[str, str] = {}

    def _gdpr_log(self, cid: int, name: str, t: int) -> None:
        """About 1 in 9 accounts consented on a psgdpr form (a few also asked for their
        data, which is no consent). Drawn from the id, not the random stream: the rest of
        the shop stays the same as before the log existed."""
        out = self.out.get("psgdpr_log")
        if out is None:
            return
        draw = (cid * 2654435761) % 1000
        if draw >= 110:
            return
        when = self.ts(t + (self.end - t) * draw // 1000)
        out((self.next_id("psgdpr_log"), cid, 0, name, 1, PSGDPR_CONSENT, when, when))
        if draw < 8:
            out((self.next_id("psgdpr_log"), cid, 0, name, 1, 2, when, when))

    def _fold(self, name: str) -> str:
        """ASCII, lower case, letters and digits only (for e-mail addresses), cached."""
        folded = self._folded.get(name)
        if folded is None:
            plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
            folded = self._folded[name] = "".join(ch for ch in plain if ch.isalnum())
        return folded

    def _birthday(self) -> str | None:
        x = self.rnd()
        if x < 0.15:
            return None
        if x < 0.25:
            return "0000-00-00"
        age = int(self.triangular(18, 86, 38))
        ref = self.reference_date
        year = ref.year - age
        if x < 0.254:
            return f"{year:04d}-{ref.month:02d}-{ref.day:02d}"  # on the reference day
        if x < 0.259:
            year -= year % 4  # a leap year (1904..2096)
            return f"{year:04d}-02-29"
        return (dt.date(year, 1, 1) + dt.timedelta(days=self.ri(365))).isoformat()

    def add(self, idx: int, t: int) -> None:
        """Write customer `idx` + 1, registered at `t`: the account, groups and addresses."""
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
        guest = rnd() < P_GUEST
        f, l_ = self._fold(first), self._fold(last)
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
                first, last, email, passwd, self._birthday(), newsletter, ip,
                added if newsletter else None, optin, f"{self.bits(128):032x}", active,
                int(guest), deleted, added, upd,
            )
        )  # fmt: skip
        out_group = self.out["customer_group"]
        for g in groups:
            out_group((cid, g))
        if not guest:
            self._gdpr_log(cid, f"{first} {last}", t)
        summary = self.summary
        summary.customers += 1
        summary.customer_groups += len(groups)

        first_addr, n_addr = self.addresses.add(
            cid, iso, t, guest=guest, first=first, last=last, company=company
        )

        weight = 0.0
        if n_addr and not guest:
            weight = min(self.paretovariate(ALPHA), CAP)
        self.book.add(weight, first_addr, n_addr, shop, lang or 0, COUNTRY_IDS[iso])
