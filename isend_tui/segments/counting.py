"""Who a segment reaches: the count with its breakdown, and the recipients as a stream.

    with open_shop(dsn) as conn:
        count = count_recipients(conn, segment, today=today(conn))
        for r in iter_recipients(conn, segment, today=today(conn)):
            ...

A customer's number is the first usable one of: the delivery address of their most recent
valid order (even soft-deleted), then their other non-deleted addresses from the most
recently updated; on each address phone_mobile, then phone. Each number is used once: when
customers share it, the lowest id_customer keeps it and the others count as
duplicate_number. Every customer of the segment is in exactly one column of
RecipientCount: recipients, no_number, invalid_number, landline, no_consent, retention,
duplicate_number or suppressed (a number of the local suppression list, counted once like
a recipient).

With a lawful basis (`basis=BasisRule(...)`, see `isend_tui.segments.basis`), a customer
with a usable number but without the basis is no_consent, one with it but without
activity in the last `retention_months` months is retention, and a shared number goes to
the lowest id_customer among those with the basis and within retention. Without one (the
default) no customer is left out for want of a basis and no_consent and retention are 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from isend_tui.segments.basis import Basis, BasisRule, Proof, ProofSource
from isend_tui.segments.compiler import (
    compile_classified,
    compile_count,
    compile_customer_count,
    compile_recipients,
)
from isend_tui.segments.exclusions import BASIS_REASONS, SEGMENT_REASONS, Exclusion
from isend_tui.segments.model import Segment
from isend_tui.segments.shop_meta import ShopMeta, shop_meta
from isend_tui.shop.connection import ShopConnection

#: A segment whose customer criteria keep at most this share of the customers is counted
#: customer by customer (each one's orders read through an index) on MySQL; others group
#: all orders once. Measured on the 1M-customer demo shop: 33,000 customers took 1.8 s
#: customer by customer against 5.8 s grouped; 84,000 took 10.6 s against 6.5 s.
PER_CUSTOMER_SHARE = 0.05

#: "one_pass" groups every valid order once; "per_customer" reads each customer's orders
#: through the orders index (compile_count's `per_customer`).
Plan = Literal["one_pass", "per_customer"]


@dataclass(frozen=True)
class RecipientCount:
    customers: int
    recipients: int
    no_number: int
    invalid_number: int
    landline: int
    duplicate_number: int
    suppressed: int
    no_consent: int = 0
    #: with a basis: customers with it but no activity within retention
    retention: int = 0
    #: the basis applied ("consent", "customer"), None: none
    basis: str | None = None

    def breakdown(self) -> list[tuple[Exclusion, int]]:
        """The customers left out, by reason, in the order every screen shows them; "no
        consent" and "data past retention" only when a basis was applied."""
        return [
            (reason, getattr(self, reason.value))
            for reason in SEGMENT_REASONS
            if reason not in BASIS_REASONS or self.basis is not None
        ]

    @property
    def excluded(self) -> int:
        return self.customers - self.recipients


@dataclass(frozen=True)
class Recipient:
    id_customer: int
    number: str  # iSendPro's form: international without "+"
    firstname: str
    lastname: str
    email: str
    country_iso: str
    id_lang: int
    suppressed: bool
    #: why this customer may be texted, when a basis was applied
    proof: Proof | None = None


def choose_plan(conn: ShopConnection, meta: ShopMeta, segment: Segment, today: dt.date) -> Plan:
    """How this segment is counted (and listed): "per_customer" on MySQL when the customer
    criteria are selective enough (PER_CUSTOMER_SHARE), else "one_pass". Both plans give
    the same rows; the segment tests run every count with both by replacing this function
    (tests/support/shop_builder.py, `use_count_plan`)."""
    if conn.backend != "mysql":
        return "one_pass"
    query = compile_customer_count(meta, segment, today=today)
    if query is None:
        return "one_pass"
    row = conn.query_one(query.sql, query.params)
    if not row or not row[1]:
        return "one_pass"
    return "per_customer" if _int(row[0]) <= PER_CUSTOMER_SHARE * _int(row[1]) else "one_pass"


def _per_customer(conn: ShopConnection, meta: ShopMeta, segment: Segment, today: dt.date) -> bool:
    return choose_plan(conn, meta, segment, today) == "per_customer"


def _int(value: object) -> int:
    return int(value) if value is not None else 0  # type: ignore[call-overload]


def count_recipients(
    conn: ShopConnection,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    basis: BasisRule | None = None,
) -> RecipientCount:
    """How many customers the segment holds and what becomes of each (one query)."""
    meta = shop_meta(conn)
    query = compile_count(
        meta,
        segment,
        today=today,
        suppressed=suppressed,
        per_customer=_per_customer(conn, meta, segment, today),
        basis=basis,
    )
    row = conn.query_one(query.sql, query.params) or (0,) * 9
    return counted_row(row, basis)


def counted_row(row: Sequence[object], basis: BasisRule | None) -> RecipientCount:
    """The row of `compile_count` as a RecipientCount."""
    c, r, empty, invalid, landline, duplicate, suppressed, no_consent, retention = (
        _int(v) for v in row
    )
    return RecipientCount(
        c, r, empty, invalid, landline, duplicate, suppressed, no_consent, retention,
        basis=None if basis is None else basis.basis.value,
    )  # fmt: skip


def iter_recipients(
    conn: ShopConnection,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    include_suppressed: bool = False,
    basis: BasisRule | None = None,
) -> Iterator[Recipient]:
    """Every recipient once, in constant memory (rows streamed, ordered by number).

    A suppressed number is skipped unless `include_suppressed`, then flagged. With a
    `basis`, customers without it are left out (None, the default: no one is).
    """
    meta = shop_meta(conn)
    query = compile_recipients(
        meta,
        segment,
        today=today,
        per_customer=_per_customer(conn, meta, segment, today),
        basis=basis,
    )
    blocked = frozenset(suppressed)
    previous: str | None = None
    for row in conn.stream(query.sql, query.params):
        id_customer, number, firstname, lastname, email, country, id_lang = row[:7]
        number = str(number)
        if number == previous:
            continue  # a duplicate: the lowest id_customer (the first row) keeps it
        previous = number
        is_suppressed = number in blocked
        if is_suppressed and not include_suppressed:
            continue
        yield Recipient(
            id_customer=int(id_customer),
            number=number,
            firstname=str(firstname or ""),
            lastname=str(lastname or ""),
            email=str(email or ""),
            country_iso=meta.countries.get(int(country), ""),
            id_lang=_int(id_lang),
            suppressed=is_suppressed,
            proof=None if basis is None else proof_of(basis, number, str(email or ""), row[7:]),
        )


def proof_of(rule: BasisRule, number: str, email: str, columns: Sequence[object]) -> Proof | None:
    """A recipient's proof from the columns of `BasisSql.proof`, the strongest first: an
    imported SMS consent, a psgdpr acceptance, the newsletter; or the latest order of the
    soft opt-in period. None: nothing proves the basis (the campaign refuses the number)."""
    newsletter, newsletter_date, ip, key = columns
    if rule.basis is Basis.CUSTOMER:
        if not key:
            return None
        key = str(key)
        return Proof(rule.basis, ProofSource.ORDER, key[:19].strip(), key[19:].lstrip("0"))
    imported = rule.imported_proof(number, email)
    if imported is not None:
        return imported
    if key:
        key = str(key)
        return Proof(rule.basis, ProofSource.PSGDPR, key[:19].strip(), key[19:].lstrip("0"))
    if _int(newsletter) == 1:
        date = "" if newsletter_date is None else str(newsletter_date)[:19]
        return Proof(rule.basis, ProofSource.NEWSLETTER, date, str(ip or ""))
    return None


def classify_customers(
    conn: ShopConnection, segment: Segment, *, today: dt.date
) -> list[tuple[int, str, str | None, str]]:
    """(id_customer, class code, number, country ISO) of every customer of the segment.

    For tests and diagnostics (it holds every row in memory).
    """
    meta = shop_meta(conn)
    query = compile_classified(
        meta, segment, today=today, per_customer=_per_customer(conn, meta, segment, today)
    )
    return [
        (
            int(r[0]),
            str(r[1]),
            None if r[2] is None else str(r[2]),
            meta.countries.get(int(r[3]), "") if r[3] is not None else "",
        )
        for r in conn.query(query.sql, query.params)
    ]
