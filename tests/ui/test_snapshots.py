"""Every screen, in French and in English, compared with its reviewed snapshot.

Textual is pinned exactly (pyproject.toml): a new release may change the drawing. Update
after looking at the differences: `pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from scenes import SCENES, SIZE, scene_app

from isend_tui import i18n


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("scene", SCENES)
def test_screen(scene: str, language: str, snap_compare: Any) -> None:
    try:
        app, before = scene_app(scene, language)
        assert snap_compare(app, terminal_size=SIZE, run_before=before)
    finally:
        i18n.set_language("fr")
