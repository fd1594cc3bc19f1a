"""A removed message box draws blank: Textual may render a widget once more in the frame
after its removal (an A/B variant's "Retirer"), when its styles are gone; the TextArea's
theme then raised KeyError ("text-area--gutter") and the app stopped."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from isend_tui.ui.widgets.message_editor import MessageEditor, SmsTextArea


class _Holder(App[None]):
    def compose(self) -> ComposeResult:
        return iter(())


async def test_a_text_box_removed_before_its_first_frame_renders_blank() -> None:
    app = _Holder()
    async with app.run_test(size=(60, 12)):
        editor = MessageEditor(variables=[], marketing=True, sender=lambda: "")
        await app.mount(editor)
        area = editor.query_one(SmsTextArea)
        await editor.remove()  # added and removed at once ("Ajouter", then "Retirer")
        strips = area.render_lines(Region(0, 0, 20, 3))
        assert len(strips) == 3 and all(s.text.strip() == "" for s in strips)
