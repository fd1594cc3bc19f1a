"""The automations a shop can run: what triggers each, its default text and its variables.

- abandoned_cart: a cart of a known customer with products and no order, idle for each of
  its delays (hours, one SMS per step: 2 h, then 24 h…); a step is dropped as soon as the
  customer orders.
- birthday: on the customer's birthday at `hour` (shop time); born on 29 February: the
  28th in a year without one.
- winback: `delays[0]` days after the customer's last valid order, once per lapse (a new
  order starts a new lapse).
- after_delivery: `delays[0]` days after an order reached the delivered state.
- back_in_stock: a product a customer asked to be told about (the emailalerts module's
  mailalert_customer_oos) is in stock again (stock_available.quantity > 0).

Every automation SMS is marketing (isend_tui/automations/audience.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from isend_tui.errors import UserError
from isend_tui.i18n import N_, _

CUSTOMER_VARIABLES: Final = ("client_surname", "client_name", "client_email", "shop_name")
"""What every flow's text may use, as the campaigns (+ the shop's name)."""


class Flow(StrEnum):
    ABANDONED_CART = "abandoned_cart"
    BIRTHDAY = "birthday"
    WINBACK = "winback"
    AFTER_DELIVERY = "after_delivery"
    BACK_IN_STOCK = "back_in_stock"


class DelayUnit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    NONE = "none"


@dataclass(frozen=True)
class FlowDef:
    flow: Flow
    label: str  # N_() literal
    description: str  # N_() literal
    text: str  # the default text, French
    variables: tuple[str, ...]
    unit: DelayUnit
    delays: tuple[int, ...]  # defaults
    many_steps: bool = False
    hour: int | None = None  # birthday: the hour it goes (shop time)

    @property
    def title(self) -> str:
        return _(self.label)


FLOWS: Final[dict[Flow, FlowDef]] = {
    Flow.ABANDONED_CART: FlowDef(
        Flow.ABANDONED_CART,
        N_("Panier abandonné"),
        N_("Un panier sans commande, resté inactif : une relance par étape."),
        "{client_surname}, votre panier de {cart_amount} vous attend sur {shop_name} : {cart_url}",
        (*CUSTOMER_VARIABLES, "cart_amount", "cart_products", "cart_url", "voucher"),
        DelayUnit.HOURS,
        (2,),
        many_steps=True,
    ),
    Flow.BIRTHDAY: FlowDef(
        Flow.BIRTHDAY,
        N_("Anniversaire"),
        N_("Le jour de l'anniversaire du client, à l'heure choisie."),
        "Joyeux anniversaire {client_surname} ! {shop_name} vous offre le code {voucher}.",
        (*CUSTOMER_VARIABLES, "voucher"),
        DelayUnit.NONE,
        (),
        hour=10,
    ),
    Flow.WINBACK: FlowDef(
        Flow.WINBACK,
        N_("Relance des inactifs"),
        N_("N jours après la dernière commande valide, une fois par absence."),
        "{client_surname}, vous nous manquez ! Revenez sur {shop_name} avec le code {voucher}.",
        (*CUSTOMER_VARIABLES, "voucher"),
        DelayUnit.DAYS,
        (180,),
    ),
    Flow.AFTER_DELIVERY: FlowDef(
        Flow.AFTER_DELIVERY,
        N_("Après livraison"),
        N_("N jours après la livraison d'une commande : un avis, une suggestion."),
        "{client_surname}, votre commande {order_reference} vous plaît ? Donnez votre avis "
        "sur {shop_name} !",
        (*CUSTOMER_VARIABLES, "order_reference", "voucher"),
        DelayUnit.DAYS,
        (7,),
    ),
    Flow.BACK_IN_STOCK: FlowDef(
        Flow.BACK_IN_STOCK,
        N_("Retour en stock"),
        N_("Un produit dont le client a demandé l'alerte (module emailalerts) est revenu."),
        "{client_surname}, {product_name} est de retour sur {shop_name} !",
        (*CUSTOMER_VARIABLES, "product_name", "voucher"),
        DelayUnit.NONE,
        (),
    ),
}

_VARIABLE_LABELS: Final = {
    "cart_amount": N_("Montant du panier"),
    "cart_products": N_("Produits du panier"),
    "cart_url": N_("Lien vers le panier"),
    "voucher": N_("Code promo"),
    "order_reference": N_("Référence de la commande"),
    "product_name": N_("Nom du produit"),
}


def variable_label(name: str) -> str | None:
    """The label of a flow's own variable (None: a customer one, see notifications)."""
    label = _VARIABLE_LABELS.get(name)
    return _(label) if label else None


class UnknownFlow(UserError):
    pass


def parse_flow(text: str) -> Flow:
    """The flow named by `text` (its key), or one line listing the known ones."""
    try:
        return Flow(text.strip().lower().replace("-", "_"))
    except ValueError:
        raise UnknownFlow(
            _("Automatisation inconnue « {name} » : choisissez parmi {known}.").format(
                name=text.strip()[:40], known=", ".join(f.value for f in Flow)
            ),
            field="flow",
        ) from None
