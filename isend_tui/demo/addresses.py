"""The addresses of a customer: mostly in France, also Belgium, Switzerland, Luxembourg,
Spain and Germany; several per customer with soft-deleted ones, customers without any,
and now and then someone else's name on the parcel.
"""

from __future__ import annotations

from isend_tui.demo import words as data
from isend_tui.demo.draws import Draws
from isend_tui.demo.phones import Phones
from isend_tui.demo.prestashop.reference_data import COUNTRIES
from isend_tui.demo.rows import DemoSummary, Rows
from isend_tui.demo.timeline import Timeline

P_NO_ADDRESS = 0.05  # of the registered customers
#: Where the customers of the French shops live, and of the Brussels shop.
FRENCH_SHOPS_COUNTRIES = (
    ("FR", 0.88), ("BE", 0.035), ("CH", 0.03), ("LU", 0.01), ("ES", 0.02), ("DE", 0.025),
)  # fmt: skip
BRUSSELS_SHOP_COUNTRIES = (("BE", 0.7), ("LU", 0.15), ("FR", 0.1), ("DE", 0.05))
ADDRESS_COUNTS = ((1, 0.72), (2, 0.17), (3, 0.06), (4, 0.03), (6, 0.02))

COUNTRY_IDS = {iso: cid for cid, iso, *_rest in COUNTRIES}


class Addresses:
    """Writes the addresses of one customer at a time, with their phones."""

    def __init__(
        self,
        draws: Draws,
        timeline: Timeline,
        rows: Rows,
        summary: DemoSummary,
        phones: Phones,
    ) -> None:
        self.rnd = draws.random
        self.ri = draws.below
        self.pick = draws.pick
        self.pick_n_addr = draws.weighted(ADDRESS_COUNTS)
        self.pick_country_fr = draws.weighted(FRENCH_SHOPS_COUNTRIES)
        self.ts = timeline.ts
        self.end = timeline.end
        self.ids = rows.ids
        self.out = rows.out
        self.summary = summary
        self.phones = phones
        self.country_ids = COUNTRY_IDS

    def add(
        self, cid: int, iso: str, t: int, *, guest: bool, first: str, last: str,
        company: str | None,
    ) -> tuple[int, int]:  # fmt: skip
        """Write the addresses of customer `cid` (registered at `t`, living in `iso`).

        Returns (the first id_address, the number of addresses).
        """
        rnd, ri, pick = self.rnd, self.ri, self.pick
        end = self.end
        summary = self.summary
        if guest:
            n_addr = 1
        elif rnd() < P_NO_ADDRESS:
            n_addr = 0
        else:
            n_addr = self.pick_n_addr()
        first_addr = self.ids["address"] + 1
        out_address = self.out["address"]
        for k in range(n_addr):
            aid = first_addr + k
            a_iso = iso if k == 0 or rnd() < 0.9 else self.pick_country_fr()
            postcode, city = pick(data.CITIES[a_iso])
            phone, mob = self.phones.for_address(a_iso)
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
        return first_addr, n_addr
