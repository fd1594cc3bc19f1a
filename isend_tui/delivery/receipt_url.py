"""The receipt URL: what to give iSendPro, and where the receiver answers locally.

Both hold the secret (generated the first time it is needed, kept in the secrets file):
shown to the merchant on demand (`settings show --receipt-url`, Paramétrage), never logged.
"""

from __future__ import annotations

from isend_tui.config import Settings, ensure_receipt_secret
from isend_tui.context import AppContext
from isend_tui.i18n import _

PATH_PREFIX = "/receipts/"
DEFAULT_RECEIPTS_PORT = 8643
"""The port suggested in the documentation (the setting's default is 0: off)."""


def receipt_urls(ctx: AppContext) -> tuple[str, str]:
    """(the URL to give iSendPro, "" while `receipts_public_url` is not set; the local URL
    the receiver answers on)."""
    settings = ctx.settings
    secret = ensure_receipt_secret(ctx.paths, settings)
    port = settings.receipts_port or DEFAULT_RECEIPTS_PORT
    local = f"http://{settings.receipts_bind}:{port}{PATH_PREFIX}{secret}"
    public = settings.receipts_public_url.rstrip("/")
    return (f"{public}/{secret}" if public else ""), local


def receiver_line(settings: Settings) -> str:
    """What Paramétrage says before the address is read (no secret made here)."""
    if settings.receipts_port:
        return _("Lecture de l'adresse…")
    return _(
        "Récepteur arrêté : réglez receipts_port (isend-tui settings set receipts_port 8643) "
        "pour que isend-tui watch reçoive les accusés d'iSendPro."
    )


def address_line(ctx: AppContext) -> str:
    """The address to give iSendPro, in words (blocking: may make the secret)."""
    public, local = receipt_urls(ctx)
    if public:
        return _("Adresse à donner à iSendPro (gardez-la secrète) : {url}").format(url=public)
    return _(
        "Le récepteur écoute sur {url} : publiez-le derrière le serveur web de la "
        "boutique (README) et réglez receipts_public_url."
    ).format(url=local)
