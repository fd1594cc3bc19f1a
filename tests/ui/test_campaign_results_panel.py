"""The campaign details' Résultats: what an A/B test's texts brought, and the recipients
kept for the winning text sent from there, as `campaign winner` does."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

from support.pilot import focus, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import Button, DataTable, Select, Static

from isend_tui.app import ISendApp
from isend_tui.campaigns.model import CampaignRequest, Contact, RecipientState
from isend_tui.campaigns.remainder import held_count
from isend_tui.campaigns.service import create_and_prepare, dispatch
from isend_tui.campaigns.window import PARIS
from isend_tui.context import AppContext
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.ui.dialogs.confirm import ConfirmModal

SENT_AT = datetime(2025, 6, 17, 10, 0, tzinfo=PARIS)  # a Tuesday, long ago: the delay passed
LATER = SENT_AT + timedelta(hours=5)


async def _ab_campaign(ctx: AppContext, sandbox: SandboxThread, tmp_path: Path) -> int:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(20)]
        after = (SENT_AT + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
        for who in customers[:4]:
            shop.order(who, date_add=after, total_paid_tax_incl="30")
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            shop_kind="sqlite",
            shop_path=str(dsn.path),
            shop_prefix=dsn.prefix,
        )
    )
    people = [Contact(f"336123456{i:02d}", id_customer=c) for i, c in enumerate(customers)]
    request = CampaignRequest(
        message="Soldes !", variants=("Dernier jour !",), remainder_pct=50, winner_after_hours=2
    )
    campaign_id = create_and_prepare(
        ctx.store, people, request, settings=ctx.settings, clock=lambda: SENT_AT
    )
    async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
        await dispatch(ctx.store, client, campaign_id, ctx.settings, clock=lambda: SENT_AT)
    return campaign_id


async def test_the_details_show_each_text_and_send_the_chosen_one_to_the_rest(
    ctx: AppContext, sandbox: SandboxThread, tmp_path: Path
) -> None:
    campaign_id = await _ab_campaign(ctx, sandbox, tmp_path)
    held = held_count(ctx.store, campaign_id)
    assert 0 < held < 20
    sent_before = len(sandbox.account.sent())
    # The app's clock: that Tuesday afternoon, the delay passed and the window open (the
    # real clock would make the test depend on the hour it runs at).
    app = ISendApp(ctx, start_mode="campaign_history", clock=lambda: LATER)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = str(app.screen.query_one("#results-lines", Static).content)
        assert "Texte A :" in results and "Texte B :" in results
        assert "Pas de gagnant" in results  # 20 customers prove nothing
        assert f"{held} destinataires gardés pour le texte gagnant" in results
        # No significant winner: the tool says so and sends nothing.
        button = app.screen.query_one("#send-winner", Button)
        await focus(pilot, button)
        await pilot.press("enter")
        await until(pilot, lambda: app._notifications, "the answer")
        assert "Pas encore de gagnant" in next(iter(app._notifications)).message
        assert held_count(ctx.store, campaign_id) == held
        # The merchant chooses text B himself and confirms.
        select = app.screen.query_one("#winner-text", Select)
        select.value = "B"
        await focus(pilot, button)
        await until(pilot, lambda: not button.has_class("-active"), "the button up again")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the confirmation")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert f"texte B aux {held} destinataires" in body
        await pilot.press("o")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "the answer")
        await until(pilot, lambda: len(sandbox.account.sent()) >= sent_before + held, "sent")
        await app.workers.wait_for_complete()
    assert held_count(ctx.store, campaign_id) == 0
    new = sandbox.account.sent()[sent_before:]
    assert len(new) == held and all(sms.text.startswith("Dernier jour !") for sms in new)
    texts = ctx.store.db.execute_sql(
        "SELECT text FROM campaign_recipient WHERE campaign_id = ? AND state = ? "
        "AND text LIKE 'Dernier jour%'",
        (campaign_id, RecipientState.SENT.value),
    ).fetchall()
    assert len(texts) >= held


async def test_a_campaign_that_sent_nothing_has_no_results(
    ctx: AppContext, sandbox: SandboxThread, tmp_path: Path
) -> None:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        customer = shop.customer(firstname="Alice")
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings, keyid=sandbox.account.keyid, shop_kind="sqlite",
            shop_path=str(dsn.path), shop_prefix=dsn.prefix,
        )
    )  # fmt: skip
    create_and_prepare(
        ctx.store,
        [Contact("33612345601", id_customer=customer)],
        CampaignRequest(message="Soldes !", label="Brouillon"),
        settings=ctx.settings,
        clock=lambda: SENT_AT,
    )  # a draft: never confirmed, nothing sent
    app = ISendApp(ctx, start_mode="campaign_history")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await focus(pilot, app.screen.query_one("#campaigns", DataTable))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one("#results-lines", Static).content) == ""
        assert not app.screen.query_one("#results-panel").display
