"""The demo shows everything working today: its shop's history ends yesterday, so the
seed's example segments find customers, and its orders move on while it is open, each move
notified by SMS through the sandbox as in a real shop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from support.sandbox import sms_log_at

from isend_tui.delivery.queries import notification_deliveries
from isend_tui.demo.mode import DemoEnvironment
from isend_tui.notifications.log import list_notifications
from isend_tui.notifications.watcher import Watcher
from isend_tui.segments.counting import count_recipients
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.shop.info import open_shop, today


def test_the_demo_lives_in_the_present_and_its_orders_move_on(tmp_path: Path) -> None:
    with DemoEnvironment(tmp_path / "demo", customers=300, receipt_delay_s=0.05) as demo:
        dsn = demo.ctx.settings.shop_dsn()
        assert dsn is not None
        loyal = segment_from_dict(
            {
                "version": 1,
                "name": "Fidèles",
                "criteria": [
                    {"criterion": "orders_count", "operator": ">", "value": 2, "months": 12}
                ],
            }
        )
        with open_shop(dsn) as conn:
            newest = conn.scalar(f"SELECT MAX(date_add) FROM {conn.table('orders')}")
            counted = count_recipients(conn, loyal, today=today(conn), suppressed=())
        assert str(newest)[:10] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
        assert counted.recipients > 0  # the seed's own example finds recipients today

        watcher = Watcher.from_context(demo.ctx)
        with watcher:
            watcher.poll_until_idle()  # starts at now: nothing old is sent
            assert demo.activity is not None
            moves = [demo.activity.step() for _ in range(3)]
            watcher.poll_until_idle()
        assert [state for _id, state in filter(None, moves)] == [
            "PS_OS_SHIPPING",
            "PS_OS_PREPARATION",
            "PS_OS_DELIVERED",
        ]
        sent = [n for n in list_notifications(demo.ctx.store) if n.state == "sent"]
        assert len(sent) == 2  # the demo's rules: shipped and delivered
        # The two SMS went through the sandbox, one per move a rule is about.
        logged = sms_log_at(demo.sandbox_state)
        assert [row["tracker"] for row in logged] == [f"n{n.id}" for n in reversed(sent)]
        # Their delivery receipts came back from the sandbox to the demo's receiver.
        assert demo.sandbox is not None and demo.sandbox.receipts.wait_idle(15)
        states = notification_deliveries(demo.ctx.store, [n.id for n in sent])
        assert all(d.state is not None for d in states.values()) and len(states) == 2


def test_the_demo_runs_its_automations_from_yesterday(tmp_path: Path) -> None:
    from isend_tui.automations.runner import AutomationRunner

    with DemoEnvironment(tmp_path / "demo", customers=300) as demo:
        runner = AutomationRunner.from_context(demo.ctx)
        with Watcher.from_context(demo.ctx, steps=[runner]) as watcher:
            watcher.poll_until_idle()
        assert not runner.problems
        rows = [n for n in list_notifications(demo.ctx.store) if n.event.startswith("automation.")]
        flows = {n.event for n in rows}
        # last evening's carts at least; each with its outcome (sent, waiting for the
        # window's next slot, or why not)
        assert "automation.abandoned_cart" in flows
        assert all(n.state in ("sent", "queued", "not_sent") for n in rows)
