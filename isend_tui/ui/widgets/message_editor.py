"""The message editor with its truthful counter.

The counter is computed by isend_tui.sms on every change: characters, encoding, parts per
recipient, the STOP mention when it applies, and the characters that force UCS-2, shown
marked in a preview (reverse video, not colour alone) with a one-key replacement.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from isend_tui import formatting
from isend_tui.i18n import N_, _
from isend_tui.sms.encoding import GSM7_EXTENSION, SmsCount, count, stop_mention_applies
from isend_tui.sms.template import PLACEHOLDER, check_template, unknown_variables_message
from isend_tui.sms.transliterate import to_gsm7
from isend_tui.ui.shell.bindings import TranslatedBindings


def describe_count(result: SmsCount, text: str = "") -> str:
    """The counter: characters, encoding and parts; then how many characters still fit
    before one more SMS, and which of `text`'s characters count double in GSM-7 (the
    extension table: € [ ] { } ^ ~ | \\)."""
    parts = _("{n} SMS par destinataire").format(n=formatting.count(result.parts))
    line = _("{chars} caractères · {encoding} · {parts}").format(
        chars=formatting.count(result.characters), encoding=result.encoding, parts=parts
    )
    if result.stop_units:
        line += " · " + _("mention STOP incluse ({n} car.)").format(n=result.stop_units)
    details = []
    if result.units and not result.too_long:
        left = result.units_left_in_part
        details.append(
            formatting.plural(
                left,
                _("encore {n} caractère avant un SMS de plus"),
                _("encore {n} caractères avant un SMS de plus"),
            ).format(n=formatting.count(left))
        )
    fixed = PLACEHOLDER.sub("", text)  # a variable's braces are not sent
    doubles = list(dict.fromkeys(ch for ch in fixed if ch in GSM7_EXTENSION))
    if doubles and result.encoding == "GSM-7":
        details.append(_("comptent double : {chars}").format(chars=" ".join(doubles)))
    if details:
        line += "\n" + " · ".join(details)
    return line


class VariablePicker(TranslatedBindings, ModalScreen[str | None]):
    """Pick a mail-merge variable to insert at the cursor."""

    BINDINGS = [Binding("escape", "dismiss_none", N_("Annuler"))]

    def __init__(self, variables: list[tuple[str, str]]) -> None:
        super().__init__()
        self._variables = variables

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = _("Insérer une variable")
            yield OptionList(
                *[Option(f"{{{name}}}  {label}", id=name) for name, label in self._variables],
                id="variable-list",
            )

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SmsTextArea(TextArea):
    """The text box. A removed one draws blank: Textual may still render a widget in the
    frame after its removal (an A/B variant's "Retirer"), when its styles are already
    gone and TextArea's theme would raise KeyError ("text-area--gutter") and stop the app."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class MessageEditor(TranslatedBindings, Vertical):
    """TextArea + counter + preview. `variables` are (name, description) pairs."""

    BINDINGS = [
        Binding("ctrl+r", "replace_non_gsm", N_("Remplacer hors GSM"), id="editor.replace"),
        Binding("ctrl+g", "insert_variable", N_("Variable"), id="editor.variable"),
    ]

    class Changed(Message):
        def __init__(self, editor: MessageEditor, result: SmsCount, problems: list[str]):
            super().__init__()
            self.editor = editor
            self.result = result
            self.problems = problems

    def __init__(
        self,
        *,
        variables: list[tuple[str, str]],
        marketing: bool,
        sender: Callable[[], str],
        nostop: Callable[[], bool] = lambda: False,
        text: str = "",
        title: str | None = None,
        id: str | None = None,
        classes: str = "",
    ) -> None:
        super().__init__(id=id, classes=f"message-editor {classes}".strip())
        self.variables = variables
        self.marketing = marketing
        self._sender = sender
        self._nostop = nostop
        self._initial = text
        self._title = title
        self.result: SmsCount = count("")
        self.problems: list[str] = []

    def compose(self) -> ComposeResult:
        area = SmsTextArea(
            self._initial, id="message-text", soft_wrap=True, show_line_numbers=False
        )
        area.border_title = self._title or _("Texte du SMS")
        yield area
        yield Static("", id="message-counter", markup=False)
        yield Static("", id="message-problems", markup=False)
        yield Static("", id="message-preview")

    def on_mount(self) -> None:
        self.refresh_counter()

    @property
    def title(self) -> str:
        """The text box's title ("Texte du SMS" unless given)."""
        return self._title or _("Texte du SMS")

    @title.setter
    def title(self, value: str) -> None:
        self._title = value
        for area in self.query("#message-text").results(TextArea):
            area.border_title = value

    @property
    def text(self) -> str:
        return self.query_one("#message-text", TextArea).text

    @text.setter
    def text(self, value: str) -> None:
        self.query_one("#message-text", TextArea).load_text(value)
        self.refresh_counter()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.refresh_counter()

    def stop_mention(self) -> bool:
        return stop_mention_applies(
            marketing=self.marketing, sender=self._sender(), nostop=self._nostop()
        )

    def warnings(self, text: str) -> list[str]:
        """Lines that warn without blocking ("! …"): none here, see NotificationEditor."""
        del text
        return []

    def refresh_counter(self) -> None:
        text = self.text
        self.result = count(text, stop_mention=self.stop_mention())
        problems: list[str] = []
        allowed = [name for name, _label in self.variables]
        check = check_template(text, allowed)
        if not check.ok:
            problems.append("✗ " + unknown_variables_message(check.unknown, allowed))
        if self.result.too_long:
            problems.append(
                "✗ "
                + _("Plus de 6 SMS ({parts}) : raccourcissez le message.").format(
                    parts=self.result.parts
                )
            )
        if self.result.offending:
            chars = ", ".join(
                _("« {char} » car. {pos}").format(char=char, pos=pos + 1)
                for pos, char in self.result.offending[:6]
            )
            more = "…" if len(self.result.offending) > 6 else ""
            problems.append(
                "! "
                + _("Hors GSM-7 (passe le SMS en UCS-2) : {chars}{more} — Ctrl+R remplace").format(
                    chars=chars, more=more
                )
            )
        problems += self.warnings(text)
        self.problems = problems
        self.query_one("#message-counter", Static).update(describe_count(self.result, text))
        self.query_one("#message-problems", Static).update("\n".join(problems))
        preview = self.query_one("#message-preview", Static)
        preview.display = bool(self.result.offending)
        if self.result.offending:
            marked = Text(text)
            for pos, char in self.result.offending:
                marked.stylize("reverse bold underline", pos, pos + len(char))
            preview.update(marked)
        self.post_message(self.Changed(self, self.result, problems))

    def action_replace_non_gsm(self) -> None:
        text = self.text
        replaced = to_gsm7(text)
        if replaced != text:
            area = self.query_one("#message-text", TextArea)
            area.replace(replaced, area.document.start, area.document.end)
            self.notify(_("Caractères hors GSM-7 remplacés."), timeout=3)

    def action_insert_variable(self) -> None:
        def insert(name: str | None) -> None:
            if name:
                area = self.query_one("#message-text", TextArea)
                area.insert("{" + name + "}")
                area.focus()

        self.app.push_screen(VariablePicker(self.variables), insert)
