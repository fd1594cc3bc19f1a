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
from isend_tui.segments.dates import since, start_of
from isend_tui.segments.dialect import Dialect, Fragment, member
from isend_tui.segments.shop_meta import ShopMeta


class BasisSql:
    def __init__(self, meta: ShopMeta, rule: BasisRule, needs: Needs, today: dt.date) -> None:
        self.meta = meta
        self.rule = rule
        self._orders_column: str | None = None
        self._start = since(today, rule.soft_optin_months)
        if rule.basis is Basis.CUSTOMER:
            self._orders_column = needs.counts.setdefault(self._start, f"n{len(needs.counts)}")

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
