"""Paramétrage driven with the keyboard: fields checked as typed, the keyid tested on save."""

from __future__ import annotations

from support.pilot import settle, until
from textual.widgets import Input, Static

from isend_tui.app import ISendApp
from isend_tui.context import AppContext, open_context
from isend_tui.formatting import count, money
from isend_tui.gateway.sandbox.server import SandboxThread


async def _type(pilot, app: ISendApp, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    # Long values are pasted (as a user would); typing them key by key only slows the test.
    widget = app.screen.query_one(f"#input-{field}", Input)
    widget.focus()
    widget.value = ""
    if len(text) > 8:
        widget.insert_text_at_cursor(text)
    else:
        await pilot.press(*list(text))


async def _save_and_wait(pilot, app: ISendApp) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await settle(pilot)  # the save, then the keyid's check it starts
    return str(app.screen.query_one("#account-info", Static).content)


async def test_a_working_keyid_shows_how_many_sms_the_credit_buys(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "keyid", sandbox.account.keyid)
        info = await _save_and_wait(pilot, app)
    expected = sandbox.account.quantity_france()
    assert expected > 0
    assert "Votre keyid a été mis à jour" in info
    assert f"Vous pouvez envoyer {count(expected)} SMS en France" in info
    assert f"(crédit : {money(sandbox.account.credit)})" in info  # "(crédit : 50,00 €)"
    reopened = open_context()
    assert reopened.settings.keyid == sandbox.account.keyid
    reopened.close()


async def test_a_wrong_keyid_says_so_and_links_to_the_account(ctx: AppContext) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "keyid", "ffffffffffffffffffffffffffffffff")
        info = await _save_and_wait(pilot, app)
    assert info.startswith("✗")
    assert "keyid" in info.lower()
    assert "Créer un compte" in info and "inscription.php" in info


async def test_ip_not_allowed_names_the_callers_ip(ctx: AppContext, sandbox: SandboxThread) -> None:
    sandbox.account.set_ip_whitelist(True, ["203.0.113.7"])
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "keyid", sandbox.account.keyid)
        info = await _save_and_wait(pilot, app)
    assert "IP" in info and "127.0.0.1" in info


async def test_an_unreachable_gateway_is_explained(ctx: AppContext, sandbox: SandboxThread) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "keyid", sandbox.account.keyid)
        await _type(pilot, app, "gateway_url", "http://127.0.0.1:9/cgi-bin")
        info = await _save_and_wait(pilot, app)
    assert info.splitlines()[0] == (
        "✗ Impossible de joindre iSendPro (127.0.0.1) : vérifiez la connexion Internet et "
        "l'adresse de la passerelle. Rien n'a été envoyé."
    )


async def test_bad_values_are_flagged_as_typed_and_nothing_is_saved(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "sender", "123456")
        await pilot.pause()
        help_line = app.screen.query_one("#field-sender .field-help", Static)
        assert str(help_line.content).startswith("✗")
        assert "chiffres" in str(help_line.content)
        await _type(pilot, app, "shop_port", "99999")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        # The first field to fix gets the focus.
        assert app.focused is app.screen.query_one("#input-sender", Input)
    reopened = open_context()
    assert reopened.settings.sender == "" and reopened.settings.shop_port == 3306
    reopened.close()


async def test_the_keyboard_reaches_help_and_quits(ctx: AppContext) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SettingsScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None


async def test_the_marketing_window_and_the_watch_are_set_here(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    from textual.widgets import Checkbox

    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "window_end", "23:00")
        await pilot.pause()
        help_line = app.screen.query_one("#field-window_end .field-help", Static)
        assert str(help_line.content).startswith("✗") and "22:00" in str(help_line.content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.focused is app.screen.query_one("#input-window_end", Input)
        assert app.ctx.settings.window_end == "20:00"  # nothing saved

        await _type(pilot, app, "window_end", "21:30")
        await _type(pilot, app, "window_days", "0,1,2,3,4")
        await _type(pilot, app, "watch_interval", "5")
        app.screen.query_one("#check-nostop", Checkbox).focus()
        await pilot.press("space")
        await _save_and_wait(pilot, app)
    reopened = open_context()
    saved = reopened.settings
    reopened.close()
    assert (saved.window_end, saved.window_days, saved.watch_interval) == (
        "21:30",
        "0,1,2,3,4",
        5.0,
    )
    assert saved.nostop_right is False  # on by default, unticked with Space


async def test_a_mistyped_new_keyid_does_not_cost_the_saved_one(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "keyid", sandbox.account.keyid)
        assert "Votre keyid a été mis à jour" in await _save_and_wait(pilot, app)
        await _type(pilot, app, "keyid", "f" * 32)
        info = await _save_and_wait(pilot, app)

        def account_info() -> str:
            return str(app.screen.query_one("#account-info", Static).content)

        # the check, then the restore, run in one worker: wait for it
        await until(pilot, lambda: "conservé" in account_info(), "the saved keyid kept")
        info = account_info()
        assert info.startswith("✗") and "auparavant est conservé" in info
        assert app.screen.query_one("#input-keyid", Input).value == sandbox.account.keyid
    reopened = open_context()
    assert reopened.settings.keyid == sandbox.account.keyid
    reopened.close()


async def test_the_credit_is_read_again_at_each_visit_and_after_a_send(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    import dataclasses
    from decimal import Decimal

    ctx.save_settings(dataclasses.replace(ctx.settings, keyid=sandbox.account.keyid))
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        info = str(app.screen.query_one("#account-info", Static).content)
        assert f"(crédit : {money(sandbox.account.credit)})" in info
        sandbox.account.set_credit("7.50")  # spent elsewhere (a send, the watcher)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        info = str(app.screen.query_one("#account-info", Static).content)
        assert f"Vous pouvez envoyer {count(sandbox.account.quantity_france())} SMS" in info
        assert f"(crédit : {money(Decimal('7.50'))})" in info
        sandbox.account.set_credit("2.00")
        app.campaigns.ended.publish(1)  # a campaign ends while Paramétrage is shown
        await settle(pilot)
        assert f"(crédit : {money(Decimal('2'))})" in str(
            app.screen.query_one("#account-info", Static).content
        )


async def test_the_soft_opt_in_and_the_frequency_caps_are_set_here(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await _type(pilot, app, "cap_per_day", "2")
        await _type(pilot, app, "cap_per_30_days", "1")  # below the daily cap: refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.ctx.settings.cap_per_day == 1  # nothing saved
        await _type(pilot, app, "cap_per_30_days", "6")
        await _type(pilot, app, "soft_optin_months", "24")
        await _type(pilot, app, "retention_months", "48")
        await _save_and_wait(pilot, app)
    reopened = open_context()
    saved = reopened.settings
    reopened.close()
    assert (saved.cap_per_day, saved.cap_per_30_days, saved.soft_optin_months) == (2, 6, 24)
    assert saved.retention_months == 48


async def test_the_receipts_address_to_give_isendpro_is_shown_when_the_receiver_is_on(
    ctx: AppContext,
) -> None:
    import dataclasses

    app = ISendApp(ctx, start_mode="settings", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#receipt-url", Static).content)
        assert "Récepteur arrêté : réglez receipts_port" in text
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            receipts_port=8643,
            receipts_public_url="https://boutique.example/isend-receipts/",
        )
    )
    app = ISendApp(ctx, start_mode="settings", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: "boutique.example" in str(app.screen.query_one("#receipt-url", Static).content),
            "the address",
        )
        text = str(app.screen.query_one("#receipt-url", Static).content)
    import re

    # a long random secret, made when first needed (kept in the secrets file)
    assert re.search(r"https://boutique\.example/isend-receipts/[A-Za-z0-9_-]{32,}$", text)
