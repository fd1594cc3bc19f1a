"""A/B tests from the Campagne marketing section, driven by the keyboard like a merchant:
texts B to D under the message, the winner's delay and share in Envoi, the confirmation's
count per text, and what the store and the sandbox (a real localhost server) recorded.
The demo shop gives enough recipients for three texts and a remainder."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from support.pilot import focus, settle, until
from support.screen import screen_lines
from textual.widgets import Button, Input, Static, TextArea

from isend_tui.app import ISendApp
from isend_tui.campaigns.service import list_campaigns
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.ui.screens.marketing import COUNT_DELAY_S
from isend_tui.ui.screens.marketing.variants import VariantText
from isend_tui.ui.widgets.message_editor import MessageEditor

TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
COUNT_WAIT = COUNT_DELAY_S + 0.1
TEXTS = ("Soldes : -20 % ce week-end", "Dernier jour des soldes", "Tout à -30 % aujourd'hui")


def tuesday() -> datetime:
    return TUESDAY_10AM


def _app(ctx: AppContext) -> ISendApp:
    return ISendApp(ctx, start_mode="marketing", clock=tuesday, watch=False)


def _modal(app: ISendApp) -> bool:
    from isend_tui.ui.dialogs.confirm import ConfirmModal

    return isinstance(app.screen, ConfirmModal)


def _variants(app: ISendApp) -> list[VariantText]:
    return list(app.screen.query(VariantText))


def _title(editor: MessageEditor) -> str:
    return str(editor.query_one("#message-text", TextArea).border_title)


def _log(app: ISendApp) -> str:
    """The send log's text, its lines wrapped at the panel's width joined again."""
    lines = app.screen.query_one("#send-log").lines  # type: ignore[attr-defined]
    return " ".join(line.text.rstrip() for line in lines)


async def _add_variant_by_keyboard(app: ISendApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await focus(pilot, app.screen.query_one("#add-variant", Button))
    await pilot.press("enter")
    await settle(pilot)
    area = _variants(app)[-1].area
    assert app.focused is area  # the cursor is in the new text
    await pilot.press(*text)


async def test_two_variants_send_three_texts_and_keep_the_remainder(
    demo_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = _app(demo_ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f8")  # the cursor goes to the message
        await pilot.press(*TEXTS[0])
        await _add_variant_by_keyboard(app, pilot, TEXTS[1])
        await _add_variant_by_keyboard(app, pilot, TEXTS[2])
        main = app.screen.query_one("#campaign-message", MessageEditor)
        assert _title(main) == "Texte A"
        assert [_title(v.editor) for v in _variants(app)] == ["Texte B", "Texte C"]
        await pilot.press("f9")
        await focus(pilot, app.screen.query_one("#winner-after", Input))
        await pilot.press("2", "4")  # the share left empty: 50 %
        await focus(pilot, app.screen.query_one("#send-now", Button))
        await pilot.press("enter")
        await until(pilot, lambda: _modal(app), "the confirmation")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        per_text = re.search(
            r"Test A/B, destinataires tirés au hasard pour chaque texte : texte A : (\d+), "
            r"texte B : (\d+), texte C : (\d+)\.",
            body,
        )
        assert per_text, body
        kept = re.search(r"Gardés pour le texte gagnant : (\d+) destinataires", body)
        assert kept and "au plus tôt 24 h après l'envoi" in body
        assert f"Texte C : « {TEXTS[2]} »" in body
        await pilot.press("o")
        await until(pilot, lambda: list_campaigns(demo_ctx.store)[0].pending == 0, "the send")
        await settle(pilot)
    (campaign,) = list_campaigns(demo_ctx.store)
    store = demo_ctx.store.db
    variants, winner_after = store.execute_sql(
        "SELECT variants, winner_after FROM campaign WHERE id = ?", (campaign.id,)
    ).fetchone()
    assert json.loads(variants) == list(TEXTS) and winner_after == 24
    rows = store.execute_sql(
        "SELECT number, state, variant, text FROM campaign_recipient WHERE campaign_id = ?",
        (campaign.id,),
    ).fetchall()
    sent = {number: (variant, text) for number, state, variant, text in rows if state == "sent"}
    held = {number for number, state, _v, _t in rows if state == "held"}
    by_text = [sum(1 for v, _t in sent.values() if v == i) for i in range(3)]
    # What the confirmation said is what was sent, each text to its own share.
    assert by_text == [int(n) for n in per_text.groups()] and all(by_text)
    assert len(held) == int(kept.group(1))
    assert all(text.startswith(TEXTS[v]) for v, text in sent.values())
    # About half kept for the winner (the default share), none of them sent yet.
    assert 0.3 < len(held) / (len(held) + len(sent)) < 0.7
    got = {row.num: row.text for row in sandbox.account.sent()}
    assert set(got) == set(sent) and not set(got) & held
    assert all(got[n].startswith(TEXTS[v]) for n, (v, _t) in sent.items())


async def test_an_empty_variant_is_refused_and_nothing_is_prepared(
    demo_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = _app(demo_ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f8", *TEXTS[0])
        await _add_variant_by_keyboard(app, pilot, "   ")
        await pilot.press("f9", "enter")  # Envoyer votre campagne immédiatement
        await settle(pilot)
        assert not _modal(app)
        assert "✗ Le texte B du test A/B est vide : écrivez-le dans l'onglet Message" in _log(app)

        # A variable the shop does not have is refused the same way, naming the text.
        await pilot.press("f8")
        await focus(pilot, _variants(app)[0].area)
        await pilot.press(*"Salut {prenom}")
        await pilot.press("f9", "enter")
        await settle(pilot)
        assert not _modal(app)
        assert "✗ Texte B du test A/B : " in _log(app) and "{prenom}" in _log(app)

        # Without a variant, a delay for the winner is refused by the core's own rule.
        await pilot.press("f8")
        await focus(pilot, _variants(app)[0].query_one(".remove-variant", Button))
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#winner-after", Input).value = "24"
        await pilot.press("f9", "enter")
        await settle(pilot)
        assert not _modal(app)
        assert "Envoi du gagnant refusé : il faut au moins une variante" in _log(app)
    assert list_campaigns(demo_ctx.store) == []
    assert sandbox.account.sent() == []


async def test_variants_are_added_and_removed_by_keyboard_at_80x24(
    demo_ctx: AppContext,
) -> None:
    app = _app(demo_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f8", *"Texte principal")
        for text in ("deux", "trois", "quatre"):
            await _add_variant_by_keyboard(app, pilot, text)
            area = app.focused
            assert area is not None and area.region.y >= 0 and area.region.bottom <= 24
        add = app.screen.query_one("#add-variant", Button)
        assert add.disabled  # the message and 3 variants: 4 texts, the most compared
        assert any("Texte D" in line for line in screen_lines(app))
        assert app.screen.message_tab.checked_variants() == ("deux", "trois", "quatre")  # type: ignore[attr-defined]

        # Tab goes from a text to its Retirer button; Enter removes text B.
        await focus(pilot, _variants(app)[0].area)
        await pilot.press("tab")
        assert app.focused is _variants(app)[0].query_one(".remove-variant", Button)
        await pilot.press("enter")
        await settle(pilot)
        variants = _variants(app)
        assert [(_title(v.editor), v.editor.text) for v in variants] == [
            ("Texte B", "trois"),
            ("Texte C", "quatre"),
        ]
        assert str(variants[0].query_one(Button).label) == "Retirer le texte B"
        assert app.focused is variants[0].area  # the next text, not nowhere
        assert not add.disabled

        # The last one removed: the focus goes to Ajouter, the message is no longer "A".
        for variant in reversed(variants):
            await focus(pilot, variant.query_one(".remove-variant", Button))
            await pilot.press("enter")
            await settle(pilot)
        assert _variants(app) == [] and app.focused is add
        main = app.screen.query_one("#campaign-message", MessageEditor)
        assert _title(main) == "Texte du SMS"
        assert app.screen.message_tab.checked_variants() == ()  # type: ignore[attr-defined]


async def test_f9_at_80x24_shows_the_send_button_it_focuses(demo_ctx: AppContext) -> None:
    """The Envoi tab is taller than 24 lines: F9 scrolls it to the button it focuses."""
    app = _app(demo_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("f9")
        await settle(pilot)
        button = app.screen.query_one("#send-now", Button)
        assert app.focused is button
        assert button.region.y >= 0 and button.region.bottom <= 23  # above the footer
