"""Deterministic app states for the screen snapshots and the README's screenshots.

Every scene uses the same demo shop (fixed seed, fixed path), an in-process sandbox
(no port number on screen), a frozen clock and no background watcher, so the same scene
always draws the same screen.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import os
import shutil
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from support.pilot import settle as settle_app

from isend_tui import i18n
from isend_tui.app import ISendApp
from isend_tui.context import AppContext, open_context
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.app import create_app
from isend_tui.gateway.sandbox.faults import Faults
from isend_tui.shop.dsn import ShopDsn

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)  # a Tuesday, inside the sending window
ROOT = Path("/tmp/isend-tui-scenes")
SHOP = ROOT / "demo-shop.sqlite3"  # shown in a snapshot: the same path for every worker
#: Each pytest-xdist worker has its own scene homes (a scene wipes its home first).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
GATEWAY = "http://127.0.0.1:8642"
SIZE = (100, 32)


def clock() -> datetime:
    return NOW


def demo_shop() -> ShopDsn:
    from isend_tui.demo.build import generate_demo_shop

    # The shop is kept between runs (built once: seconds), but rebuilt when the code that
    # builds it changed: a stale shop once froze wrong counts into the snapshots.
    stamp = SHOP.with_suffix(".source")
    source = _demo_source()
    if not SHOP.exists() or not stamp.exists() or stamp.read_text() != source:
        ROOT.mkdir(parents=True, exist_ok=True)
        # Two workers may build it at once: each its own file, renamed into place
        # atomically (the same seed makes the same shop).
        partial = SHOP.with_suffix(f".{WORKER}.partial")
        partial.unlink(missing_ok=True)
        generate_demo_shop(ShopDsn.sqlite(partial), customers=400, seed=7)
        partial.replace(SHOP)
        stamp.write_text(source)
    return ShopDsn.sqlite(SHOP)


def _demo_source() -> str:
    """A digest of the demo shop's generator (isend_tui/demo/)."""
    import isend_tui.demo

    digest = hashlib.sha256()
    for path in sorted(Path(isend_tui.demo.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Scene:
    """A fresh data dir, settings pointing at the demo shop and an in-process sandbox."""

    def __init__(self, name: str, language: str = "fr") -> None:
        self.name = name
        self.language = language
        self.home = ROOT / WORKER / f"{name}-{language}"
        shutil.rmtree(self.home, ignore_errors=True)
        os.environ["ISEND_TUI_HOME"] = str(self.home)
        i18n.set_language(language, chosen=True)  # as --lang: the saved setting follows
        self.account = SandboxAccount(credit="100", clock=clock)
        self.transport = httpx.ASGITransport(app=create_app(self.account, Faults()))
        self.ctx: AppContext = open_context()
        shop = demo_shop()
        self.ctx.save_settings(
            dataclasses.replace(
                self.ctx.settings,
                keyid=DEMO_KEYID,
                gateway_url=GATEWAY,
                sender="MaBoutique",
                admin_phone="06 01 02 03 04",
                shop_kind="sqlite",
                shop_path=shop.path,
                language=language,
                # The demo shop's data ends on its reference day (2025-06-16) while counts
                # go from the real date: ten years of retention keep the count the same
                # whatever day the snapshots are taken (until 2032).
                retention_months=120,
            )
        )

    def app(self, mode: str) -> ISendApp:
        return ISendApp(
            self.ctx, gateway_transport=self.transport, start_mode=mode, clock=clock, watch=False
        )

    def client(self) -> Any:
        from isend_tui.gateway.client import IsendClient

        return IsendClient(DEMO_KEYID, GATEWAY, transport=self.transport)

    # ------------------------------------------------------------------ data

    def campaigns(self) -> None:
        """Two campaigns: one sent, one scheduled."""
        from isend_tui.campaigns.model import CampaignRequest, Contact
        from isend_tui.campaigns.service import create_and_prepare, dispatch, plan_campaign

        people = [
            Contact("33612345601", "Alice", "Martin", "alice@example.com"),
            Contact("33612345602", "Benoît", "Lefèvre", "benoit@example.com"),
            Contact("33751234503", "Chloé", "Roy", "chloe@example.com"),
        ]

        async def run() -> None:
            async with self.client() as client:
                for label, message, when in [
                    ("Soldes d'hiver", "Bonjour {client_surname}, -30% sur tout !", None),
                    ("Fête des mères", "{client_surname}, une idée cadeau ?", "2026-05-30 10:00"),
                ]:
                    from isend_tui.campaigns.service import parse_schedule

                    request = CampaignRequest(
                        message=message,
                        label=label,
                        scheduled_for=parse_schedule(when) if when else None,
                    )
                    cid = create_and_prepare(
                        self.ctx.store, people, request, settings=self.ctx.settings, clock=clock
                    )
                    credit = await client.credit()
                    plan_campaign(
                        self.ctx.store, cid, settings=self.ctx.settings, credit=credit, clock=clock
                    )
                    await dispatch(self.ctx.store, client, cid, self.ctx.settings, clock=clock)

        _run_outside_loop(run)

    def notifications(self) -> None:
        """A rule for shipped orders and the notifications of three orders shipped."""
        import threading

        # The watcher runs its own event loop: keep it off the caller's (an async test's).
        errors: list[BaseException] = []

        def target() -> None:
            try:
                self._notifications()
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
        if errors:
            raise errors[0]

    def _notifications(self) -> None:
        from support.shop_builder import ShopBuilder

        from isend_tui.notifications import create_rules
        from isend_tui.notifications.watcher import Watcher

        # A private copy of the shop: the scene writes to it.
        copy = self.home / "shop.sqlite3"
        shutil.copy(SHOP, copy)
        dsn = ShopDsn.sqlite(copy)
        self.ctx.save_settings(dataclasses.replace(self.ctx.settings, shop_path=str(copy)))
        create_rules(self.ctx.store, self.ctx.settings, ["client.order_state.shipped"])
        watcher = Watcher(self.ctx.store, self.ctx.settings, dsn, self.client, clock)
        watcher.poll_once()  # first start: begins at "now"
        with ShopBuilder(dsn) as shop:
            rows = shop.w.query(
                f"SELECT id_order FROM {shop.t('orders')} WHERE current_state <> 0 "
                "ORDER BY id_order LIMIT 3"
            )
            for (id_order,) in rows:
                shop.change_state(int(id_order), "PS_OS_SHIPPING", date_add="2026-03-10 09:58:00")
        watcher.poll_once()
        watcher.close()


def _run_outside_loop(coroutine: Callable[[], Awaitable[None]]) -> None:
    """Run set-up coroutines on their own loop, even when called from an async test."""
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine())  # type: ignore[arg-type]
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


Step = Callable[[Any], Awaitable[None]]


async def settle(pilot: Any) -> None:
    """Settled, and ready for a picture that is the same every time."""
    from textual.widgets import DataTable, Input, TextArea

    app = pilot.app
    await settle_app(pilot, after=0.3)
    # A table measures its new rows' widths when idle: a picture taken before that shows
    # every column at its header's width (Textual's private flag, checked in a bounded loop).
    for _ in range(100):
        if not any(t._require_update_dimensions for t in app.screen.query(DataTable)):
            break
        await pilot.pause()
    # A blinking cursor would make the picture depend on the moment it is taken.
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def scene_app(name: str, language: str) -> tuple[ISendApp, Step]:
    """The app and the keys to press before the screenshot, for each scene."""
    scene = Scene(name, language)
    if name == "settings":
        return scene.app("settings"), settle
    if name == "marketing":

        async def marketing(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)

        return scene.app("marketing"), marketing
    if name == "message":

        async def message(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press("f8")
            area = pilot.app.screen.query_one("#message-text")
            area.insert("Soldes d’hiver : -30% pour vous {client_surname} !")
            await settle(pilot)

        return scene.app("marketing"), message
    if name == "notifications":
        scene.notifications()
        return scene.app("notifications"), settle
    if name == "campaign_history":
        scene.campaigns()
        return scene.app("campaign_history"), settle
    if name == "notification_history":
        scene.notifications()
        return scene.app("notification_history"), settle
    raise ValueError(name)


SCENES = ["settings", "marketing", "message", "notifications", "campaign_history",
          "notification_history"]  # fmt: skip
