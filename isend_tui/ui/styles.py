"""Locating the stylesheets: inside the installed package, or styles/ in a checkout."""

from __future__ import annotations

from pathlib import Path, PurePath

STYLESHEETS = ("app.tcss", "notifications.tcss")


def styles_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "styles"
    if (packaged / STYLESHEETS[0]).exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "styles"


def stylesheet_paths() -> list[str | PurePath]:
    return [styles_dir() / name for name in STYLESHEETS]
