"""The lawful basis (`isend_tui.segments.basis`) as SQL conditions, for the compiler to place
in its statement: one on the customer row (`customer`: the newsletter flag, a psgdpr
acceptance, an imported email, a recent valid order) and one on the number the customer
would be texted on (`number`: an imported number). The compiler turns them into the `ok`
column of each customer: 0 without the basis, 1 with it, 2 with it but past retention
(no activity in the last `retention_months` months, `fresh`: see `isend_tui.segments.basis`).

A recent order is read from the orders aggregates the criteria use (`Needs.counts`), so
it costs one more SUM in the pass that groups the orders anyway. The retention's recent
order is read from what the statement has at hand (the latest order's key of the one-pass
plan, the copy's `last`), else through the orders index. On the local copy, both and the
psgdpr acceptances are columns of its `number` table `k` (`local_copy.tables.set_activity`):
no orders or psgdpr rows are read at count time. Values are parameters.
"""

from __future__ import annotations

import datetime as dt

from isend_tui.segments.basis import PSGDPR_CONSENT, Basis, BasisRule
from isend_tui.segments.conditions import Needs
from isend_tui.segments.dates import since, start_of
from isend_tui.segments.dialect import Dialect, Fragment, Sql, member
from isend_tui.segments.shop_meta import ShopMeta


class BasisSql:
    def __init__(self, meta: ShopMeta, rule: BasisRule, needs: Needs, today: dt.date) -> None:
        self.meta = meta
        self.rule = rule
        self._orders_column: str | None = None
        self._start = since(today, rule.soft_optin_months)
        retention = since(today, rule.retention_months)
        self._retention = start_of(retention)
        self._recent_numbers, self._recent_emails = rule.recent_imports(retention)
        if rule.basis is Basis.CUSTOMER and not meta.local_copy:
            self._orders_column = needs.counts.setdefault(self._start, f"n{len(needs.counts)}")

    def customer(self) -> Fragment:
        """True when the customer row `c` (with its order aggregates `o`) has the basis."""
        if self._orders_column is not None:
            return Fragment(f"COALESCE(o.{self._orders_column}, 0) > 0")
        if self.rule.basis is Basis.CUSTOMER:  # the copy: its latest valid order's date
            return Fragment("k.last >= %s", (start_of(self._start),))
        parts = ["c.newsletter = 1"]
        params: tuple[object, ...] = ()
        if self.meta.local_copy:
            parts.append("k.gdpr IS NOT NULL")
        elif self.meta.gdpr_log:
            parts.append(
                f"EXISTS (SELECT 1 FROM {self.meta.t('psgdpr_log')} g "
                f"WHERE g.id_customer = c.id_customer AND g.request_type = {PSGDPR_CONSENT})"
            )
        if self.rule.emails:
            emails, params = member("LOWER(c.email)", sorted(self.rule.emails), self.meta.backend)
            parts.append(emails)
        return Fragment("(" + " OR ".join(parts) + ")", params)

    def fresh(self, latest_order: str | None) -> Fragment:
        """True when the customer row `c` had activity within retention: the account
        created, the newsletter subscribed, a valid order placed, a psgdpr acceptance or
        an imported consent (by email) since the retention's first day. `latest_order`: an
        expression starting with the date of the customer's latest valid order (compared
        as text), None: the orders are looked up."""
        start = self._retention
        sql = Sql().add(
            "(c.date_add >= %s OR (c.newsletter = 1 AND c.newsletter_date_add >= %s)",
            start,
            start,
        )
        if latest_order is not None:
            sql.add(f"OR {latest_order} >= %s", start)
        else:
            valid = "" if self.meta.local_copy else " AND o4.valid = 1"
            sql.add(
                f"OR EXISTS (SELECT 1 FROM {self.meta.t('orders')} o4 "
                f"WHERE o4.id_customer = c.id_customer{valid} AND o4.date_add >= %s)",
                start,
            )
        if self._recent_emails:
            emails, params = member("LOWER(c.email)", self._recent_emails, self.meta.backend)
            sql.add("OR " + emails, *params)
        if self.meta.local_copy:
            sql.add("OR k.gdpr >= %s", start)
        elif self.meta.gdpr_log:
            sql.add(
                f"OR EXISTS (SELECT 1 FROM {self.meta.t('psgdpr_log')} g2 "
                f"WHERE g2.id_customer = c.id_customer AND g2.request_type = {PSGDPR_CONSENT} "
                "AND g2.date_add >= %s)",
                start,
            )
        sql.add(")")
        return Fragment(sql.text(), tuple(sql.params))

    def number(self, num: str) -> Fragment | None:
        """True when `num` (iSendPro's form) has an imported consent; None: no such list."""
        if not self.rule.numbers:
            return None
        sql, params = member(num, sorted(self.rule.numbers), self.meta.backend)
        return Fragment(sql, params)

    def ok(self, customer: Fragment | str, fresh: Fragment | str, num: str) -> Fragment:
        """0 (no basis), 1 (the basis) or 2 (the basis, past retention): from the customer
        part of the basis and of the retention, each a condition or a 0/1 column already
        computed, and the imported consents of the number `num`."""
        has = _condition(customer)
        recent = _condition(fresh)
        imported = self.number(num)
        if imported is not None:
            has = Fragment(f"{has.sql} OR {imported.sql}", has.params + imported.params)
        if self._recent_numbers:
            numbers, params = member(num, self._recent_numbers, self.meta.backend)
            recent = Fragment(f"{recent.sql} OR {numbers}", recent.params + params)
        return Fragment(
            f"CASE WHEN {has.sql} THEN CASE WHEN {recent.sql} THEN 1 ELSE 2 END ELSE 0 END",
            has.params + recent.params,
        )

    #: how many columns `proof` adds to a recipients statement
    PROOF_COLUMNS = 4

    def proof(self, customer: str, row: str) -> Fragment:
        """The columns a recipient's proof is read from (`counting.proof_of`), for the
        customer id `customer` and its customer row `row`: newsletter flag, its date, its
        IP, then the key (date19 + padded id) of the latest psgdpr acceptance (consent) or
        of the latest valid order of the soft opt-in period (customer). Subqueries of the
        outer statement: evaluated once per recipient, through the id_customer indexes."""
        d, t = Dialect(self.meta.backend), self.meta.t
        if self.rule.basis is Basis.CUSTOMER:
            key = d.concat(d.date19("o3.date_add"), d.pad("o3.id_order"))
            valid = "" if self.meta.local_copy else " AND o3.valid = 1"
            return Fragment(
                f"NULL, NULL, NULL, (SELECT MAX({key}) FROM {t('orders')} o3 "
                f"WHERE o3.id_customer = {customer}{valid} AND o3.date_add >= %s)",
                (start_of(self._start),),
            )
        if self.meta.local_copy:  # the copy counts; a campaign reads its proof in the shop
            return Fragment(f"{row}.newsletter, {row}.newsletter_date_add, NULL, NULL")
        gdpr = "NULL"
        if self.meta.gdpr_log:
            key = d.concat(d.date19("g.date_add"), d.pad("g.id_gdpr_log"))
            gdpr = (
                f"(SELECT MAX({key}) FROM {t('psgdpr_log')} g "
                f"WHERE g.id_customer = {customer} AND g.request_type = {PSGDPR_CONSENT})"
            )
        return Fragment(
            f"{row}.newsletter, {row}.newsletter_date_add, {row}.ip_registration_newsletter, {gdpr}"
        )


def _condition(value: Fragment | str) -> Fragment:
    """A condition, or a 0/1 column as one."""
    return value if isinstance(value, Fragment) else Fragment(f"{value} = 1")
