"""The iSendPro account as the settings screen and `isend-tui credit` show it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import httpx

from isend_tui.config import Settings
from isend_tui.errors import ConfigError
from isend_tui.formatting import count, money
from isend_tui.i18n import _

CREATE_ACCOUNT_URL = "https://www.isendpro.com/inscription.php"
TOP_UP_URL = "https://www.isendpro.com"


@dataclass(frozen=True)
class AccountStatus:
    euros: Decimal
    quantity: int | None  # SMS to metropolitan France the credit buys

    def message(self, *, updated: bool = True) -> str:
        head = _("Votre keyid a été mis à jour.") if updated else _("Votre keyid est valide.")
        credit = money(self.euros)
        if self.quantity is None:
            return head + " " + _("Crédit disponible : {credit}.").format(credit=credit)
        return (
            head
            + " "
            + _("Vous pouvez envoyer {n} SMS en France (crédit : {credit}).").format(
                n=count(self.quantity), credit=credit
            )
        )

    @property
    def price_per_part(self) -> Decimal | None:
        """Euros per SMS part to France, derived from credit=2 (euros and quantity)."""
        if not self.quantity:
            return None
        return self.euros / self.quantity


def account_links(*, ok: bool = False) -> list[str]:
    """The seed's two links, shown as text: top up when the key works, else both."""
    top_up = _("Créditer votre compte : {url}").format(url=TOP_UP_URL)
    if ok:
        return [top_up]
    return [top_up, _("Créer un compte : {url}").format(url=CREATE_ACCOUNT_URL)]


async def fetch_account_status(
    settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None
) -> AccountStatus:
    """Ask the gateway for the credit (credit=2). Raises the gateway's typed errors."""
    from isend_tui.gateway.client import IsendClient

    if not settings.keyid:
        raise ConfigError(
            _(
                "Aucun keyid n'est enregistré : saisissez-le dans Paramétrage ou définissez "
                "ISEND_TUI_KEYID. Il se trouve dans Mon compte > Mon API sur isendpro.com."
            ),
            field="keyid",
        )
    async with IsendClient(settings.keyid, settings.gateway_url, transport=transport) as client:
        credit = await client.credit()
    return AccountStatus(credit.euros, credit.quantity)
