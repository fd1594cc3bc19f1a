"""`isend-tui --demo`: a working app in one command, without an iSendPro account.

A throwaway data directory (or the one given with --data-dir, kept between runs), the
sandbox gateway served on a free localhost port with demo credit and its log in
`sandbox.sqlite3`, and a demo shop in `demo-shop.sqlite3`. The environment overrides
(ISEND_TUI_KEYID, ...) are ignored so a real keyid never reaches the sandbox.

The delivery receipt receiver is served on another free localhost port and the sandbox
sends it a receipt RECEIPT_DELAY_S after each SMS it accepts: a newcomer sees campaigns and
notifications go from accepted to delivered (a few failures among them) within seconds.
`on_receipts` holds what to call (from the receiver's writer thread) after receipts changed
states, for screens that refresh themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from isend_tui.config import ENV_GATEWAY, ENV_KEYID, ENV_SHOP_DB, ensure_receipt_secret
from isend_tui.context import AppContext, open_context
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.delivery.record import Tally
from isend_tui.demo.activity import DemoActivity
from isend_tui.paths import resolve_paths

if TYPE_CHECKING:
    from isend_tui.gateway.sandbox.server import SandboxThread

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 3000
DEMO_SEED = 2026
DEMO_CREDIT_EUR = "100"
DEMO_SENDER = "MaBoutique"
DEMO_ADMIN_PHONE = "06 01 02 03 04"
DEMO_RULES = ("client.order_state.shipped", "client.order_state.delivered")
DEMO_AUTOMATIONS = (
    ("abandoned_cart", "PANIER5"),
    ("birthday", "ANNIV10"),
    ("winback", "REVIENS15"),
    ("after_delivery", ""),
    ("back_in_stock", ""),
)
RECEIPT_DELAY_S = 3.0
DEMO_DELIVERY_RATE = 0.94
DEMO_PERMANENT_FAILURE_RATE = 0.03


class DemoEnvironment:
    def __init__(
        self,
        data_dir: str | Path | None = None,
        *,
        customers: int = DEMO_CUSTOMERS,
        receipt_delay_s: float = RECEIPT_DELAY_S,
    ):
        self._throwaway = data_dir is None
        self.root = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="isend-demo-"))
        self.customers = customers
        self.receipt_delay_s = receipt_delay_s
        self.sandbox_state = self.root / "sandbox.sqlite3"
        self.shop_file = self.root / "demo-shop.sqlite3"
        self._sandbox: SandboxThread | None = None
        self.receiver: ReceiverServer | None = None
        self.on_receipts: list[Callable[[Tally], None]] = []
        self.activity: DemoActivity | None = None
        self.ctx: AppContext

    def __enter__(self) -> DemoEnvironment:
        from isend_tui.gateway.sandbox.account import SandboxAccount
        from isend_tui.gateway.sandbox.server import SandboxThread

        for name in (ENV_KEYID, ENV_GATEWAY, ENV_SHOP_DB):
            os.environ.pop(name, None)
        resolve_paths(self.root).ensure()
        new_account = not self.sandbox_state.exists()
        account = SandboxAccount(
            path=self.sandbox_state, credit=DEMO_CREDIT_EUR if new_account else None
        )
        sandbox = SandboxThread(account).start()
        self._sandbox = sandbox
        if not self.shop_file.exists():
            self._create_shop()
        self.ctx = open_context(self.root, demo=True)
        settings = self.ctx.settings
        first_run = not settings.keyid
        self.ctx.save_settings(
            dataclasses.replace(
                settings,
                keyid=account.keyid if first_run else settings.keyid,
                sender=settings.sender or DEMO_SENDER,
                admin_phone=settings.admin_phone or DEMO_ADMIN_PHONE,
                gateway_url=sandbox.url,
                shop_kind="sqlite",
                shop_path=str(self.shop_file),
                shop_prefix="ps_",
            )
        )
        if first_run:
            self._default_rules()
            self._default_automations()
        self._serve_receipts(sandbox)
        self.activity = DemoActivity(self.shop_file)
        self.activity.start()
        log.info("demo environment ready in %s (sandbox %s)", self.root, sandbox.url)
        return self

    @property
    def sandbox(self) -> SandboxThread | None:
        return self._sandbox

    def _serve_receipts(self, sandbox: SandboxThread) -> None:
        """The receiver on a free port, and the sandbox pointed at it."""
        secret = ensure_receipt_secret(self.ctx.paths, self.ctx.settings)
        self.receiver = ReceiverServer(self.ctx.store, secret, on_tally=self._receipts_changed)
        self.receiver.start()
        sandbox.receipts.configure(
            url=self.receiver.url,
            delay_s=self.receipt_delay_s,
            delivery_rate=DEMO_DELIVERY_RATE,
            permanent_failure_rate=DEMO_PERMANENT_FAILURE_RATE,
        )

    def _receipts_changed(self, tally: Tally) -> None:
        for listener in list(self.on_receipts):
            listener(tally)

    def _default_rules(self) -> None:
        """A first demo shows notifications at work: the customer is told when an order is
        shipped (with its tracking number) and delivered."""
        from isend_tui.notifications.rules import create_rules, list_rules

        if not list_rules(self.ctx.store):
            create_rules(self.ctx.store, self.ctx.settings, list(DEMO_RULES))

    def _default_automations(self) -> None:
        """A first demo shows the automations at work: they start at yesterday's
        midnight, so last evening's abandoned carts, today's birthdays, the lapsed
        customers and the orders delivered a week ago are texted when the demo opens."""
        from zoneinfo import ZoneInfo

        from isend_tui.automations.flow_settings import edit_flow
        from isend_tui.automations.flows import Flow

        start = dt.datetime.combine(
            dt.date.today() - dt.timedelta(days=1), dt.time(), ZoneInfo("Europe/Paris")
        )
        for flow, voucher in DEMO_AUTOMATIONS:
            edit_flow(self.ctx.store, Flow(flow), start, enabled=True, voucher=voucher)

    def _create_shop(self) -> None:
        from isend_tui.demo.build import generate_demo_shop
        from isend_tui.shop.dsn import ShopDsn

        tmp = self.shop_file.with_suffix(".partial")
        tmp.unlink(missing_ok=True)
        # The demo lives in the present: its history ends yesterday, so "orders in the last
        # 12 months" or "birthdays this week" find customers today.
        yesterday = dt.date.today() - dt.timedelta(days=1)
        generate_demo_shop(
            ShopDsn(kind="sqlite", path=str(tmp)),
            customers=self.customers,
            seed=DEMO_SEED,
            reference_date=yesterday,
        )
        tmp.rename(self.shop_file)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.activity is not None:
            self.activity.stop()
        if self._sandbox is not None:
            self._sandbox.receipts.stop()
        if self.receiver is not None:
            self.receiver.stop()
        ctx = getattr(self, "ctx", None)
        if ctx is not None:
            ctx.close()
        if self._sandbox is not None:
            self._sandbox.stop()
        if self._throwaway:
            shutil.rmtree(self.root, ignore_errors=True)
