"""The admin's alerts in the TUI: a check off the event loop opens the alert, sends the
admin one SMS and shows it as an error toast, once (the next check shows nothing again),
and the header says an alert is open."""

from __future__ import annotations

import dataclasses

from support.pilot import until
from support.sandbox import sms_log

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread


async def test_a_low_credit_alert_is_shown_once_and_texted_once(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            admin_phone="06 11 22 33 44",
            alert_credit_sms=sandbox.account.quantity_france() + 1,  # just over the credit
        )
    )
    app = ISendApp(ctx, watch=False)

    def alert_toasts() -> list[str]:
        return [n.message for n in app._notifications if n.severity == "error"]

    async with app.run_test(size=(100, 30)) as pilot:
        app.alerts.check_now()
        await until(pilot, alert_toasts, "the alert's toast")
        assert "Crédit iSendPro" in alert_toasts()[0]
        await app.workers.wait_for_complete()
        app.alerts.check_now()  # still low: no new alert, no new toast
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(alert_toasts()) == 1 and len(app.alerts.open) == 1
        assert "1 alerte ouverte" in app.title  # the header of every section says it
    assert [row["num"] for row in sms_log(sandbox)] == ["33611223344"]
