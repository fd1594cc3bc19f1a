"""Starting the full-screen app, normally or in demo mode."""

from __future__ import annotations

import argparse

from isend_tui import i18n
from isend_tui.context import AppContext, open_context


def run_tui(args: argparse.Namespace) -> int:
    data_dir = getattr(args, "data_dir", None)
    if args.demo:
        from isend_tui.demo.mode import DemoEnvironment

        with DemoEnvironment(data_dir) as demo:
            return _run(demo.ctx, args)
    ctx = open_context(data_dir)
    try:
        return _run(ctx, args)
    finally:
        ctx.close()


def _run(ctx: AppContext, args: argparse.Namespace) -> int:
    i18n.use_saved_language(ctx.settings.language)  # (the demo's context is made apart)
    from isend_tui.app import ISendApp

    ISendApp(ctx, start_mode=first_screen(ctx)).run()
    return 0


def first_screen(ctx: AppContext) -> str:
    """A configured account opens on its dashboard; a new one on Paramétrage, and so does
    the demo: a newcomer first sees the account checked (F10 shows the dashboard)."""
    return "dashboard" if ctx.settings.keyid and not ctx.demo else "settings"
