"""The sandbox's /campagne report: one CSV line per SMS accepted in the period.

Its columns are the sandbox's guess (iSendPro's are undocumented): the SMS as accepted,
then its delivery receipt once due (``statut_accuse``: the status of receipts.py, empty
while pending; ``date_accuse``). `faults.report_headers` renames or drops columns, so
tests can check that readers find them by name whatever the order or the extras.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from isend_tui.gateway import codes
from isend_tui.gateway.sandbox.account import LoggedSms

HEADER = (
    "id",
    "date_reception",
    "tel",
    "emetteur",
    "message",
    "date_envoi",
    "gmt_zone",
    "nb_sms",
    "encodage",
    "cout",
    "tracker",
    "code",
    "statut",
    "statut_accuse",
    "date_accuse",
)


def euros(amount: Decimal) -> str:
    """10 -> "10.0", 49.95 -> "49.95" (the live API shows "10.0")."""
    text = f"{amount:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def report_rows(sent: Sequence[LoggedSms], now: str) -> list[tuple[object, ...]]:
    """The lines of the report as of `now` (Paris time, `YYYY-MM-DD hh:mm:ss`)."""
    rows: list[tuple[object, ...]] = []
    for s in sent:
        due = s.dlr_status is not None and s.dlr_status != "none" and (s.dlr_at or "") <= now
        rows.append(
            (
                s.id,
                s.received_at,
                s.num,
                s.sender or "",
                s.text,
                s.date_envoi or "",
                s.gmt_zone or "",
                s.parts,
                s.encoding,
                euros(s.cost),
                s.tracker or "",
                s.code,
                codes.message(s.code),
                s.dlr_status if due else "",
                s.dlr_at if due else "",
            )
        )
    return rows
