"""Once the first screen is up, in idle time: build the two history screens ahead of their
first visit, then hide what the app has built from the garbage collector (`memory`).

Why: the first visit of État des campagnes or État des notifications spent ~200 ms in
Textual building the screen and applying its CSS (bench/ui_bench.py), which put the first
open at or over the 300 ms target with 500 rows. Built in advance, the first visit costs
what a later one does.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import events

from isend_tui.i18n import _
from isend_tui.ui.perf import memory

if TYPE_CHECKING:
    from textual.app import App

WARM_UP_DELAY_S = 0.5  # after the first screen's own loading
PREBUILT_MODES = ("campaign_history", "notification_history")
GROUP = "warm-up"


def schedule(app: App[Any], done: asyncio.Event) -> None:
    """Start the warm-up shortly; `done` is set once it is over (benchmarks wait on it)."""
    app.set_timer(
        WARM_UP_DELAY_S,
        lambda: app.run_worker(
            _warm_up(app, done),
            group=GROUP,
            description=_("Préparation des écrans"),
            exit_on_error=False,
        ),
    )


async def _warm_up(app: App[Any], done: asyncio.Event) -> None:
    for mode in PREBUILT_MODES:
        if not app.is_running:  # closing: nothing more to prepare
            return
        if app._screen_stacks.get(mode):  # already visited
            continue
        # Textual has no public call to build a mode's screen without showing it; the
        # version is pinned in pyproject.toml.
        await app._init_mode(mode)
        screen = app._screen_stacks[mode][0]
        if screen is not app.screen:
            # as if visited and left: its timers pause until the merchant comes
            screen.post_message(events.ScreenSuspend())
    memory.freeze_long_lived()
    done.set()
