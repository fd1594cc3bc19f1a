"""English for the SMS per day and `report --csv`'s lines (issue 18)."""

from __future__ import annotations

EN: dict[str, str] = {
    "sortie CSV (une ligne par campagne, automatisation et règle de notification)": (
        "CSV output (one line per campaign, automation and notification rule)"
    ),
}
