"""Customers of the overseas departments in the demo shop: a few French addresses move to
Réunion, Guadeloupe or Martinique, some filed under their department, some (as many shops
do) under "France" with the department's 0692…/0690…/0696… mobile. A campaign then shows
its time-zone groups and their own public holidays.

Written last, with a Random of its own seeded from the shop's seed, by updating addresses
already written: the generator's other rows and every count of recipients stay the same
(a usable mobile stays a usable mobile); the countries and the time zones change.
"""

from __future__ import annotations

import random

import phonenumbers

from isend_tui.demo.addresses import COUNTRY_IDS as _IDS
from isend_tui.demo.prestashop.writer import ShopWriter
from isend_tui.sms.phone import check_mobile

#: Per department: its mobiles' national start (then digits to draw), its cities, its weight.
DEPARTMENTS = (
    ("RE", "0692", (("97400", "Saint-Denis"), ("97410", "Saint-Pierre"),
                    ("97430", "Le Tampon")), 0.5),
    ("GP", "0690", (("97110", "Pointe-à-Pitre"), ("97100", "Basse-Terre"),
                    ("97122", "Baie-Mahault")), 0.25),
    ("MQ", "06964", (("97200", "Fort-de-France"), ("97230", "Sainte-Marie"),
                     ("97232", "Le Lamentin")), 0.25),
)  # fmt: skip
#: One French address in SHARE moves overseas (at least MINIMUM in a small shop).
SHARE, MINIMUM = 80, 4
#: Of those, how many stay filed under "France".
FILED_UNDER_FRANCE = 0.4


def _seed(seed: int) -> int:
    return seed * 104_729 + 7_919  # not the generator's nor the automations' seed


def _written(rnd: random.Random, iso: str, national: str, filed_under_france: bool) -> str:
    """The number as a customer types it: mostly national on a "France" address."""
    style, code = rnd.random(), phonenumbers.country_code_for_region(iso)
    if filed_under_france or style < 0.5:
        return (
            national
            if style < 0.7
            else " ".join(national[i : i + 2] for i in range(0, len(national), 2))
        )
    if style < 0.8:
        return f"+{code} {national[1:]}"
    return f"00{code}{national[1:]}"


def _shared(writer: ShopWriter) -> set[str]:
    """The phone strings more than one address holds (a customer's number counted once)."""
    t = writer.table
    out: set[str] = set()
    for column in ("phone", "phone_mobile"):
        out |= {
            str(r[0])
            for r in writer.query(
                f"SELECT {column} FROM {t('address')} WHERE {column} IS NOT NULL "
                f"GROUP BY {column} HAVING COUNT(*) > 1"
            )
        }
    return out


def _movable(writer: ShopWriter, sample: list[int]) -> list[tuple[int, str]]:
    """The sampled addresses with exactly one usable French mobile, held by no other
    address: (id_address, its column). Changing it for another mobile moves no count."""
    t, shared = writer.table, _shared(writer)
    out: list[tuple[int, str]] = []
    for first in range(0, len(sample), 500):
        chunk = sample[first : first + 500]
        marks = ", ".join(["%s"] * len(chunk))
        rows = writer.query(
            f"SELECT id_address, phone, phone_mobile FROM {t('address')} "
            f"WHERE id_address IN ({marks}) ORDER BY id_address",
            chunk,
        )
        for aid, phone, mobile in rows:
            usable = [
                (column, value)
                for column, value in (("phone", phone), ("phone_mobile", mobile))
                if check_mobile(value, "FR").ok
            ]
            if len(usable) == 1 and usable[0][1] not in shared:
                out.append((int(aid), usable[0][0]))
    return out


def add_overseas_rows(writer: ShopWriter, *, seed: int) -> None:
    rnd = random.Random(_seed(seed))
    t = writer.table
    french = [
        int(r[0])
        for r in writer.query(
            f"SELECT id_address FROM {t('address')} WHERE id_country = %s AND deleted = 0 "
            "ORDER BY id_address",
            (_IDS["FR"],),
        )
    ]
    wanted = min(len(french), max(MINIMUM, len(french) // SHARE))
    sample = sorted(rnd.sample(french, min(len(french), 4 * wanted)))
    movable = _movable(writer, sample)
    chosen = sorted(rnd.sample(movable, min(wanted, len(movable))))
    weights = [w for *_rest, w in DEPARTMENTS]
    by_column: dict[str, list[tuple[object, ...]]] = {"phone": [], "phone_mobile": []}
    for aid, column in chosen:
        iso, start, cities, _w = rnd.choices(DEPARTMENTS, weights)[0]
        national = start + "".join(str(rnd.randrange(10)) for _ in range(10 - len(start)))
        under_france = rnd.random() < FILED_UNDER_FRANCE
        postcode, city = rnd.choice(cities)
        country = _IDS["FR"] if under_france else _IDS[iso]
        number = _written(rnd, iso, national, under_france)
        by_column[column].append((country, postcode, city, number, aid))
    writer.begin()
    for column, rows in by_column.items():
        writer.executemany(
            f"UPDATE {t('address')} SET id_country = %s, postcode = %s, city = %s, "
            f"{column} = %s WHERE id_address = %s",
            rows,
        )
    writer.commit()
