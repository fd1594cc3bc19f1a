"""One criterion of a segment: pick what to filter on, and the row shows the right fields.

Rows produce the segment file's JSON form (README, "Segment files"); the core validates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select, SelectionList, Static

from isend_tui.i18n import N_, _
from isend_tui.ui.bindings import TranslatedBindings

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

_COMPARE = [(">", ">"), ("<", "<"), ("=", "=")]
_DATE_OPERATORS = [
    (N_("avant le"), "before"),
    (N_("après le"), "after"),
    (N_("entre le"), "between"),
    (N_("il y a plus de (mois)"), "older_than"),
    (N_("il y a moins de (mois)"), "newer_than"),
]


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
        # One line per criterion (compact widgets): fits several criteria at 80x24.
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
            selection = SelectionList[str](
                *[(label, key, key in chosen) for label, key in items], classes="crit-list"
            )
            return [selection]
        if kind in ("last_order", "registration"):
            if isinstance(v, dict):
                months = v.get("months_ago", "")
                op = "older_than" if op == "before" else "newer_than"
                first, second = str(months), ""
            elif isinstance(v, list) and len(v) == 2:
                first, second = str(v[0]), str(v[1])
            else:
                first, second = str(v or ""), ""
            return [
                self._select("op", [(_(a), b) for a, b in _DATE_OPERATORS], op or "before"),
                self._input("value", first, _("AAAA-MM-JJ ou nombre de mois")),
                self._input("value2", second, _("AAAA-MM-JJ"), classes="between-only"),
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
            if op in ("older_than", "newer_than"):
                return {
                    "criterion": kind,
                    "operator": "before" if op == "older_than" else "after",
                    "value": {"months_ago": _int(first)},
                }
            if op == "between":
                second = str(self._value_of("value2") or "").strip()
                return {"criterion": kind, "operator": op, "value": [first.strip(), second]}
            return {"criterion": kind, "operator": op, "value": first.strip()}
        if kind in ("orders_count", "orders_sum"):
            months = _int(str(self._value_of("months") or ""))
            value = _int(first) if kind == "orders_count" else _number(first)
            return {"criterion": kind, "operator": op, "value": value, "months": months}
        return {"criterion": kind}
