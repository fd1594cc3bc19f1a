"""Waiting in Pilot tests, never with sleeps: for the app to settle, for a condition, for
the focus.

Textual applies most changes on a later turn of its loop (a focus, a mount, a timer, a
worker's message), so a test checks what the merchant would see only once the app has
caught up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import Worker

ROUNDS = 3
STEP_S = 0.05


async def settle(pilot: Pilot[Any], *, after: float | None = None) -> None:
    """Let the app finish what the last key or change started: timers set to fire
    `after` seconds later (the live count waits COUNT_DELAY_S), the workers they start,
    and what those workers post. Done in a few rounds: a worker may start another."""
    for _round in range(ROUNDS):
        await pilot.pause(after)  # None: until the app is idle
        workers = _not_waiting_for_a_dialog(pilot.app)
        if workers:  # (an empty list would mean all of them)
            await pilot.app.workers.wait_for_complete(workers)
    await pilot.pause()


def _not_waiting_for_a_dialog(app: App[Any]) -> list[Worker[Any]]:
    """The workers, but those of the screens under the one shown: one of them may be
    waiting for the dialog on top to be answered (push_screen_wait)."""
    below = app.screen_stack[:-1]
    return [
        worker
        for worker in app.workers
        if not any(node in below for node in worker.node.ancestors_with_self)
    ]


async def until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, *, timeout: float = 10.0
) -> None:
    """Let the app run until `condition()` holds (a modal shows, a log line arrives)."""
    for _step in range(int(timeout / STEP_S)):
        if condition():
            return
        await pilot.pause(STEP_S)
    if not condition():
        raise AssertionError(f"never happened: {what}")


async def focus(pilot: Pilot[Any], widget: Widget) -> None:
    """Focus a widget and wait until it has the focus: a key pressed before that goes to
    the widget focused before."""
    widget.focus()
    await until(pilot, lambda: pilot.app.focused is widget, f"{widget!r} has the focus")
