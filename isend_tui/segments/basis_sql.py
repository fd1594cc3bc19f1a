"""The lawful basis (`isend_tui.segments.basis`) as SQL conditions, for the compiler to place
in its statement: one on the customer row (`customer`: the newsletter flag, a psgdpr
acceptance, an imported email, a recent valid order) and one on the number the customer
would be texted on (`number`: an imported number). The compiler turns them into the `ok`
column of each customer (1: has the basis).

A recent order is read from the orders aggregates the criteria use (`Needs.counts`), so
it costs one more SUM in the pass that groups the orders anyway. Values are parameters.
"""

from __future__ import annotations

import datetime as dt

from isend_tui.segments.basis import PSGDPR_CONSENT, Basis, BasisRule
from isend_tui.segments.conditions import Needs
from isend_tui.segments.dates import since
from isend_tui.segments.dialect import Fragment, member
from isend_tui.segments.shop_meta import ShopMeta


class BasisSql:
    def __init__(self, meta: ShopMeta, rule: BasisRule, needs: Needs, today: dt.date) -> None:
        self.meta = meta
        self.rule = rule
        self._orders_column: str | None = None
        if rule.basis is Basis.CUSTOMER:
            start = since(today, rule.soft_optin_months)
            self._orders_column = needs.counts.setdefault(start, f"n{len(needs.counts)}")

    def customer(self) -> Fragment:
        """True when the customer row `c` (with its order aggregates `o`) has the basis."""
        if self._orders_column is not None:
            return Fragment(f"COALESCE(o.{self._orders_column}, 0) > 0")
        parts = ["c.newsletter = 1"]
        params: tuple[object, ...] = ()
        if self.meta.gdpr_log:
            parts.append(
                f"EXISTS (SELECT 1 FROM {self.meta.t('psgdpr_log')} g "
                f"WHERE g.id_customer = c.id_customer AND g.request_type = {PSGDPR_CONSENT})"
            )
        if self.rule.emails:
            emails, params = member("LOWER(c.email)", sorted(self.rule.emails), self.meta.backend)
            parts.append(emails)
        return Fragment("(" + " OR ".join(parts) + ")", params)

    def number(self, num: str) -> Fragment | None:
        """True when `num` (iSendPro's form) has an imported consent; None: no such list."""
        if not self.rule.numbers:
            return None
        sql, params = member(num, sorted(self.rule.numbers), self.meta.backend)
        return Fragment(sql, params)

    def ok(self, customer: Fragment | str, num: str) -> Fragment:
        """`CASE WHEN <customer basis> OR <number imported> THEN 1 ELSE 0 END`, where the
        customer part is a condition or a 0/1 column already computed."""
        first = customer if isinstance(customer, Fragment) else Fragment(f"{customer} = 1")
        imported = self.number(num)
        if imported is None:
            return Fragment(f"CASE WHEN {first.sql} THEN 1 ELSE 0 END", first.params)
        return Fragment(
            f"CASE WHEN {first.sql} OR {imported.sql} THEN 1 ELSE 0 END",
            first.params + imported.params,
        )
