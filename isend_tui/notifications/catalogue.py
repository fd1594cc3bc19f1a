"""Every event a notification rule can react to, with its default text.

Names are the seed module's (annex "liste d'événements"), "[Admin]…" for the merchant's
alert (sent to Settings.admin_phone), "[Client]…" for the customer (sent to the first usable
mobile of the order's delivery address, then its invoice address, then the customer's other
addresses). Keys are stable identifiers stored in rules: ``<audience>.<event>``.

Order-state events name a PS_OS_* configuration key: the state id is read from the shop
(1.6 and 1.7+ number them differently), never hard-coded. States added by payment modules
are chosen by name: the rule has event ``<audience>.order_state`` and an order_state_id.

How each event is detected (see watcher.py and shop/events.py):
- order state: a new order_history row whose state is the rule's state;
- payment confirmation: the first order_history row of an order whose state has paid=1;
- order validated: the first order_history row of an order (an order whose current_state
  is still 0 has none yet, so it is waited for), unless that first state is PS_OS_ERROR;
- new customer account: a new customer row with is_guest=0, or a guest account converted
  to a registered one (is_guest 1 -> 0, same id, seen by snapshot). Decision: a guest
  checkout account is NOT a new customer account (the person did not ask for an account);
- tracking number: order_carrier.tracking_number set or changed on a recent order
  (snapshot comparison: the table has no update date);
- customer return: a new order_return row;
- order modified: a new order_slip row (credit slip, "avoir": the seed's admin text says
  "Ajout avoir sur commande").

Default texts: the seed's, corrected. The seed writes {commande_reference} in four client
texts: a mistake for {order_reference} (fixed). Other copy/paste errors fixed here:
- "[Admin] … Paiement à distance accepté" said "en attente de paiement par chèque";
- "[Admin] … En attente de paiement à la livraison" said "… par chèque";
- "[Admin] … Erreur de paiement" said "votre commande" to the merchant;
- "[Admin] … Paiement accepté" had "accépté"; "[Admin] … Annulé" gave an amount without
  currency; "[Admin] Création de compte client" did not say whose account;
- "[Client] … Annulé" had the amount after the signature; "[Client] … Expédié" and
  "… Livré" put the last name first; "[Client] … (non payé)" had no reference, no space
  after the comma and no signature; "[Client] Création de compte client" had "crée";
  "[Client] … Erreur de paiement" had no first name; "[Client] … tracking" did not give the
  number. The seed's client list stops after the tracking event: the six missing client
  texts (order modified, payment accepted, remote payment accepted, refunded, customer
  return, order validated) are written in the same voice.
Every default text is GSM-7 (no "ç", "ê", typographic quotes…): one SMS costs one SMS.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from isend_tui.i18n import N_, _
from isend_tui.notifications.variables import (
    ACCOUNT_EVENT_VARIABLES,
    ORDER_EVENT_VARIABLES,
    TRACKING_EVENT_VARIABLES,
)


class Audience(StrEnum):
    ADMIN = "admin"
    CLIENT = "client"


class Trigger(StrEnum):
    """What in the shop makes the event happen."""

    ORDER_STATE = "order_state"
    PAYMENT = "payment"
    ACCOUNT = "account"
    TRACKING = "tracking"
    ORDER_MODIFIED = "order_modified"
    RETURN = "return"
    ORDER_VALIDATED = "order_validated"


@dataclass(frozen=True)
class EventDef:
    """One event of the catalogue. `label` is the French literal (translate with _())."""

    key: str
    audience: Audience
    trigger: Trigger
    label: str
    default_text: str
    state_key: str | None = None
    custom_state: bool = False

    @property
    def variables(self) -> tuple[str, ...]:
        if self.trigger is Trigger.ACCOUNT:
            return ACCOUNT_EVENT_VARIABLES
        if self.trigger is Trigger.TRACKING:
            return TRACKING_EVENT_VARIABLES
        return ORDER_EVENT_VARIABLES

    def display_label(self, state_name: str = "") -> str:
        """The translated label; a state chosen by name shows that name."""
        if self.custom_state:
            return _(self.label).format(state=state_name or "?")
        return _(self.label)


_A, _C = Audience.ADMIN, Audience.CLIENT
_STATE = Trigger.ORDER_STATE
_HELLO = "Cher {client_surname} {client_name}, "
_BYE = " Bonne journée, {shop_name}."

#: (slug, PS_OS_* key, admin label, admin text, client label, client text); seed order.
_STATES: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    (
        "canceled",
        "PS_OS_CANCELED",
        N_("[Admin][Etat Commande] Annulé"),
        "Commande {order_reference} a été annulée. "
        "Le montant était de {order_amount} {order_currency}.",
        N_("[Client][Etat Commande] Annulé"),
        _HELLO + "votre commande {order_reference} d'un montant de {order_amount} "
        "{order_currency} a été annulée." + _BYE,
    ),
    (
        "cod",
        "PS_OS_COD_VALIDATION",
        N_("[Admin][Etat Commande] En attente de paiement à la livraison"),
        "Commande (non payée) {order_reference} est en attente de paiement à la livraison.",
        N_("[Client][Etat Commande] En attente de paiement à la livraison"),
        _HELLO
        + "votre commande {order_reference} est en attente de paiement à la livraison."
        + _BYE,
    ),
    (
        "backorder_unpaid",
        "PS_OS_OUTOFSTOCK_UNPAID",
        N_("[Admin][Etat Commande] En attente de réapprovisionnement (non payé)"),
        "Commande {order_reference} en cours de réapprovisionnement.",
        N_("[Client][Etat Commande] En attente de réapprovisionnement (non payé)"),
        _HELLO + "votre commande {order_reference} est en cours de réapprovisionnement "
        "(non payée)." + _BYE,
    ),
    (
        "backorder_paid",
        "PS_OS_OUTOFSTOCK_PAID",
        N_("[Admin][Etat Commande] En attente de réapprovisionnement (payé)"),
        "Commande (payée) {order_reference} est en attente de réapprovisionnement.",
        N_("[Client][Etat Commande] En attente de réapprovisionnement (payé)"),
        _HELLO + "votre commande {order_reference} est en attente de réapprovisionnement "
        "(payée)." + _BYE,
    ),
    (
        "bankwire",
        "PS_OS_BANKWIRE",
        N_("[Admin][Etat Commande] En attente de virement bancaire"),
        "Commande {order_reference} est en attente de virement bancaire.",
        N_("[Client][Etat Commande] En attente de virement bancaire"),
        _HELLO + "votre commande {order_reference} est en attente de virement bancaire." + _BYE,
    ),
    (
        "cheque",
        "PS_OS_CHEQUE",
        N_("[Admin][Etat Commande] En attente du paiement par chèque"),
        "Paiement par chèque attendu pour commande {order_reference} boutique {shop_name}.",
        N_("[Client][Etat Commande] En attente du paiement par chèque"),
        _HELLO + "votre commande {order_reference} est en attente de paiement par chèque." + _BYE,
    ),
    (
        "preparation",
        "PS_OS_PREPARATION",
        N_("[Admin][Etat Commande] En cours de préparation"),
        "Commande {order_reference} est en cours de préparation.",
        N_("[Client][Etat Commande] En cours de préparation"),
        _HELLO
        + "votre commande {order_reference} est en cours de préparation."
        + _BYE
        + " Merci de votre confiance !",
    ),
    (
        "payment_error",
        "PS_OS_ERROR",
        N_("[Admin][Etat Commande] Erreur de paiement"),
        "Une erreur de paiement est survenue sur la commande {order_reference}.",
        N_("[Client][Etat Commande] Erreur de paiement"),
        _HELLO + "une erreur de paiement est survenue sur votre commande {order_reference}." + _BYE,
    ),
    (
        "shipped",
        "PS_OS_SHIPPING",
        N_("[Admin][Etat Commande] Expédié"),
        "Commande {order_reference} a été expédiée.",
        N_("[Client][Etat Commande] Expédié"),
        _HELLO + "votre commande {order_reference} a été expédiée." + _BYE,
    ),
    (
        "delivered",
        "PS_OS_DELIVERED",
        N_("[Admin][Etat Commande] Livré"),
        "Commande {order_reference} a été livrée.",
        N_("[Client][Etat Commande] Livré"),
        _HELLO + "votre commande {order_reference} a été livrée." + _BYE,
    ),
    (
        "payment_accepted",
        "PS_OS_PAYMENT",
        N_("[Admin][Etat Commande] Paiement accepté"),
        "Paiement {order_reference} a été accepté. Merci de préparer la commande.",
        N_("[Client][Etat Commande] Paiement accepté"),
        _HELLO + "le paiement de votre commande {order_reference} a été accepté." + _BYE,
    ),
    (
        "remote_payment_accepted",
        "PS_OS_WS_PAYMENT",
        N_("[Admin][Etat Commande] Paiement à distance accepté"),
        "Paiement à distance accepté pour la commande {order_reference}. "
        "Merci de préparer la commande.",
        N_("[Client][Etat Commande] Paiement à distance accepté"),
        _HELLO + "le paiement à distance de votre commande {order_reference} a été accepté." + _BYE,
    ),
    (
        "refunded",
        "PS_OS_REFUND",
        N_("[Admin][Etat Commande] Remboursé"),
        "Commande {order_reference} a été remboursée.",
        N_("[Client][Etat Commande] Remboursé"),
        _HELLO + "votre commande {order_reference} a été remboursée." + _BYE,
    ),
)

#: (slug, trigger, admin label, admin text, client label, client text)
_OTHERS: Final[tuple[tuple[str, Trigger, str, str, str, str], ...]] = (
    (
        "payment_confirmed",
        Trigger.PAYMENT,
        N_("[Admin] Confirmation de paiement"),
        "Confirmation de paiement pour commande {order_reference}.",
        N_("[Client] Confirmation de paiement"),
        _HELLO + "le paiement de votre commande {order_reference} d'un montant de "
        "{order_amount} {order_currency} est confirmé." + _BYE,
    ),
    (
        "account_created",
        Trigger.ACCOUNT,
        N_("[Admin] Création de compte client"),
        "Création compte client {client_surname} {client_name} ({client_email}).",
        N_("[Client] Création de compte client"),
        _HELLO + "votre compte client a été créé." + _BYE,
    ),
    (
        "tracking_updated",
        Trigger.TRACKING,
        N_("[Admin] Mise à jour numéro de tracking transporteur"),
        "Numéro de tracking pour commande {order_reference} mis à jour : {tracking_number}.",
        N_("[Client] Mise à jour numéro de tracking transporteur"),
        _HELLO + "le numéro de suivi de votre commande {order_reference} est {tracking_number}. "
        "Vous serez livré à l'adresse {delivery_address_street} {delivery_address_additional} "
        "{delivery_address_postcode} {delivery_address_city} {delivery_address_country}." + _BYE,
    ),
    (
        "order_modified",
        Trigger.ORDER_MODIFIED,
        N_("[Admin] Modification commande"),
        "Ajout avoir sur commande {order_reference}.",
        N_("[Client] Modification commande"),
        _HELLO + "un avoir a été ajouté à votre commande {order_reference}." + _BYE,
    ),
    (
        "customer_return",
        Trigger.RETURN,
        N_("[Admin] Retour client"),
        "Retour sur commande {order_reference}.",
        N_("[Client] Retour client"),
        _HELLO + "votre demande de retour pour la commande {order_reference} a bien été "
        "enregistrée." + _BYE,
    ),
    (
        "order_validated",
        Trigger.ORDER_VALIDATED,
        N_("[Admin] Validation commande"),
        "Nouvelle commande {order_reference} validée.",
        N_("[Client] Validation commande"),
        _HELLO + "votre commande {order_reference} d'un montant de {order_amount} "
        "{order_currency} a bien été validée. Merci de votre confiance !" + _BYE,
    ),
)

CUSTOM_STATE_SLUG: Final = "order_state"
_CUSTOM_LABELS: Final = {
    _A: N_("[Admin][Etat Commande] {state}"),
    _C: N_("[Client][Etat Commande] {state}"),
}
_CUSTOM_TEXTS: Final = {
    _A: 'Commande {order_reference} : nouvel état "{state}".',
    _C: _HELLO + 'nouvel état de votre commande {order_reference} : "{state}".' + _BYE,
}


def _build() -> dict[str, EventDef]:
    events: dict[str, EventDef] = {}
    for slug, key, a_label, a_text, c_label, c_text in _STATES:
        for audience, label, text in ((_A, a_label, a_text), (_C, c_label, c_text)):
            full = f"{audience}.order_state.{slug}"
            events[full] = EventDef(full, audience, _STATE, label, text, state_key=key)
    for slug, trigger, a_label, a_text, c_label, c_text in _OTHERS:
        for audience, label, text in ((_A, a_label, a_text), (_C, c_label, c_text)):
            full = f"{audience}.{slug}"
            events[full] = EventDef(full, audience, trigger, label, text)
    for audience in (_A, _C):
        full = f"{audience}.{CUSTOM_STATE_SLUG}"
        events[full] = EventDef(
            full, audience, _STATE, _CUSTOM_LABELS[audience], "", custom_state=True
        )
    return events


CATALOGUE: Final[dict[str, EventDef]] = _build()
"""Every event by key; the two ``<audience>.order_state`` entries stand for states chosen
by name (the rule carries the order_state_id)."""


def sorted_events() -> list[EventDef]:
    """The catalogue as the seed lists it: admin events first, then by label."""
    return sorted(
        (e for e in CATALOGUE.values() if not e.custom_state),
        key=lambda e: (e.audience != _A, e.label.replace("[Etat Commande] ", "").lower()),
    )


def custom_state_text(audience: Audience, state_name: str) -> str:
    """Default text for a state chosen by name; its name is written in, braces made safe."""
    safe = state_name.replace("{", "(").replace("}", ")").strip() or "?"
    return _CUSTOM_TEXTS[audience].replace("{state}", safe)


def event(key: str) -> EventDef:
    """The catalogue entry, or UnknownEvent naming the possible keys."""
    found = CATALOGUE.get(key)
    if found is None:
        from isend_tui.notifications.errors import UnknownEvent

        raise UnknownEvent(key)
    return found
