"""The installed app in the terminals an admin may have: NO_COLOR set, and a 16-colour
terminal (TERM=xterm). Every screen draws within what the terminal can show, and the
focus stays visible (reverse video) without relying on colour."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from support.tmux import Terminal

pytestmark = pytest.mark.e2e
APP = Path(sys.executable).parent / "isend-tui"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
# Each section's key, the title the header then shows, and for the Tableau de bord what
# shows its figures and its first chart are drawn (the charts come after the table): the
# summary's first line and the chart's axis ticks.
SCREENS = [
    ("F3", "Envoi de SMS marketing", ()),
    ("F4", "Envoi de notifications", ()),
    ("F5", "État des campagnes", ()),
    ("F6", "État des notifications", ()),
    ("F10", "Tableau de bord", ("30 derniers jours :", "SMS acceptés par jour", "┤")),
    ("F2", "Paramétrage", ()),
]


def colours(ansi: str) -> set[tuple[int, ...]]:
    """Every colour the screen uses: (n,) for the 16 standard ones (SGR 30-37, 40-47,
    90-97, 100-107), (256, n) for the 256-colour palette, (r, g, b) for true colour."""
    found: set[tuple[int, ...]] = set()
    for match in SGR.finditer(ansi):
        codes = [int(c) for c in match.group(1).split(";") if c]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5:
                    found.add((256, codes[i + 2]))
                    i += 3
                    continue
                if codes[i + 1] == 2:
                    found.add(tuple(codes[i + 2 : i + 5]))
                    i += 5
                    continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.add((code,))
            i += 1
    return found


def is_grey(colour: tuple[int, ...]) -> bool:
    if len(colour) == 1:  # black, white and the two greys of the 16 standard colours
        return colour[0] % 10 in (0, 7) and colour[0] not in (38, 48)
    if len(colour) == 2:
        n = colour[1]
        cube_grey = 16 <= n <= 231 and len({(n - 16) // 36, (n - 16) // 6 % 6, (n - 16) % 6}) == 1
        return n in (0, 7, 8, 15) or n >= 232 or cube_grey
    return len(set(colour)) == 1


def tour(term: Terminal) -> list[str]:
    """Open every screen; return each one's escape-coded capture."""
    term.wait_for("Vous pouvez envoyer", timeout=90)
    captures = [term.ansi_screen()]
    for key, title, shown in SCREENS:
        term.keys(key)
        term.wait_for(lambda screen, t=title, s=shown: drawn(screen, t, s))
        captures.append(term.ansi_screen())
    return captures


def drawn(screen: str, title: str, shown: tuple[str, ...]) -> bool:
    """The screen of that title is up, and shows these texts."""
    return title in screen.splitlines()[0] and all(text in screen for text in shown)


def focus_is_visible(term: Terminal) -> None:
    """Tab from the menu to the keyid field: the field turns reverse video."""
    term.keys("Tab")
    term.wait_for("Entrez la keyid fournie")
    term.wait_focus("•")


def start(tmp_path: Path, env: dict[str, str]) -> Terminal:
    if not APP.exists():
        pytest.fail(f"{APP} is missing: install the project (pip install -e .)")
    if shutil.which("tmux") is None:
        pytest.fail("tmux is missing: apt-get install tmux (.ci/run does)")
    base = {
        "ISEND_TUI_HOME": str(tmp_path / "unused-home"),
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
    }
    term = Terminal(80, 24, env={**base, **env})
    term.start(["env", "-u", "COLORTERM", str(APP), "--demo", "--data-dir", str(tmp_path / "d")])
    return term


def test_with_no_color_every_screen_is_drawn_in_greys_and_the_focus_shows(
    tmp_path: Path,
) -> None:
    term = start(tmp_path, {"TERM": "xterm-256color", "NO_COLOR": "1"})
    try:
        captures = tour(term)
        used = set().union(*(colours(c) for c in captures))
        assert used, "the screens use no colour codes at all: the capture is not what we think"
        assert {c for c in used if not is_grey(c)} == set()
        focus_is_visible(term)
    finally:
        term.close()


def test_in_a_16_colour_terminal_every_screen_uses_the_16_colours_and_the_focus_shows(
    tmp_path: Path,
) -> None:
    term = start(tmp_path, {"TERM": "xterm"})
    try:
        captures = tour(term)
        used = set().union(*(colours(c) for c in captures))
        assert used and all(len(c) == 1 for c in used), sorted(used)
        focus_is_visible(term)
    finally:
        term.close()


# English titles, and French words that must not show once the UI speaks English.
SCREENS_EN = [
    ("F3", "Marketing SMS", ()),
    ("F4", "Notifications", ()),
    ("F5", "Campaign status", ()),
    ("F6", "Notification status", ()),
    ("F10", "Dashboard", ("Last 30 days:", "SMS accepted per day", "┤")),
    ("F2", "Settings", ()),
]
FRENCH_WORDS = ("Envoyer", "Paramétrage", "Quitter", "Aide", "Compter", "Rechercher")


def test_in_english_without_colour_at_100x32_every_screen_speaks_english(
    tmp_path: Path,
) -> None:
    """The first hour of an English-speaking admin on a monochrome terminal: every section
    and the help in English, in greys, at the 100x32 size of the newcomer walk."""
    base = {
        "ISEND_TUI_HOME": str(tmp_path / "unused-home"),
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
    }
    term = Terminal(100, 32, env=base)
    demo = str(tmp_path / "en")
    term.start(["env", "-u", "COLORTERM", str(APP), "--lang", "en", "--demo", "--data-dir", demo])
    try:
        term.wait_for("You can send", timeout=90)
        captures = [term.ansi_screen()]
        for key, title, shown in SCREENS_EN:
            term.keys(key)
            screen = term.wait_for(lambda s, t=title, w=shown: drawn(s, t, w))
            captures.append(term.ansi_screen())
            leftovers = [w for w in FRENCH_WORDS if w in screen]
            assert not leftovers, (title, leftovers, screen)
        term.keys("F1")
        screen = term.wait_for("This screen: Settings")
        assert not [w for w in FRENCH_WORDS if w in screen], screen
        used = set().union(*(colours(c) for c in captures))
        assert used and {c for c in used if not is_grey(c)} == set()
    finally:
        term.close()
