"""One criterion of a segment: pick what to filter on, and the row shows the right fields.

Rows produce the segment file's JSON form (README, "Segment files"); the core validates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select, SelectionList, Static

from isend_tui.i18n import N_, _
from isend_tui.ui.safe import shown
from isend_tui.ui.shell.bindings import TranslatedBindings
from isend_tui.ui.widgets.marked import MarkedSelectionList

CRITERIA: list[tuple[str, str]] = [
    ("newsletter", N_("Abonné newsletter")),
    ("age", N_("Âge")),
    ("shop", N_("Boutique")),
    ("last_order", N_("Date dernière commande")),
    ("registration", N_("Date inscription")),
    ("gender", N_("Genre")),
    ("group", N_("Groupe")),
    ("orders_count", N_("Nombre de commandes")),
    ("country", N_("Pays")),
    ("orders_sum", N_("Somme des commandes")),
    ("status", N_("Statut")),
]

_TEXT_KINDS = ("age", "orders_count", "orders_sum", "last_order", "registration")

_COMPARE = [(">", ">"), ("<", "<"), ("=", "=")]
_DATE_OPERATORS = [
    (N_("avant le"), "before"),
    (N_("après le"), "after"),
    (N_("entre le"), "between"),
    (N_("il y a plus de"), "older_than"),
    (N_("il y a moins de"), "newer_than"),
]

# A day as the merchant types it: 2025-01-31, 31/01/2025, or relative to today: "6" or
# "6 mois" (months), "30 j" or "30 jours" (days), in French or English, "il y a" optional.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRENCH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_RELATIVE = re.compile(
    r"(?:il y a\s+)?(\d+)\s*(m|mois|months?|j|jours?|d|days?)?(?:\s+ago)?", re.IGNORECASE
)


def parse_day(text: str) -> str | dict[str, int] | None:
    """The segment file's form of a typed day (README, "Segment files"), or None."""
    text = " ".join(text.split())
    if _ISO_DAY.fullmatch(text):
        return text  # the core checks it is a real day
    if french := _FRENCH_DAY.fullmatch(text):
        day, month, year = french.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if relative := _RELATIVE.fullmatch(text):
        amount, unit = int(relative.group(1)), (relative.group(2) or "m").lower()
        return {"days_ago" if unit[0] in "jd" else "months_ago": amount}
    return None


def format_day(value: object) -> str:
    """The text a date field shows for the segment file's form of a day."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, amount),) = value.items()
        if key == "months_ago":
            return _("{n} mois").format(n=amount)
        if key == "days_ago":
            return _("{n} jours").format(n=amount)
    return "" if value is None else str(value)


@dataclass
class ShopChoices:
    """Lists read from the shop for the list criteria."""

    shops: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)  # (iso, name)


def _int(text: str) -> int | str:
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return text  # the core names the criterion and the wrong value


def _number(text: str) -> float | int | str:
    text = text.strip().replace(",", ".").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


class CriterionRow(TranslatedBindings, Vertical):
    """A criterion picker plus the fields of the chosen criterion and a remove button."""

    DEFAULT_CLASSES = "criterion-row"
    # From any field of the row, without tabbing to its button ("Retirer").
    BINDINGS = [
        Binding("ctrl+r", "remove_row", N_("Retirer le critère"), id="criterion.remove", show=False)
    ]

    class Changed(Message):
        def __init__(self, row: CriterionRow) -> None:
            super().__init__()
            self.row = row

    class Removed(Message):
        def __init__(self, row: CriterionRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, choices: ShopChoices, value: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.choices = choices
        self._initial = value or {"criterion": "newsletter", "value": True}
        self.kind = str(self._initial.get("criterion", "newsletter"))

    def compose(self) -> ComposeResult:
        # One line per criterion (compact widgets), the button docked on the right; below
        # 100 columns (the screen's -narrow class) the fields and the button go on a line
        # under the criterion, so none is squeezed to a letter per line.
        with Horizontal(classes="criterion-head"):
            yield Select(
                [(_(label), key) for key, label in CRITERIA],
                value=self.kind,
                allow_blank=False,
                compact=True,
                classes="criterion-kind",
            )
            yield Horizontal(*self._fields(self.kind, self._initial), classes="criterion-fields")
            yield Button(_("Retirer"), classes="criterion-remove", compact=True)
        yield Static("", classes="criterion-problem", markup=False)

    # ---------------------------------------------------------------- fields per kind

    def _fields(self, kind: str, value: dict[str, Any]) -> list[Any]:
        v = value.get("value")
        op = str(value.get("operator", ""))
        if kind == "newsletter":
            return [self._select("yesno", [(_("oui"), True), (_("non"), False)], v is not False)]
        if kind == "gender":
            options = [(_("hommes"), "men"), (_("femmes"), "women"), (_("les deux"), "both")]
            return [self._select("gender", options, v if v in ("men", "women", "both") else "both")]
        if kind == "status":
            options = [(_("professionnels"), "professional"), (_("particuliers"), "individual")]
            chosen = v if v in ("professional", "individual") else "professional"
            return [self._select("status", options, chosen)]
        if kind == "age":
            ops = [*_COMPARE, (_("entre"), "between")]
            low, high = (v if isinstance(v, list) and len(v) == 2 else [v, ""])[:2]
            return [
                self._select("op", ops, op or ">"),
                self._input("value", low, _("âge (ans)")),
                self._input("value2", high, _("âge max"), classes="between-only"),
            ]
        if kind in ("shop", "group", "country"):
            items: list[tuple[str, str]]
            if kind == "shop":
                items = [(name, str(i)) for i, name in self.choices.shops]
            elif kind == "group":
                items = [(name, str(i)) for i, name in self.choices.groups]
            else:
                items = [(f"{name} ({iso})", iso) for iso, name in self.choices.countries]
            chosen = {str(x) for x in v} if isinstance(v, list) else set()
            selection = MarkedSelectionList[str](
                *[(shown(label), key, key in chosen) for label, key in items],
                classes="crit-list",
            )
            return [selection]
        if kind in ("last_order", "registration"):
            if isinstance(v, dict) and op in ("before", "after"):
                op = "older_than" if op == "before" else "newer_than"
                first = str(v["months_ago"]) if "months_ago" in v else format_day(v)
                second = ""
            elif isinstance(v, list) and len(v) == 2:
                first, second = format_day(v[0]), format_day(v[1])
            else:
                first, second = format_day(v), ""
            hint = _("AAAA-MM-JJ, JJ/MM/AAAA, 6 mois ou 30 jours")
            return [
                self._select("op", [(_(a), b) for a, b in _DATE_OPERATORS], op or "before"),
                self._input("value", first, hint),
                self._input("value2", second, hint, classes="between-only"),
            ]
        if kind in ("orders_count", "orders_sum"):
            label = _("nombre de commandes") if kind == "orders_count" else _("montant (€)")
            return [
                self._select("op", _COMPARE, op or ">"),
                self._input("value", "" if v is None else v, label),
                self._input("months", value.get("months", 12), _("depuis (mois)")),
            ]
        return []

    def _select(self, name: str, options: list[tuple[str, Any]], value: Any) -> Select[Any]:
        return Select(options, value=value, allow_blank=False, compact=True, classes=f"crit-{name}")

    def _input(self, name: str, value: Any, placeholder: str, classes: str = "") -> Input:
        widget = Input(
            "" if value is None else str(value),
            placeholder=placeholder,
            compact=True,
            classes=f"crit-{name} {classes}",
        )
        widget.tooltip = placeholder
        return widget

    def on_mount(self) -> None:
        self._show_between()
        self.query_one(".criterion-problem").display = False

    def _show_between(self) -> None:
        ops = self.query(".crit-op")
        between = bool(ops) and ops.first(Select).value == "between"
        for widget in self.query(".between-only"):
            widget.display = between

    # ---------------------------------------------------------------- events

    @on(Select.Changed, ".criterion-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        kind = str(event.value)
        if kind == self.kind:
            return
        self.kind = kind
        container = self.query_one(".criterion-fields", Horizontal)
        await container.remove_children()
        await container.mount_all(self._fields(kind, {"criterion": kind}))
        self._show_between()
        self.post_message(self.Changed(self))

    @on(Select.Changed)
    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(self, event: Message) -> None:
        if isinstance(event, Select.Changed) and event.select.has_class("criterion-kind"):
            return
        event.stop()
        self._show_between()
        self.post_message(self.Changed(self))

    @on(Button.Pressed, ".criterion-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))

    def action_remove_row(self) -> None:
        self.post_message(self.Removed(self))

    @property
    def label(self) -> str:
        """The criterion's name as the screen shows it ("Âge", not "age")."""
        return _(dict(CRITERIA).get(self.kind, self.kind))

    def _texts(self) -> list[tuple[str, str]]:
        """(field, text typed) of the row's text fields in use."""
        names = ["value"]
        if self._value_of("op") == "between":
            names.append("value2")
        if self.kind in ("orders_count", "orders_sum"):
            names.append("months")
        return [(name, str(self._value_of(name) or "").strip()) for name in names]

    def missing(self) -> str | None:
        """What the merchant has not filled in yet: not an error until they ask for the
        count or an action (a row just chosen must not show one)."""
        if self.kind in ("shop", "group", "country"):
            if self.query_one(".crit-list", SelectionList).selected:
                return None
            return {
                "shop": _("cochez au moins une boutique."),
                "group": _("cochez au moins un groupe."),
                "country": _("cochez au moins un pays."),
            }[self.kind]
        if self.kind not in _TEXT_KINDS:
            return None
        empty = [name for name, text in self._texts() if not text]
        if not empty:
            return None
        if "months" in empty and len(empty) == 1:
            return _("indiquez depuis combien de mois.")
        return {
            "age": _("indiquez l'âge."),
            "orders_count": _("indiquez le nombre de commandes."),
            "orders_sum": _("indiquez le montant."),
            "last_order": _("indiquez la date."),
            "registration": _("indiquez la date."),
        }[self.kind]

    def problem(self) -> str | None:
        """What the row's own fields cannot read (text typed, never an empty field),
        before the segment is checked as a whole."""
        for name, text in self._texts():
            if not text:
                continue
            if self.kind in ("last_order", "registration"):
                if parse_day(text) is None:
                    return _(
                        "date illisible « {text} » : écrivez 2025-01-31, 31/01/2025, "
                        "6 mois ou 30 jours."
                    ).format(text=text)
            elif name == "months" or self.kind in ("age", "orders_count"):
                if not isinstance(_int(text), int):
                    what = {
                        "age": _("l'âge"),
                        "orders_count": _("le nombre de commandes"),
                    }.get(self.kind, "")
                    if name == "months":
                        what = _("le nombre de mois")
                    return _("{what} doit être un nombre entier, pas « {text} ».").format(
                        what=what, text=text
                    )
            elif isinstance(_number(text), str):
                return _(
                    "le montant doit être un nombre (par exemple 100 ou 99,90), pas « {text} »."
                ).format(text=text)
        return None

    def show_problem(self, problem: str | None) -> None:
        line = self.query_one(".criterion-problem", Static)
        line.update(f"✗ {problem}" if problem else "")
        line.display = problem is not None
        self.set_class(problem is not None, "-invalid")

    # ---------------------------------------------------------------- value

    def _value_of(self, name: str) -> Any:
        widgets = self.query(f".crit-{name}")
        if not widgets:
            return None
        widget = widgets.first()
        if isinstance(widget, Select):
            return widget.value
        if isinstance(widget, Input):
            return widget.value
        return None

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind
        if kind == "newsletter":
            return {"criterion": kind, "value": bool(self._value_of("yesno"))}
        if kind == "gender":
            return {"criterion": kind, "value": self._value_of("gender")}
        if kind == "status":
            return {"criterion": kind, "value": self._value_of("status")}
        if kind in ("shop", "group", "country"):
            selected = list(self.query_one(".crit-list", SelectionList).selected)
            values: list[Any] = selected if kind == "country" else [_int(s) for s in selected]
            return {"criterion": kind, "value": values}
        op = str(self._value_of("op"))
        first = str(self._value_of("value") or "")
        if kind == "age":
            if op == "between":
                return {
                    "criterion": kind,
                    "operator": op,
                    "value": [_int(first), _int(str(self._value_of("value2") or ""))],
                }
            return {"criterion": kind, "operator": op, "value": _int(first)}
        if kind in ("last_order", "registration"):
            # Unreadable text goes through as typed: `problem()` explains it first.
            day = parse_day(first) or first.strip()
            if op in ("older_than", "newer_than"):
                operator = "before" if op == "older_than" else "after"
                return {"criterion": kind, "operator": operator, "value": day}
            if op == "between":
                second = str(self._value_of("value2") or "")
                return {
                    "criterion": kind,
                    "operator": op,
                    "value": [day, parse_day(second) or second.strip()],
                }
            return {"criterion": kind, "operator": op, "value": day}
        if kind in ("orders_count", "orders_sum"):
            months = _int(str(self._value_of("months") or ""))
            value = _int(first) if kind == "orders_count" else _number(first)
            return {"criterion": kind, "operator": op, "value": value, "months": months}
        return {"criterion": kind}
