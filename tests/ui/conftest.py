"""Fixtures for driving the real app with Pilot against a sandbox on a localhost socket."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from isend_tui.context import AppContext, open_context
from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxThread]:
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3", credit="20")
    with SandboxThread(account) as served:
        yield served


@pytest.fixture
def ctx(isolated_home: Path, sandbox: SandboxThread) -> Iterator[AppContext]:
    context = open_context()
    context.save_settings(dataclasses.replace(context.settings, gateway_url=sandbox.url))
    yield context
    context.close()


@pytest.fixture
def demo_ctx(ctx: AppContext, sandbox: SandboxThread) -> AppContext:
    """The demo shop (read only here), the sandbox's account with credit, a sender and an
    admin mobile: ready to send a campaign."""
    from scenes import demo_shop

    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            sender="MaBoutique",
            admin_phone="06 01 02 03 04",
            shop_kind="sqlite",
            shop_path=demo_shop().path,
            retention_months=120,  # the demo shop's data ends in 2025 (scenes.py)
        )
    )
    sandbox.account.set_credit(1000)
    return ctx
