"""An A/B test of send times from the Envoi tab, by the keyboard: the moments typed in one
field, the confirmation's count per moment, and each SMS handed to the sandbox (a real
localhost server) scheduled for the moment drawn for its recipient."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from support.pilot import focus, settle, until
from textual.widgets import Button, DataTable, Input, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns.service import list_campaigns
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.screens.marketing import COUNT_DELAY_S

TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
MOMENTS = ("2026-03-10 11:00", "2026-03-10 18:15")


async def test_the_campaign_leaves_at_each_moment_typed(
    demo_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(demo_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_DELAY_S + 0.1)
        await pilot.press("f8", *"Soldes ce mardi")
        await pilot.press("f9")
        await focus(pilot, app.screen.query_one("#send-times", Input))
        await pilot.press(*", ".join(MOMENTS))
        await focus(pilot, app.screen.query_one("#send-now", Button))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the confirmation")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        per_moment = re.search(
            r"Test A/B des heures d'envoi, destinataires tirés au hasard pour chaque heure : "
            r"heure A \(mardi 10/03/2026 11:00\) : (\d+), heure B \(mardi 10/03/2026 18:15\) : "
            r"(\d+)\.",
            body,
        )
        assert per_moment, body
        await pilot.press("o")
        await until(pilot, lambda: list_campaigns(demo_ctx.store)[0].pending == 0, "the send")
        await settle(pilot)
        # Its details (État des campagnes, Enter) say which moments it compares.
        await pilot.press("f5")
        await settle(pilot)
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#detail-summary"), "the details")
        await settle(pilot)
        summary = str(app.screen.query_one("#detail-summary", Static).content)
        assert (
            "Test A/B des heures d'envoi : heure A (mardi 10/03/2026 11:00), heure B (mardi "
            "10/03/2026 18:15)" in summary
        ), summary
    (campaign,) = list_campaigns(demo_ctx.store)
    drawn = dict(
        demo_ctx.store.db.execute_sql(
            "SELECT number, variant FROM campaign_recipient WHERE campaign_id = ? AND "
            "state = 'sent'",
            (campaign.id,),
        ).fetchall()
    )
    counts = [sum(1 for v in drawn.values() if v == i) for i in range(2)]
    assert counts == [int(n) for n in per_moment.groups()] and all(counts)
    got = {sms.num: sms.date_envoi for sms in sandbox.account.sent()}
    assert set(got) == set(drawn)
    # Paris' recipients at their moment; one abroad may wait for his own window after it.
    on_time = sum(got[n] == MOMENTS[v] for n, v in drawn.items())
    assert on_time >= 0.9 * len(drawn)
    assert all(got[n] is not None and got[n] >= MOMENTS[v] for n, v in drawn.items())


async def test_a_moment_outside_the_window_is_refused_and_nothing_is_prepared(
    demo_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(demo_ctx, start_mode="marketing", clock=lambda: TUESDAY_10AM, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_DELAY_S + 0.1)
        await pilot.press("f8", *"Soldes")
        await pilot.press("f9")
        app.screen.query_one("#send-times", Input).value = "2026-03-10 11:00, 2026-03-10 21:30"
        await focus(pilot, app.screen.query_one("#send-now", Button))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        log = " ".join(
            line.text.rstrip()
            for line in app.screen.query_one("#send-log").lines  # type: ignore[attr-defined]
        )
        assert "hors de la plage d'envoi marketing" in log
    assert list_campaigns(demo_ctx.store) == []
    assert sandbox.account.sent() == []
