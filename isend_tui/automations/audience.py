"""Who an automation SMS may go to: every one is marketing.

For the customers of one scan (a bounded few), read through the id_customer indexes:
- the number, as the watcher's customer notifications choose it (recipients.py: the
  customer's addresses, most recently updated first, mobile first);
- the lawful basis of the flow (consent by default, or customer: a valid order within
  soft_optin_months), judged by the campaigns' rule: the imported consents and the shop's
  newsletter, psgdpr and orders (segments/basis.py), its proof as a campaign keeps it
  (`segments.counting.proof_of`), and the retention (no activity in retention_months:
  left out);
- the customer's variables, as the campaigns have them.
The suppression list, the caps and the window are checked when the SMS leaves (runner.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from isend_tui.consent.imported import basis_rule
from isend_tui.i18n import _
from isend_tui.notifications.recipients import customer_recipient
from isend_tui.segments.basis import PSGDPR_CONSENT, Basis, BasisRule, Proof
from isend_tui.segments.counting import proof_of
from isend_tui.segments.dates import since, start_of
from isend_tui.shop import events as shop_events
from isend_tui.sms import PhoneNumber

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.shop.connection import ShopConnection
    from isend_tui.store import Store


@dataclass(frozen=True)
class Person:
    """One customer as an automation sees them."""

    id_customer: int
    firstname: str
    lastname: str
    email: str
    id_shop: int
    number: PhoneNumber | None
    number_code: str | None
    """Why there is no number (notifications' Code), when there is none."""
    number_detail: str
    proof: Proof | None
    """None: no basis (or past retention: `retention`)."""
    past_retention: bool = False

    def values(self, shop_name: str) -> dict[str, str]:
        return {
            "client_surname": self.firstname,
            "client_name": self.lastname,
            "client_email": self.email,
            "shop_name": shop_name,
        }


def _key(date: object, ident: object) -> str:
    return f"{str(date)[:19]:<19}{int(str(ident)):010d}"


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def people(
    conn: ShopConnection,
    store: Store,
    settings: Settings,
    basis: Basis,
    ids: Sequence[int],
    today: dt.date,
) -> dict[int, Person]:
    """Every customer of `ids` still in the shop (not deleted), with number and basis."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rule = basis_rule(
        store,
        basis,
        soft_optin_months=settings.soft_optin_months,
        retention_months=settings.retention_months,
    )
    lang = conn.info.default_lang_id
    facts = shop_events.customer_facts(conn, wanted)
    addresses = shop_events.customer_addresses(conn, wanted, lang)
    extra = _basis_columns(conn, rule, wanted, today)
    out: dict[int, Person] = {}
    for cid in wanted:
        fact = facts.get(cid)
        row = extra.get(cid)
        if fact is None or row is None:
            continue
        recipient = customer_recipient(addresses.get(cid, []))
        number = recipient.number
        proof = None
        past = False
        if number is not None:
            newsletter, nl_date, ip, key, activity = row
            proof = proof_of(rule, number.gateway, fact.email, (newsletter, nl_date, ip, key))
            imported = rule.imported_proof(number.gateway, fact.email)
            recent = [activity, imported.date if imported else ""]
            if proof is not None and max(str(a or "") for a in recent) < start_of(
                since(today, rule.retention_months)
            ):
                proof, past = None, True
        out[cid] = Person(
            cid,
            fact.firstname,
            fact.lastname,
            fact.email,
            fact.id_shop,
            number,
            None if recipient.code is None else str(recipient.code.value),
            recipient.detail,
            proof,
            past,
        )
    return out


def _basis_columns(
    conn: ShopConnection, rule: BasisRule, ids: list[int], today: dt.date
) -> dict[int, tuple[object, object, object, str, str]]:
    """(newsletter, its date, its IP, proof key, latest activity) of each live customer:
    the key is the latest psgdpr acceptance (consent) or the latest valid order of the
    soft opt-in period (customer), as `proof_of` reads it."""
    c, o = conn.table("customer"), conn.table("orders")
    gdpr = conn.has_table("psgdpr_log")
    out: dict[int, tuple[object, object, object, str, str]] = {}
    orders: dict[int, tuple[str, int]] = {}
    consents: dict[int, tuple[str, int]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = _marks(len(part))
        for cid, date, oid in conn.query(
            f"SELECT o.id_customer, o.date_add, o.id_order FROM {o} o "
            f"WHERE o.id_customer IN ({marks}) AND o.valid = 1 "
            "ORDER BY o.date_add, o.id_order",
            part,
        ):
            orders[int(cid)] = (str(date)[:19], int(oid))  # the latest wins
        if gdpr:
            for cid, date, gid in conn.query(
                f"SELECT g.id_customer, g.date_add, g.id_gdpr_log FROM "
                f"{conn.table('psgdpr_log')} g WHERE g.id_customer IN ({marks}) "
                f"AND g.request_type = {PSGDPR_CONSENT} ORDER BY g.date_add, g.id_gdpr_log",
                part,
            ):
                consents[int(cid)] = (str(date)[:19], int(gid))
        rows = conn.query(
            "SELECT id_customer, newsletter, newsletter_date_add, ip_registration_newsletter, "
            f"date_add FROM {c} WHERE id_customer IN ({marks}) AND deleted = 0",
            part,
        )
        for cid, newsletter, nl_date, ip, date_add in rows:
            cid = int(cid)
            order = orders.get(cid)
            consent = consents.get(cid)
            if rule.basis is Basis.CUSTOMER:
                soft = start_of(since(today, rule.soft_optin_months))
                key = _key(*order) if order and order[0] >= soft else ""
            else:
                key = _key(*consent) if consent else ""
            activity = [str(date_add or "")[:19]]
            if order:
                activity.append(order[0])
            if consent:
                activity.append(consent[0])
            if newsletter and nl_date:
                activity.append(str(nl_date)[:19])
            out[cid] = (newsletter, nl_date, ip, key, max(activity))
    return out


def no_basis_detail(basis: Basis, past_retention: bool) -> str:
    if past_retention:
        return _(
            "Client sans activité depuis la durée de conservation (retention_months) : "
            "données trop anciennes pour du marketing."
        )
    if basis is Basis.CUSTOMER:
        return _("Aucune commande valide récente : pas de base pour un SMS marketing.")
    return _("Aucun consentement (newsletter, psgdpr ou importé) : rien n'a été envoyé.")
