"""English for delivery receipts (isend_tui/delivery, the receiver, `campaign receipts`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "en attente d'accusé": "awaiting receipt",
    "remis": "delivered",
    "échec définitif": "permanent failure",
    "échec temporaire": "temporary failure",
    "expiré": "expired",
    "remis au téléphone du destinataire": "delivered to the recipient's phone",
    "numéro inconnu, non attribué ou résilié": "unknown, unassigned or disconnected number",
    "refusé par l'opérateur": "refused by the carrier",
    "téléphone injoignable (éteint ou hors réseau)": "phone unreachable (off or out of coverage)",
    "non remis dans le délai de l'opérateur": "not delivered within the carrier's delay",
    "aucun accusé de réception dans le délai": "no delivery receipt in time",
    "échec sans raison précisée": "failure, no reason given",
    "en cours d'acheminement": "on its way",
    "échec définitif de remise (accusé de réception)": "permanent delivery failure (receipt)",
}
