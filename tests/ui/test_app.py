"""The App itself: Textual's own methods stay what Textual expects."""

from __future__ import annotations

from isend_tui.app import ISendApp
from isend_tui.context import AppContext


async def test_textual_watch_still_works_on_the_app(ctx: AppContext) -> None:
    app = ISendApp(ctx, watch=False)
    seen: list[str] = []

    def changed(value: str) -> None:
        seen.append(value)

    async with app.run_test(size=(80, 24)) as pilot:
        app.watch(app, "sub_title", changed, init=False)
        app.sub_title = "changed"
        await pilot.pause()
    assert seen == ["changed"]
    assert app.run_watcher is False  # the constructor's `watch`: no background watcher
