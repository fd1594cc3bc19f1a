"""The A/B test's other texts, under the message in the Message tab: up to three variants
(texts B, C and D), each with its editor and counter and a button that removes it. Each
recipient gets one of the texts at random (campaigns/draws.py); the message is text A."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from isend_tui.campaigns.draws import MAX_VARIANTS, TEXT_LETTERS
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.ui.widgets.message_editor import MessageEditor


class VariantText(Vertical):
    """One variant: its editor (titled "Texte B"…) and its Retirer button."""

    def __init__(self, editor: MessageEditor, letter: str) -> None:
        super().__init__(classes="variant-text")
        self.editor = editor
        self.letter = letter

    def compose(self) -> ComposeResult:
        self.editor.title = self._title()
        yield self.editor
        with Horizontal(classes="buttons"):
            yield Button(self._remove_label(), classes="remove-variant")

    def _title(self) -> str:
        return _("Texte {letter}").format(letter=self.letter)

    def _remove_label(self) -> str:
        return _("Retirer le texte {letter}").format(letter=self.letter)

    def set_letter(self, letter: str) -> None:
        """Named again after a variant before it was removed (C becomes B)."""
        self.letter = letter
        self.editor.title = self._title()
        for button in self.query(".remove-variant").results(Button):
            button.label = self._remove_label()

    @property
    def area(self) -> TextArea:
        return self.editor.query_one("#message-text", TextArea)

    def checked_text(self) -> str:
        """The text typed, unless it is empty or its counter found a blocking problem."""
        text = self.editor.text
        if not text.strip():
            raise UserError(
                _(
                    "Le texte {letter} du test A/B est vide : écrivez-le dans l'onglet "
                    "Message, ou retirez-le."
                ).format(letter=self.letter),
                field="variant",
            )
        blocking = [p for p in self.editor.problems if p.startswith("✗")]
        if blocking:
            raise UserError(
                _("Texte {letter} du test A/B : {problem}").format(
                    letter=self.letter, problem=blocking[0].removeprefix("✗ ")
                ),
                field="variant",
            )
        return text


class VariantTexts(Vertical):
    """The Test A/B panel: the variants and the button that adds one. `new_editor` makes
    a variant's editor (the message's variables and sender)."""

    class Counted(Message):
        """Variants were added or removed: the message is text A while there are some."""

        def __init__(self, variants: int) -> None:
            super().__init__()
            self.variants = variants

    def __init__(self, new_editor: Callable[[], MessageEditor], **kwargs: Any) -> None:
        super().__init__(id="ab-test", classes="panel", **kwargs)
        self._new_editor = new_editor

    def compose(self) -> ComposeResult:
        self.border_title = _("Test A/B (facultatif)")
        yield Static(
            _(
                "Jusqu'à {n} autres textes : chaque destinataire reçoit au hasard le message "
                "(texte A) ou une variante ; les résultats sont donnés par texte."
            ).format(n=MAX_VARIANTS - 1),
            classes="hint",
            markup=False,
        )
        yield Vertical(id="variant-list")
        with Horizontal(classes="buttons"):
            yield Button(_("Ajouter une variante (test A/B)"), id="add-variant")

    @property
    def variants(self) -> list[VariantText]:
        return list(self.query(VariantText))

    def checked_variants(self) -> tuple[str, ...]:
        """The variants' texts in order (B, C, D), each checked as the message is."""
        return tuple(variant.checked_text() for variant in self.variants)

    @on(Button.Pressed, "#add-variant")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_variant()

    @on(Button.Pressed, ".remove-variant")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        variant = next(a for a in event.button.ancestors if isinstance(a, VariantText))
        await self.remove_variant(variant)

    async def add_variant(self) -> None:
        """A new empty text after the others, the cursor in it."""
        count = len(self.variants)
        if count >= MAX_VARIANTS - 1:
            return
        variant = VariantText(self._new_editor(), TEXT_LETTERS[count + 1])
        await self.query_one("#variant-list", Vertical).mount(variant)
        self._counted()
        variant.area.focus()

    async def remove_variant(self, variant: VariantText) -> None:
        """Remove one; the others are named again in order, and the focus goes to the
        next one (or to the Ajouter button): a keyboard user is never left nowhere."""
        variants = self.variants
        after = variants[variants.index(variant) + 1 :]
        await variant.remove()
        for index, each in enumerate(self.variants, start=1):
            each.set_letter(TEXT_LETTERS[index])
        self._counted()
        if after:
            after[0].area.focus()
        else:
            self.query_one("#add-variant", Button).focus()

    def _counted(self) -> None:
        count = len(self.variants)
        self.query_one("#add-variant", Button).disabled = count >= MAX_VARIANTS - 1
        self.post_message(self.Counted(count))
