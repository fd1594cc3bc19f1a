"""Locating the stylesheets: inside the installed package, or styles/ in a checkout."""

from __future__ import annotations

from pathlib import Path, PurePath

STYLESHEETS = ("app.tcss", "notifications.tcss")


def styles_dir() -> Path:
    here = Path(__file__).resolve()  # isend_tui/ui/shell/styles.py
    packaged = here.parents[2] / "styles"
    if (packaged / STYLESHEETS[0]).exists():
        return packaged
    return here.parents[3] / "styles"


def stylesheet_paths() -> list[str | PurePath]:
    return [styles_dir() / name for name in STYLESHEETS]
