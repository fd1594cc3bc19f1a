"""Once the first screen is up, in idle time: build the two history screens and the
Tableau de bord ahead of their first visit, one screen a step with a pause in between,
each step hiding what it built from the garbage collector (`memory`).

Why: the first visit of État des campagnes or État des notifications spent ~200 ms in
Textual building the screen and applying its CSS (bench/ui_bench.py), which put the first
open at or over the 300 ms target with 500 rows. The dashboard's first visit paid ~170 ms
more: its charts are the app's only textual-plotext widgets, and the first one mounted
makes Textual parse the whole stylesheet again (bench/dashboard_bench.py). Built in
advance, the first visit costs what a later one does: the figures read then are shown at
once, and the screen reads them again as it comes to the front.

In steps because the warm-up runs while the merchant may already work (receipts arriving,
bench/receipts_ui_bench.py): built back to back, with one collector pass over everything
at the end, it held the event loop 100-140 ms at once; a screen built alone, and a pass
over what that screen made, stay well under that (and ui/perf/screens.py spares each
build Textual's stylesheet parse and restyle of the whole app).
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from textual import events

from isend_tui.i18n import _
from isend_tui.ui.perf import memory

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from textual.app import App

WARM_UP_DELAY_S = 0.5  # after the first screen's own loading
PREBUILT_MODES = ("campaign_history", "notification_history", "dashboard")
GROUP = "warm-up"
FINISH_TIMEOUT_S = 5.0
STEP_PAUSE_S = 0.05  # between two screens' builds


class _WarmUp:
    """One app's warm-up: the screen being built, and whether the app is closing. A
    screen cancelled halfway through its mount fails in Textual's own widgets
    ("NoMatches '#label'"), so closing waits for it and no other build starts."""

    def __init__(self) -> None:
        self.building: asyncio.Future[None] | None = None
        self.closing = False


_STATE: weakref.WeakKeyDictionary[Any, _WarmUp] = weakref.WeakKeyDictionary()


def schedule(app: App[Any], done: asyncio.Event) -> None:
    """Start the warm-up shortly; `done` is set once it is over (benchmarks wait on it)."""
    state = _STATE.setdefault(app, _WarmUp())
    app.set_timer(
        WARM_UP_DELAY_S,
        lambda: app.run_worker(
            _warm_up(app, state, done),
            group=GROUP,
            description=_("Préparation des écrans"),
            exit_on_error=False,
        ),
    )


async def _warm_up(app: App[Any], state: _WarmUp, done: asyncio.Event) -> None:
    """One step per screen, with a pause in between: each step builds one screen, then
    hides what it built from the collector (that pass walks only the objects made since
    the last one: start-up's were hidden when the app was mounted)."""
    for mode in PREBUILT_MODES:
        if state.closing or not app.is_running:  # closing: nothing more to prepare
            return
        if app._screen_stacks.get(mode):  # already visited
            continue
        await asyncio.sleep(STEP_PAUSE_S)  # the loop draws and answers keys in between
        if state.closing or not app.is_running:
            return
        # Textual has no public call to build a mode's screen without showing it; the
        # version is pinned in pyproject.toml.
        state.building = asyncio.ensure_future(_build(app, mode))
        try:
            await asyncio.shield(state.building)
        finally:
            state.building = None
        screen = app._screen_stacks[mode][0]
        if screen is not app.screen:
            # as if visited and left: its timers pause until the merchant comes
            screen.post_message(events.ScreenSuspend())
        memory.freeze_long_lived()
    memory.freeze_long_lived()  # the first screen's, had every screen been visited already
    done.set()


async def _build(app: App[Any], mode: str) -> None:
    """Build a mode's screen and wait until all of its widgets are mounted: the screen's
    own mount comes before its children's.

    Textual then marks the styles of the screen in front as current, not those of the
    screen built: its first visit would parse the whole stylesheet again (~100-170 ms)
    although its styles are those of the app. Marked current here, unless the CSS
    changed meanwhile (a new theme: then the visit refreshes it, as Textual would)."""
    css = app._css_update_count
    await app._init_mode(mode)
    screen = app._screen_stacks[mode][0]
    for _round in range(3):  # a widget mounting may compose children of its own
        pending: list[Awaitable[object]] = [
            w._mounted_event.wait()
            for w in screen.walk_children(with_self=False)
            if not w._mounted_event.is_set()
        ]
        if not pending:
            break
        await asyncio.gather(*pending)
    if app._css_update_count == css:
        screen._css_update_count = css


async def finish(app: App[Any]) -> None:
    """Before the app closes its screens: no new build, the one under way finishes its
    mount (bounded), then the warm-up stops."""
    state = _STATE.get(app)
    if state is not None:
        state.closing = True
        building = state.building
        if building is not None and not building.done():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(building), FINISH_TIMEOUT_S)
    app.workers.cancel_group(app, GROUP)
