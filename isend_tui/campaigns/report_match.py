"""Finding a campaign's recipients in the gateway's campaign report, and saying how sure
that is.

The report's columns are undocumented: its tracker and number columns are found by their
folded names (accents, case, spaces and punctuation ignored: "Numéro", "NUMERO ", "tel",
"Téléphone"), and a number column by its values when no name fits. Numbers are compared
by their digits, whatever their form ("+33 6 12…", "0033…", "06 12…").

A recipient is settled only with certainty:
- SENT: its tracker is listed (or, in a report without trackers, its number);
- ABSENT: the report is readable throughout (every row has a tracker, or a number), it
  is about this campaign (it lists other trackers of it, or its number column is named
  so: a column guessed from its values never proves an absence), and lists neither;
- UNKNOWN otherwise (an empty report, no tracker or number column, rows that cannot be
  read, a row with its number but no tracker): it stays uncertain, never resent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from isend_tui.campaigns.run import tracker_of
from isend_tui.formatting import counted
from isend_tui.gateway.replies import (
    NUMBER_HEADERS,
    TRACKER_HEADERS,
    digits,
    fold_header,
    looks_like_number,
    report_column,
)
from isend_tui.i18n import _


class Verdict(Enum):
    SENT = "sent"
    ABSENT = "absent"
    UNKNOWN = "unknown"


def _number_key(value: str) -> str:
    """A number as international digits ("+33 6 12" -> "33612", "0033…" -> "33…"); a
    national form keeps its leading 0 ("06 12…" -> "0612…")."""
    found = digits(value)
    if found.startswith("00"):
        return found[2:]
    return found


@dataclass(frozen=True)
class ReportMatch:
    """What a campaign report (its rows as dicts) says about each recipient."""

    rows: int = 0
    trackers: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()  # rows without tracker when trackers are used
    unreadable: int = 0
    by_tracker: bool = False
    has_numbers: bool = False
    named_numbers: bool = False

    @classmethod
    def of(cls, rows: Sequence[Mapping[str, str]]) -> ReportMatch:
        rows = [row for row in rows if any(str(v).strip() for v in row.values())]
        if not rows:
            return cls()
        tracker_col = _tracker_column(rows)
        number_col, named = _number_column(rows)
        trackers: set[str] = set()
        numbers: set[str] = set()
        unreadable = 0
        for row in rows:
            tracker = str(row.get(tracker_col, "")).strip() if tracker_col else ""
            cell = str(row.get(number_col, "")).strip() if number_col else ""
            if tracker:
                trackers.add(tracker)
            elif cell and looks_like_number(cell):
                numbers.add(_number_key(cell))
            else:
                unreadable += 1
        return cls(
            rows=len(rows),
            trackers=frozenset(trackers),
            numbers=frozenset(numbers),
            unreadable=unreadable,
            by_tracker=bool(trackers),
            has_numbers=number_col is not None,
            named_numbers=named,
        )

    def _lists_number(self, number: str) -> bool:
        key = _number_key(number)
        if key in self.numbers:
            return True
        # A report writing numbers nationally ("0612…"): the country code dropped for a 0.
        return any("0" + key[cut:] in self.numbers for cut in (1, 2, 3) if len(key) - cut >= 8)

    def verdict(self, campaign_id: int, recipient_id: int, number: str) -> Verdict:
        if self.by_tracker:
            if tracker_of(campaign_id, recipient_id) in self.trackers:
                return Verdict.SENT
            ours = f"C{campaign_id}R"
            if self.unreadable or self._lists_number(number):
                return Verdict.UNKNOWN
            if not any(tracker.startswith(ours) for tracker in self.trackers):
                return Verdict.UNKNOWN
            return Verdict.ABSENT
        if not self.has_numbers or not self.rows:
            return Verdict.UNKNOWN
        if self._lists_number(number):
            return Verdict.SENT
        if self.unreadable or not self.named_numbers:
            return Verdict.UNKNOWN
        return Verdict.ABSENT

    def doubt(self) -> str:
        """Why some recipients could not be settled, in words for the merchant."""
        if not self.rows:
            return _("le rapport iSendPro ne liste aucun SMS sur la période")
        if not self.by_tracker and not self.has_numbers:
            return _("le rapport iSendPro n'a pas de colonne de numéros ni de suivi lisible")
        if self.unreadable:
            return counted(
                self.unreadable,
                _("{n} ligne du rapport iSendPro illisible"),
                _("{n} lignes du rapport iSendPro illisibles"),
            )
        if self.by_tracker:
            return _(
                "le rapport iSendPro ne montre pas cette campagne, ou liste ces numéros sans "
                "leur code de suivi"
            )
        return _("la colonne des numéros du rapport iSendPro n'est pas nommée")


def _tracker_column(rows: Sequence[Mapping[str, str]]) -> str | None:
    """The tracker column when it is named so and holds at least one value."""
    header = list(rows[0].keys())
    folded = {fold_header(name): name for name in header}
    for wanted in TRACKER_HEADERS:
        name = folded.get(wanted)
        if name is not None and any(str(row.get(name, "")).strip() for row in rows):
            return name
    return None


def _number_column(rows: Sequence[Mapping[str, str]]) -> tuple[str | None, bool]:
    """The number column by its name, kept only if most of its cells look like numbers;
    else the column whose values do (and False: not found by its name)."""
    named = report_column(rows, "number")
    by_name = named is not None and fold_header(named).startswith(NUMBER_HEADERS)
    if named is not None and by_name and _mostly_numbers(rows, named):
        return named, True
    header = list(rows[0].keys())
    best: tuple[str, int] | None = None
    for name in header:
        hits = sum(1 for row in rows if looks_like_number(str(row.get(name, ""))))
        if _mostly_numbers(rows, name) and (best is None or hits > best[1]):
            best = (name, hits)
    return (best[0] if best else None), False


def _mostly_numbers(rows: Sequence[Mapping[str, str]], name: str) -> bool:
    cells = [str(row.get(name, "")).strip() for row in rows]
    filled = [cell for cell in cells if cell]
    hits = sum(1 for cell in filled if looks_like_number(cell))
    return hits > 0 and hits * 2 > len(filled)
