"""A segment compiled to one parameterised SELECT per backend (MySQL/MariaDB and SQLite).

The heavy lifting happens in the database, in one statement built from derived tables and
GROUP BY (no window function, no CTE, so it also runs on MySQL 5.7):

    orders  o: per customer, the latest valid order as a sortable composite key
               (date_add, id_order, id_address_delivery) and, only when a criterion needs
               them, the count and the sum of valid orders since a day
    k        : customers passing the customer criteria, LEFT JOINed with `o` and with their
               addresses (non-deleted ones, plus the latest order's delivery address even
               when soft-deleted), grouped by customer:
               - best  = MAX over the candidate numbers of a composite key
                 class (usable > landline > invalid > empty), tier (the latest order's
                 address first), date_upd, id_address, field (phone_mobile before phone),
                 id_country, then the number in iSendPro's form. MAX picks the first usable
                 number in priority order, or the best reason why there is none;
               - first = MAX of (tier, date_upd, id_address, id_country): the first
                 candidate address, whose country the country criterion uses when the
                 customer has no usable number.
    outer    : the country criterion, then the breakdown (count) or the rows (recipients).

The criteria's conditions come from `isend_tui.segments.conditions`, the phone patterns
from `isend_tui.segments.phones`. Values are always parameters (dates, ids, amounts, regex
patterns); only table names (`conn.table`), constant literals and backend-specific
functions (`isend_tui.segments.dialect`) are written into the SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from isend_tui.segments.basis import BasisRule
from isend_tui.segments.basis_sql import BasisSql
from isend_tui.segments.conditions import Conditions
from isend_tui.segments.dates import start_of
from isend_tui.segments.dialect import DATE_WIDTH, ID_WIDTH, Dialect, Fragment, Sql, marks
from isend_tui.segments.dialect import member as _member
from isend_tui.segments.model import Segment
from isend_tui.segments.phones.country_rules import EMPTY, INVALID, LANDLINE, USABLE
from isend_tui.segments.phones.sql import phone_class_sql
from isend_tui.segments.shop_meta import ShopMeta

#: Positions in the composite keys (1-based, as SQL SUBSTRING counts).
# best  = class(1) tier(1) date_upd(19) id_address(10) field(1) id_country(10) number
_BEST_COUNTRY = 1 + 1 + DATE_WIDTH + ID_WIDTH + 1 + 1
_BEST_NUMBER = _BEST_COUNTRY + ID_WIDTH
# first = tier(1) date_upd(19) id_address(10) id_country(10)
_FIRST_COUNTRY = 1 + DATE_WIDTH + ID_WIDTH + 1
# latest order key = date_add(19) id_order(10) id_address_delivery(10)
_LATEST_ADDRESS = DATE_WIDTH + ID_WIDTH + 1


@dataclass(frozen=True)
class CompiledQuery:
    sql: str
    params: tuple[object, ...]


# --------------------------------------------------------------------------- compiler


class _Compiler:
    def __init__(
        self,
        meta: ShopMeta,
        segment: Segment,
        today: dt.date,
        *,
        per_customer: bool = False,
        only: Collection[int] | None = None,
        basis: BasisRule | None = None,
    ) -> None:
        self.meta = meta
        self.per_customer = per_customer
        self.copy = meta.local_copy
        self.d = Dialect(meta.backend)
        self.cond = Conditions(meta, segment, today, only=only)
        self.needs = self.cond.needs
        #: the lawful basis, when the statement applies one (adds the `ok` column)
        self.basis = None if basis is None else BasisSql(meta, basis, self.needs, today)

    # -- query parts

    def orders_table(self, *, latest: bool = False) -> Fragment:
        """Per customer, the order aggregates the criteria need, and with `latest` the key
        of the latest valid order (date, id, delivery address) for the one-pass plan."""
        d, t = self.d, self.meta.t
        # MariaDB may evaluate this derived table once per customer ("split materialized",
        # with a temporary table each time): much faster for a few thousand customers, many
        # times slower for most of them, where grouping all orders once wins. "+ 0" on the
        # grouped column forbids the per-customer plan (see `per_customer`).
        # On SQLite (a SQLite shop or the local copy) "+ 0" would stop it indexing the
        # derived table: every customer would then scan all of it (18 s instead of 0.3 s
        # for 20,000 customers, bench/prepare_bench.py).
        plain = self.per_customer or self.copy or not self.d.mysql
        key = "o1.id_customer" if plain else "o1.id_customer + 0"
        sql = Sql().add(f"SELECT {key} AS id_customer")
        if latest:
            newest = d.concat(
                d.date19("o1.date_add"), d.pad("o1.id_order"), d.pad("o1.id_address_delivery")
            )
            sql.add(f", MAX({newest}) AS latest")
        if self.needs.last:
            sql.add(f", MAX({d.date19('o1.date_add')}) AS last")
        for start, column in self.needs.counts.items():
            sql.add(
                f", SUM(CASE WHEN o1.date_add >= %s THEN 1 ELSE 0 END) AS {column}", start_of(start)
            )
        for start, column in self.needs.sums.items():
            amount = (
                "o1.amount"  # computed by the shop when copied
                if self.copy
                else d.order_amount("o1")
            )
            sql.add(
                f", SUM(CASE WHEN o1.date_add >= %s THEN {amount} ELSE 0 END) AS {column}",
                start_of(start),
            )
        if self.copy:  # only valid orders are copied; read only the period's, by date
            earliest = min([*self.needs.counts, *self.needs.sums])
            sql.add(
                f"FROM {t('orders')} o1 WHERE o1.date_add >= %s GROUP BY o1.id_customer",
                start_of(earliest),
            )
            return Fragment(sql.text(), tuple(sql.params))
        sql.add(f"FROM {t('orders')} o1{self._hint()} WHERE o1.valid = 1 GROUP BY o1.id_customer")
        return Fragment(sql.text(), tuple(sql.params))

    def _hint(self) -> str:
        if self.d.mysql and self.meta.orders_index:
            return f" FORCE INDEX (`{self.meta.orders_index}`)"
        return ""

    def latest_address(self, customer: str) -> str:
        """The delivery address of the customer's latest valid order (latest date_add, then
        highest id_order): a correlated scalar subquery read through the orders index."""
        d = self.d
        latest = d.concat(
            d.date19("o2.date_add"), d.pad("o2.id_order"), d.pad("o2.id_address_delivery")
        )
        return (
            f"(SELECT {d.to_int(d.substr(f'MAX({latest})', _LATEST_ADDRESS))} "
            f"FROM {self.meta.t('orders')} o2{self._hint()} "
            f"WHERE o2.id_customer = {customer} AND o2.valid = 1)"
        )

    def branches(self) -> list[tuple[object, str]]:
        return sorted(self.meta.countries.items(), key=lambda kv: _country_rank(kv[1]))

    def _keys(self, alias: str, tier: str) -> tuple[Fragment, str]:
        """(`best` key over the address's two numbers, `first` key of the address)."""
        d = self.d
        head = [tier, d.date19(f"{alias}.date_upd"), d.pad(f"{alias}.id_address")]
        country = d.pad(f"{alias}.id_country")
        branches = self.branches()
        mobile = phone_class_sql(
            f"{alias}.phone_mobile", f"{alias}.id_country", branches, self.meta.backend,
            d.concat(*head, "'1'", country),
        )  # fmt: skip
        phone = phone_class_sql(
            f"{alias}.phone", f"{alias}.id_country", branches, self.meta.backend,
            d.concat(*head, "'0'", country),
        )  # fmt: skip
        best = Fragment(d.greatest(mobile.sql, phone.sql), mobile.params + phone.params)
        return best, d.concat(*head, country)

    def keyed_table(self) -> Fragment:
        """Customers passing the criteria with `best` and `first` (see the module doc).

        Two plans give the same rows. Measured on 1M customers / 3M orders (bench/RESULTS.md):
        the two-step plan halves the time of a small segment (read through the orders index
        per customer), the one-pass plan is faster for large ones (all orders grouped once).
        """
        return self._keyed_two_steps() if self.per_customer else self._keyed_one_pass()

    def _keyed_one_pass(self) -> Fragment:
        """Every customer's addresses, the latest order's delivery address in tier 1."""
        d, t = self.d, self.meta.t
        latest_address = d.to_int(d.substr("o.latest", _LATEST_ADDRESS))
        tier = f"CASE WHEN a.id_address = {latest_address} THEN '1' ELSE '0' END"
        best, first = self._keys("a", tier)
        sql = Sql().add("SELECT c.id_customer, MAX(")
        sql.frag(best)
        sql.add(f") AS best, MAX({first}) AS first")
        self._basis_columns(sql, "o.latest")
        sql.add(f"FROM {t('customer')} c LEFT JOIN (")
        sql.frag(self.orders_table(latest=True))
        sql.add(f") o ON o.id_customer = c.id_customer LEFT JOIN {t('address')} a")
        sql.add(
            "ON a.id_customer = c.id_customer "
            f"AND (a.deleted = 0 OR a.id_address = {latest_address})"
        )
        sql.add("WHERE c.deleted = 0 AND c.active = 1")
        sql.extend(self.cond.customer)
        sql.extend(self.cond.orders)
        sql.add("GROUP BY c.id_customer")
        return Fragment(sql.text(), tuple(sql.params))

    def _keyed_two_steps(self) -> Fragment:
        """Two steps, so that orders are read only where they can change the answer:
        - `k`: each customer with the keys of their non-deleted addresses, all in tier 0
          (`best0`, `first0`), and `need`: whether the delivery address of the latest
          valid order may matter (more than one address, or a deleted one);
        - for those customers only, that address (`a1`, found through the orders index)
          comes in tier 1, even when deleted. The MAX over all keys is the same as with
          every address in its own tier: an address's tier-1 key beats its tier-0 key,
          and a customer with a single, non-deleted address has no other candidate.
        """
        d, t = self.d, self.meta.t
        best0, first0 = self._keys("a", "'0'")
        inner = Sql().add("SELECT c.id_customer, MAX(CASE WHEN a.deleted = 0 THEN")
        inner.frag(best0)
        inner.add(
            f"END) AS best0, MAX(CASE WHEN a.deleted = 0 THEN {first0} END) AS first0, "
            "CASE WHEN COUNT(a.id_address) > 1 OR COUNT(a.id_address) > "
            "SUM(CASE WHEN a.deleted = 0 THEN 1 ELSE 0 END) THEN 1 ELSE 0 END AS need"
        )
        self._basis_columns(inner, None)
        inner.add(f"FROM {t('customer')} c")
        if self.needs.any():
            inner.add("LEFT JOIN (")
            inner.frag(self.orders_table())
            inner.add(") o ON o.id_customer = c.id_customer")
        inner.add(f"LEFT JOIN {t('address')} a ON a.id_customer = c.id_customer")
        inner.add("WHERE c.deleted = 0 AND c.active = 1")
        inner.extend(self.cond.customer)
        inner.extend(self.cond.orders)
        inner.add("GROUP BY c.id_customer")

        best1, first1 = self._keys("a1", "'1'")
        best = d.greatest("COALESCE(k.best0, '')", f"COALESCE({best1.sql}, '')")
        first = d.greatest("COALESCE(k.first0, '')", f"COALESCE({first1}, '')")
        sql = Sql().add(
            f"SELECT k.id_customer, NULLIF({best}, '') AS best, NULLIF({first}, '') AS first"
            + (", k.basis, k.fresh" if self.basis else "")
            + " FROM (",
            *best1.params,
        )
        sql.add(inner.text(), *inner.params)
        sql.add(
            f") k LEFT JOIN {t('address')} a1 ON a1.id_address = CASE WHEN k.need = 1 "
            f"THEN {self.latest_address('k.id_customer')} END "
            "AND a1.id_customer = k.id_customer"
        )
        return Fragment(sql.text(), tuple(sql.params))

    def _basis_columns(self, sql: Sql, latest_order: str | None) -> None:
        """`, MAX(1 or 0) AS basis, MAX(1 or 0) AS fresh`: whether the customer row has
        the basis, and activity within retention (grouped; `BasisSql.fresh`)."""
        if self.basis is not None:
            sql.add(", MAX(CASE WHEN")
            sql.frag(self.basis.customer())
            sql.add("THEN 1 ELSE 0 END) AS basis, MAX(CASE WHEN")
            sql.frag(self.basis.fresh(latest_order))
            sql.add("THEN 1 ELSE 0 END) AS fresh")

    def _copy_table(self) -> Fragment:
        """The same columns read from a local copy, where they are stored per customer."""
        t = self.meta.t
        sql = Sql().add("SELECT k.id_customer, k.cls, k.num, k.country, k.shared")
        if self.basis is not None:
            ok = self.basis.ok(self.basis.customer(), self.basis.fresh("k.last"), "k.num")
            sql.add(",").frag(ok)
            sql.add("AS ok")
        sql.add(f"FROM {t('number')} k JOIN {t('customer')} c ON c.id_customer = k.id_customer")
        if self.needs.any():
            sql.add("LEFT JOIN (")
            sql.frag(self.orders_table())
            sql.add(") o ON o.id_customer = k.id_customer")
        sql.add("WHERE c.deleted = 0 AND c.active = 1")
        sql.extend(self.cond.customer)
        sql.extend(self.cond.orders)
        if self.cond.country_ids is not None:
            if not self.cond.country_ids:
                sql.add("AND 1 = 0")
            else:
                sql.add(f"AND k.country IN {marks(self.cond.country_ids)}", *self.cond.country_ids)
        return Fragment(sql.text(), tuple(sql.params))

    def classified_table(self) -> Fragment:
        """id_customer, cls, num (iSendPro form or NULL), country (padded id), per customer."""
        if self.copy:
            return self._copy_table()
        d = self.d
        cls = f"COALESCE({d.substr('k.best', 1, 1)}, '{EMPTY}')"
        used = d.substr("k.best", _BEST_COUNTRY, ID_WIDTH)
        first = d.substr("k.first", _FIRST_COUNTRY, ID_WIDTH)
        sql = Sql().add(
            f"SELECT k.id_customer, {cls} AS cls, "
            f"CASE WHEN {d.substr('k.best', 1, 1)} = '{USABLE}' "
            f"THEN {d.substr('k.best', _BEST_NUMBER)} END AS num, "
            f"CASE WHEN {d.substr('k.best', 1, 1)} = '{USABLE}' THEN {used} ELSE {first} END "
            "AS country"
        )
        if self.basis is not None:
            sql.add(",").frag(self.basis.ok("k.basis", "k.fresh", d.substr("k.best", _BEST_NUMBER)))
            sql.add("AS ok")
        sql.add("FROM (")
        sql.frag(self.keyed_table())
        sql.add(") k")
        if self.cond.country_ids is not None:
            if not self.cond.country_ids:
                sql.add("WHERE 1 = 0")
            else:
                sql.add(
                    f"WHERE (CASE WHEN {d.substr('k.best', 1, 1)} = '{USABLE}' THEN {used} "
                    f"ELSE {first} END) IN {marks(self.cond.country_ids)}",
                    *self.cond.country_ids,
                )
        return Fragment(sql.text(), tuple(sql.params))


def _country_rank(iso: str) -> tuple[int, str]:
    """Most frequent countries first in the CASE (a CASE stops at the first match)."""
    order = ("FR", "BE", "CH", "LU", "DE", "ES", "IT", "NL", "GB", "PT", "MC")
    return (order.index(iso) if iso in order else len(order), iso)


#: no_number, invalid_number and landline: the same columns in both count statements
#: (each "{}" takes an alias, or nothing: `.format("", "", "")`)
_NO_NUMBER_COLUMNS = ", ".join(
    f"COALESCE(SUM(CASE WHEN t.cls = '{code}' THEN 1 ELSE 0 END), 0) {{}}"
    for code in (EMPTY, INVALID, LANDLINE)
)


def compile_count(
    meta: ShopMeta,
    segment: Segment,
    *,
    today: dt.date,
    suppressed: Collection[str] = (),
    per_customer: bool = False,
    basis: BasisRule | None = None,
) -> CompiledQuery:
    """The statement returning one row: customers, recipients, no_number, invalid_number,
    landline, duplicate_number, suppressed, no_consent, retention.

    With a `basis`, a usable number of a customer without it is no_consent, of one with it
    but no activity within retention (`BasisRule.retention_months`) retention, and only
    the customers with it and within retention share numbers (duplicate_number) and meet
    the suppression list; without one, no_consent and retention are 0.

    `per_customer` lets MySQL/MariaDB read each customer's orders through the orders index
    instead of grouping every order first: for segments of a few percent of the customers
    (see `customer_count`)."""
    c = _Compiler(meta, segment, today, per_customer=per_customer, basis=basis)
    is_suppressed, supp_params = _member("t.num", sorted(set(suppressed)), meta.backend)
    if meta.local_copy:
        return _compile_copy_count(c, is_suppressed if suppressed else None, supp_params)
    ok = " AND t.ok = 1" if c.basis else ""
    usable = f"t.cls = '{USABLE}'{ok}"
    sql = Sql().add(
        "SELECT COUNT(*), "
        f"COUNT(DISTINCT CASE WHEN {usable} AND NOT ({is_suppressed}) THEN t.num END), ",
        *supp_params,
    )
    sql.add(
        f"{_NO_NUMBER_COLUMNS.format('', '', '')}, "
        f"COALESCE(SUM(CASE WHEN {usable} THEN 1 ELSE 0 END), 0) "
        f"- COUNT(DISTINCT CASE WHEN {usable} THEN t.num END), "
        f"COUNT(DISTINCT CASE WHEN {usable} AND {is_suppressed} THEN t.num END), "
        f"{_basis_counts(c).format('', '')} FROM (",
        *supp_params,
    )
    sql.frag(c.classified_table())
    sql.add(") t")
    return CompiledQuery(sql.text(), tuple(sql.params))


def _basis_counts(c: _Compiler) -> str:
    """The no_consent and retention columns: `ok` 0 and 2 (`BasisSql.ok`); each "{}" takes
    an alias, or nothing (`.format("", "")`)."""
    if c.basis is None:
        return "0 {}, 0 {}"
    return ", ".join(
        f"COALESCE(SUM(CASE WHEN t.cls = '{USABLE}' AND t.ok = {ok} THEN 1 ELSE 0 END), 0) {{}}"
        for ok in (0, 2)
    )


def _compile_copy_count(
    c: _Compiler, is_suppressed: str | None, supp_params: tuple[object, ...]
) -> CompiledQuery:
    """The same row from a local copy, which marks the numbers that more than one customer
    has (`shared`): only those need COUNT(DISTINCT), the slow part of a big count (1 s of
    the 1.1 s for 955,000 customers). A number no one else has is one recipient (and
    stays unshared among the customers with a basis). The recipients are the distinct
    numbers less the suppressed ones, so that each number meets the suppression list once,
    not twice (a list of 100,000 numbers cost 0.45-0.9 s at 1M customers, met twice);
    without a list (`is_suppressed` None) none is: 0.07 s of a 0.5 s count."""
    ok = " AND t.ok = 1" if c.basis else ""
    one = f"t.cls = '{USABLE}' AND t.shared = 0{ok}"
    many = f"t.cls = '{USABLE}' AND t.shared = 1{ok}"
    distinct = f"COUNT(DISTINCT CASE WHEN {many} THEN t.num END)"
    suppressed = "0"
    if is_suppressed is not None:
        suppressed = (
            f"COALESCE(SUM(CASE WHEN {one} AND {is_suppressed} THEN 1 END), 0)"
            f" + COUNT(DISTINCT CASE WHEN {many} AND {is_suppressed} THEN t.num END)"
        )
    sql = Sql().add(
        "SELECT r.customers, r.numbers - r.suppressed, r.no_number, r.invalid_number, "
        "r.landline, r.duplicate, "
        "r.suppressed, r.no_consent, r.retention FROM (SELECT COUNT(*) AS customers, "
        f"COALESCE(SUM(CASE WHEN {one} THEN 1 END), 0) + {distinct} AS numbers, "
        f"{_NO_NUMBER_COLUMNS.format('no_number', 'invalid_number', 'landline')}, "
        f"COALESCE(SUM(CASE WHEN {many} THEN 1 ELSE 0 END), 0) - {distinct} AS duplicate, "
        f"{suppressed} AS suppressed, "
        f"{_basis_counts(c).format('no_consent', 'retention')} FROM (",
        *(supp_params * 2 if is_suppressed else ()),
    )
    sql.frag(c.classified_table())
    sql.add(") t) r")
    return CompiledQuery(sql.text(), tuple(sql.params))


def compile_recipients(
    meta: ShopMeta,
    segment: Segment,
    *,
    today: dt.date,
    per_customer: bool = False,
    basis: BasisRule | None = None,
) -> CompiledQuery:
    """The statement listing every customer with a usable number (and the `basis`, when
    given), ordered by number then id_customer (the first row of each number keeps it):
    id_customer, number, firstname, lastname, email, padded id_country, id_lang, then with
    a basis the columns of its proof (`BasisSql.proof`)."""
    c = _Compiler(meta, segment, today, per_customer=per_customer, basis=basis)
    # STRAIGHT_JOIN: the per-customer table first, then each customer by primary key.
    # Else MariaDB (split_materialized) reads it LATERAL DERIVED, the grouped per-customer
    # table run again for every customer, at a cost growing with the size of the phone
    # SQL: 38 s instead of 12 s for 170,000 customers (bench/phone_sql_bench.py).
    straight = " STRAIGHT_JOIN" if meta.backend == "mysql" else ""
    sql = Sql().add(
        f"SELECT{straight} t.id_customer, t.num, cu.firstname, cu.lastname, cu.email, "
        "t.country, COALESCE(cu.id_lang, %s)",
        meta.default_lang,
    )
    if c.basis is not None:  # then the proof of each one's basis
        proof = c.basis.proof("t.id_customer", "cu")
        sql.add(", " + proof.sql, *proof.params)
    sql.add("FROM (")
    sql.frag(c.classified_table())
    sql.add(
        f") t JOIN {meta.t('customer')} cu ON cu.id_customer = t.id_customer "
        f"WHERE t.cls = '{USABLE}'{' AND t.ok = 1' if c.basis else ''} "
        "ORDER BY t.num, t.id_customer"
    )
    return CompiledQuery(sql.text(), tuple(sql.params))


def compile_classified(
    meta: ShopMeta,
    segment: Segment,
    *,
    today: dt.date,
    per_customer: bool = False,
    only: Collection[int] | None = None,
) -> CompiledQuery:
    """Every customer of the segment: id_customer, class code, number, padded id_country
    (for tests, diagnostics and the local copy, which can ask for `only` some customers),
    ordered by id_customer."""
    c = _Compiler(meta, segment, today, per_customer=per_customer, only=only)
    sql = Sql().add("SELECT t.id_customer, t.cls, t.num, t.country FROM (")
    sql.frag(c.classified_table())
    sql.add(") t ORDER BY t.id_customer")
    return CompiledQuery(sql.text(), tuple(sql.params))


def compile_customer_count(
    meta: ShopMeta, segment: Segment, *, today: dt.date
) -> CompiledQuery | None:
    """How many customers pass the customer-level criteria (newsletter, age, shop, group,
    gender, status, registration), and how many customers the shop has: a cheap first
    look at how selective the segment is, to choose the plan of the count. None when the
    segment has no customer-level criterion."""
    c = _Compiler(meta, segment, today)
    if not c.cond.customer.parts:
        return None
    sql = Sql().add("SELECT SUM(CASE WHEN 1 = 1")
    sql.extend(c.cond.customer)
    sql.add(f"THEN 1 ELSE 0 END), COUNT(*) FROM {meta.t('customer')} c")
    sql.add("WHERE c.deleted = 0 AND c.active = 1")
    return CompiledQuery(sql.text(), tuple(sql.params))
