"""A worker that fails unexpectedly is never silent: its traceback is in the log file and
the merchant sees where it happened and where to read the details."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pilot import settle, until

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.logs import setup_logging


@pytest.fixture
def log_file(ctx: AppContext) -> Iterator[Path]:
    """The app's log file, set up as the command line does (undone afterwards)."""
    root = logging.getLogger()
    level = root.level
    setup_logging(ctx.paths.log_file)
    yield ctx.paths.log_file
    for handler in [h for h in root.handlers if getattr(h, "_isend", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def error_toasts(app: ISendApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_a_screen_worker_that_fails_is_logged_and_shown(
    ctx: AppContext, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("la base locale a disparu")

    monkeypatch.setattr("isend_tui.campaigns.service.list_campaigns", broken)
    app = ISendApp(ctx, start_mode="campaign_history", watch=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: error_toasts(app), "an error toast")
        await settle(pilot)
        (toast,) = error_toasts(app)
        assert "État des campagnes" in toast and str(log_file) in toast
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected error in État des campagnes" in logged
    assert "Traceback" in logged and "RuntimeError: la base locale a disparu" in logged


async def test_an_app_worker_that_fails_is_logged_and_shown(
    ctx: AppContext, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("verrou illisible")

    monkeypatch.setattr("isend_tui.campaigns.service.interrupted_campaigns", broken)
    app = ISendApp(ctx, start_mode="settings", watch=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: error_toasts(app), "an error toast")
        (toast,) = error_toasts(app)
        assert "Campagnes interrompues" in toast and str(log_file) in toast
    assert "RuntimeError: verrou illisible" in log_file.read_text(encoding="utf-8")


async def test_a_failing_worker_of_a_tab_is_reported_under_its_screen(
    ctx: AppContext, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab of Envoi de SMS marketing runs its own workers; Textual tells their end
    only to the tab, which must report them like the screen would."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("dossier des sélections illisible")

    monkeypatch.setattr("isend_tui.segments.service.list_segments", broken)
    app = ISendApp(ctx, start_mode="marketing", watch=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")  # Ouvrir une sélection
        await until(pilot, lambda: error_toasts(app), "an error toast")
        (toast,) = error_toasts(app)
        assert "Envoi de SMS marketing" in toast and str(log_file) in toast
    assert "RuntimeError: dossier des sélections illisible" in log_file.read_text("utf-8")
