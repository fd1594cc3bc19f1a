"""English for what campaigns earned (isend_tui/results/, hold-out groups, A/B tests,
`isend-tui report`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "groupe témoin (pas de SMS)": "hold-out group (no SMS)",
    "Groupe témoin de {pct} % refusé : donnez une part entre 0 et {high} % des "
    "destinataires (0 : pas de groupe témoin).": (
        "A hold-out group of {pct} % is refused: give a share from 0 to {high} % of the "
        "recipients (0: no hold-out group)."
    ),
    "Groupe témoin : {n} destinataire mis de côté au hasard, sans SMS.": (
        "Hold-out group: {n} recipient kept aside at random, no SMS."
    ),
    "Groupe témoin : {n} destinataires mis de côté au hasard, sans SMS.": (
        "Hold-out group: {n} recipients kept aside at random, no SMS."
    ),
}
