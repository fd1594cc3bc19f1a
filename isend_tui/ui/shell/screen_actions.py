"""What a screen lets the merchant do, read from its key bindings (and the few actions it
adds without a key): the command palette lists them, F1 shows their keys.

One source for the footer, the palette and the help, so none of them forgets an action.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.actions import parse

if TYPE_CHECKING:
    from textual.screen import Screen

SKIPPED_KEYS = {"escape"}  # closing or cancelling: not an action to look for


@dataclass(frozen=True)
class ScreenAction:
    title: str  # the long description (the binding's tooltip, else its description)
    key: str  # as the footer shows it ("^t"), "" for an action without a key
    action: str  # the screen's action, run by Screen.run_action


def binding_actions(screen: Screen[object]) -> list[ScreenAction]:
    """The screen's own bindings, in declaration order, one per action (a binding listing
    several keys, like "f7,alt+1", shows its first)."""
    seen: set[str] = set()
    found: list[ScreenAction] = []
    for key, bindings in screen._bindings.key_to_bindings.items():  # translated per instance
        for binding in bindings:
            if key in SKIPPED_KEYS or not binding.description or binding.action in seen:
                continue
            if "." in binding.action.split("(")[0]:
                continue  # Textual's own (screen.copy_text) or the App's (F1, Ctrl+Q)
            seen.add(binding.action)
            title = binding.tooltip or binding.description
            found.append(ScreenAction(title, screen.app.get_key_display(binding), binding.action))
    return found


def screen_actions(screen: Screen[object]) -> list[ScreenAction]:
    """The bindings' actions, then those the screen offers without a key
    (`extra_actions()`), but not those `check_action` says cannot run now (False)."""
    extra: Iterable[ScreenAction] = getattr(screen, "extra_actions", lambda: ())()
    actions = [*binding_actions(screen), *extra]
    runnable = []
    for item in actions:
        _namespace, name, params = parse(item.action)
        if screen.check_action(name, params) is not False or _always_listed(screen, name):
            runnable.append(item)
    return runnable


def _always_listed(screen: Screen[object], name: str) -> bool:
    """A screen may hide a key from the footer where it does not apply (another tab) yet
    run it from the palette (it brings that tab to the front first)."""
    listed: Iterable[str] = getattr(screen, "PALETTE_ALWAYS", ())
    return name in listed


def runner(screen: Screen[object], action: str) -> Callable[[], Awaitable[None]]:
    """The palette's way to run a screen action: its method, called even where the
    screen's check_action hides its key (Textual's run_action would skip it)."""
    _namespace, name, params = parse(action)

    async def run() -> None:
        result = getattr(screen, f"action_{name}")(*params)
        if inspect.isawaitable(result):
            await result

    return run
