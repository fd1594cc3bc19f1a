"""A screen's first show without the work Textual does twice (private names of the pinned
Textual version; the screen base, ui/shell/base.py, calls these).

Measured with bench/receipts_ui_bench.py (the campaign's details pushed over État des
campagnes) and bench/dashboard_bench.py: a screen's first frame held the event loop
60-110 ms, of which Textual spent about half on work it had just done:
- building a mode's screen (a first visit, or the warm-up) parsed the whole stylesheet
  again and restyled every widget of the app, twice for a visit (`App.refresh_css`, from
  `_init_mode` then `switch_mode`), because a new screen's styles count as stale
  (`_css_update_count` -1) although its widgets are styled as they mount, with the current
  stylesheet: `registered` says they are current as the screen is registered;
- the first `ScreenResume` restyled every widget the screen had just mounted and styled:
  `first_resume` skips that one restyle;
- the Resize a screen's first layout posts to the screen itself laid the screen (and the
  screens under a dialog) out and drew it all again at the size just laid out, and only
  then set the breakpoint classes (-narrow, -wide), restyling the whole screen once more:
  `registered` gives the screen its classes for the app's size before its first
  styling, and `resize_done` answers the Resize itself when the layout is already that
  size (the classes are still brought up to date).
Every later change (a terminal resized, a theme, a class, a widget mounted) goes Textual's
usual way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.geometry import Size
    from textual.screen import Screen


def breakpoint_classes(screen: Screen[Any], size: Size) -> dict[str, bool]:
    """The breakpoint classes Textual's Screen._on_resize gives a screen of this size."""
    app = screen.app
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    classes = {name: False for _limit, name in horizontal + vertical}
    for name in screen._get_breakpoint_classes(size.width, horizontal):
        classes[name] = True
    for name in screen._get_breakpoint_classes(size.height, vertical):
        classes[name] = True
    return classes


def registered(screen: Screen[Any], app: App[Any]) -> None:
    """As the screen is registered, just before Textual styles it and then each widget it
    mounts: those styles are the current stylesheet's (a theme changed later moves the
    app's count on, and Textual refreshes as usual), and its breakpoint classes are those
    of the app's size, so its first Resize changes none (no restyle of every widget)."""
    screen._css_update_count = app._css_update_count
    if app.size:
        screen.update_classes(breakpoint_classes(screen, app.size), update=False)


def first_resume(event: events.ScreenResume) -> None:
    """The first ScreenResume of a screen: no restyle of the widgets it has just mounted
    and styled."""
    event.refresh_styles = False


def resize_done(screen: Screen[Any], event: events.Resize) -> bool:
    """Whether a Resize needs nothing of Textual's own handler: the screen is laid out at
    that size already (the Resize its own layout posted). The screens under a dialog and
    the breakpoint classes are brought up to date here, as Textual's handler would."""
    if event.size != screen._compositor.size or not screen.is_attached:
        return False
    for below in screen.app._background_screens:
        if below._compositor.size != event.size:
            below._screen_resized(event.size)
    screen.update_classes(breakpoint_classes(screen, event.size), animate=False)
    return True
