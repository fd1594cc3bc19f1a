"""A labelled input that checks its value as it is typed and says what is wrong."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from isend_tui.i18n import _


class FormField(Vertical):
    """Label, input, and a line that shows the help text or the problem with the value."""

    DEFAULT_CLASSES = "form-field"

    def __init__(
        self,
        name: str,
        label: str,
        value: str = "",
        *,
        help_text: str = "",
        check: Callable[[str], str | None] | None = None,
        password: bool = False,
        placeholder: str = "",
        locked_reason: str = "",
    ) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self._label = label
        self._value = value
        self._help = help_text
        self._check = check
        self._password = password
        self._placeholder = placeholder
        self._locked_reason = locked_reason

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        field_input = Input(
            self._value,
            password=self._password,
            placeholder=self._placeholder,
            id=f"input-{self.field_name}",
            disabled=bool(self._locked_reason),
            compact=True,
        )
        field_input.tooltip = self._help or None
        yield field_input
        yield Static(
            self._locked_reason or self._help,
            classes="field-help -locked" if self._locked_reason else "field-help",
            markup=False,
        )

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value.strip()

    @value.setter
    def value(self, new: str) -> None:
        self.input.value = new

    def problem(self) -> str | None:
        if self._check is None or self._locked_reason:
            return None
        return self._check(self.value)

    def show_problem(self) -> str | None:
        problem = self.problem()
        help_line = self.query_one(".field-help", Static)
        self.set_class(problem is not None, "-invalid")
        # The marker makes the problem visible without colour (NO_COLOR, 16 colours).
        help_line.update(f"✗ {problem}" if problem else (self._locked_reason or self._help))
        return problem

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.show_problem()


def problems_summary(fields: list[FormField]) -> str:
    names = ", ".join(f._label for f in fields)
    return _("À corriger avant d'enregistrer : {fields}.").format(fields=names)
