"""The receipt URL: what to give iSendPro, and where the receiver answers locally.

Both hold the secret (generated the first time it is needed, kept in the secrets file):
shown to the merchant on demand (`settings show --receipt-url`, Paramétrage), never logged.
"""

from __future__ import annotations

from isend_tui.config import ensure_receipt_secret
from isend_tui.context import AppContext

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
