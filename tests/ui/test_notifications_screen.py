"""Envoi de notifications driven with the keyboard at 80x24: pick events, keep or write the
text, save; then the list: enable/disable, edit, delete (confirmed)."""

from __future__ import annotations

from pathlib import Path

from support.pilot import settle
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import DataTable, Static, TextArea

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.notifications import create_rules, list_rules
from isend_tui.notifications.catalogue import event
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.screens.notifications import NotificationsScreen
from isend_tui.ui.widgets.event_picker import EventPicker

SIZE = (80, 24)
SHIPPED = "[Client][Etat Commande] Expédié"


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if c == " " else c for c in text])


def paste(area: TextArea, text: str) -> None:
    """Select all and paste (typing long texts key by key only slows the tests down)."""
    area.focus()
    area.clear()
    area.insert(text)


def screen_text(app: ISendApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def table_rows(app: ISendApp) -> list[list[str]]:
    table = app.screen.query_one("#rules-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def pick(pilot, app: ISendApp, words: str) -> None:  # type: ignore[no-untyped-def]
    """Type in the filter, go to the list (Enter) and check the first match (Space)."""
    app.screen.query_one("#event-filter").focus()
    await pilot.press("ctrl+a", "ctrl+k")  # empty the filter (Input's own keys)
    await type_text(pilot, words)
    await pilot.press("enter", "space")
    await pilot.pause()


async def test_a_rule_is_created_with_the_keyboard_and_listed(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NotificationsScreen)
        assert app.focused is app.screen.query_one("#event-filter")
        await pick(pilot, app, "client expedie")
        picker = app.screen.query_one(EventPicker)
        assert [c.label for c in picker.selected] == [SHIPPED]
        # The event's default text is proposed, with its live counter.
        default = event("client.order_state.shipped").default_text
        assert app.screen.editor.text == default
        assert "1 SMS par destinataire" in screen_text(app, "#message-counter")
        assert "valeurs d'exemple" in screen_text(app, "#sample-counter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_text(app, "#rule-status").startswith("✓ ")
        rows = table_rows(app)
        assert [r[:2] for r in rows] == [["✓ oui", SHIPPED]]
        assert rows[0][2] == "défaut (compte)"  # no default sender in these settings
        # The form is ready for the next one; the list says the event has a rule.
        assert picker.selected == [] and app.screen.editor.text == ""
    rules = list_rules(ctx.store)
    assert [(r.event, r.text, r.enabled) for r in rules] == [
        ("client.order_state.shipped", default, True)
    ]


async def test_an_unknown_variable_is_refused_with_its_name(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, app, "admin creation compte")
        area = app.screen.query_one("#message-text", TextArea)
        paste(area, "Bienvenue {order_reference}")
        await pilot.pause()
        # Flagged as typed: an account creation has no order.
        problems = screen_text(app, "#message-problems")
        assert problems.startswith("✗") and "order_reference" in problems
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = screen_text(app, "#rule-status")
        assert status.startswith("✗") and "{order_reference}" in status
        assert app.focused is area
    assert list_rules(ctx.store) == []


async def test_several_events_each_keep_their_own_default_text(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, app, "client expedie")
        await pick(pilot, app, "client livre")
        assert len(app.screen.query_one(EventPicker).selected) == 2
        assert app.screen.editor.text == ""
        assert "son propre texte par défaut" in screen_text(app, "#event-hint")
        await pilot.press("ctrl+s")
        await settle(pilot)
    texts = {r.event: r.text for r in list_rules(ctx.store)}
    assert texts == {
        "client.order_state.shipped": event("client.order_state.shipped").default_text,
        "client.order_state.delivered": event("client.order_state.delivered").default_text,
    }


async def test_a_typed_text_is_used_for_every_checked_event(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, app, "admin expedie")
        await pick(pilot, app, "admin livre")
        area = app.screen.query_one("#message-text", TextArea)
        area.focus()
        await type_text(pilot, "Suivi ")  # typed by the merchant: used for both events
        area.insert("de {order_reference} : {tracking_number}")
        await pilot.pause()
        # Shipped and delivered have no tracking number: refused before saving, by name.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "{tracking_number}" in screen_text(app, "#rule-status")
        assert list_rules(ctx.store) == []
        paste(area, "Commande {order_reference} : suivez-la.")
        await pilot.pause()
        assert "utilisé pour chacun" in screen_text(app, "#event-hint")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert {r.text for r in list_rules(ctx.store)} == {"Commande {order_reference} : suivez-la."}


async def test_disable_enable_edit_and_delete_from_the_list(ctx: AppContext) -> None:
    create_rules(ctx.store, ctx.settings, ["client.order_state.shipped"])
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#rules-table", DataTable)
        table.focus()
        await pilot.press("space")
        await settle(pilot)
        assert table_rows(app)[0][0] == "✗ non"
        assert list_rules(ctx.store)[0].enabled is False
        # The toast names the event whole: "[Client][Etat Commande]" is not eaten as markup.
        (toast,) = [n for n in app._notifications if "désactivée" in n.message]
        assert SHIPPED in toast.message and toast.markup is False
        await pilot.press("space")
        await settle(pilot)
        assert table_rows(app)[0][0] == "✓ oui"
        assert list_rules(ctx.store)[0].enabled is True

        # Edit: Enter loads the rule into the form, Ctrl+S saves it.
        await pilot.press("enter")
        await pilot.pause()
        banner = screen_text(app, "#edit-banner")
        assert "Modification de la règle" in banner and SHIPPED in banner
        area = app.screen.query_one("#message-text", TextArea)
        assert app.focused is area
        paste(area, "Votre colis {order_reference} est parti.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert list_rules(ctx.store)[0].text == "Votre colis {order_reference} est parti."
        assert "Votre colis" in table_rows(app)[0][3]
        assert app.focused is table

        # Delete: asks first; "n" keeps the rule, "o" deletes it.
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert len(list_rules(ctx.store)) == 1
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("o")
        await settle(pilot)
        assert list_rules(ctx.store) == []
        assert table_rows(app) == []
        (deleted,) = [n for n in app._notifications if "supprimée" in n.message]
        assert SHIPPED in deleted.message and deleted.markup is False


async def test_escape_cancels_an_edit(ctx: AppContext) -> None:
    create_rules(ctx.store, ctx.settings, ["admin.order_validated"])
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#rules-table", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.editing is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.editing is None
        assert app.screen.editor.text == ""
        assert not app.screen.query_one("#edit-banner").display


async def test_the_event_list_comes_from_the_shop(ctx: AppContext, tmp_path: Path) -> None:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        # A payment module's own state, and a state this shop lacks.
        shop.w.insert("order_state", ["id_order_state", "unremovable", "module_name"],
                      [(90, 0, "ps_mollie")])  # fmt: skip
        shop.w.insert("order_state_lang", ["id_order_state", "id_lang", "name", "template"],
                      [(90, 1, "Paiement Mollie autorisé", "")])  # fmt: skip
        shop.delete_config("PS_OS_COD_VALIDATION")
    ctx.settings.shop_kind, ctx.settings.shop_path = "sqlite", str(dsn.path)
    ctx.save_settings(ctx.settings)
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.screen.query_one(EventPicker)
        labels = [c.label for c in picker.choices]
        assert "[Client][Etat Commande] Paiement Mollie autorisé" in labels
        # The catalogue's event for a state the shop's configuration lacks: shown, not
        # selectable, with the reason (the state itself is then offered by its name).
        (cod,) = [c for c in picker.choices if c.key == "client.order_state.cod"]
        assert not cod.available and "PS_OS_COD_VALIDATION" in cod.problem
        await pick(pilot, app, "client mollie")
        await pilot.press("ctrl+s")
        await settle(pilot)
    (rule,) = list_rules(ctx.store)
    assert (rule.event, rule.order_state_id, rule.state_name) == (
        "client.order_state",
        90,
        "Paiement Mollie autorisé",
    )


async def test_the_variable_picker_offers_only_what_the_event_can_fill(ctx: AppContext) -> None:
    from textual.widgets import OptionList

    from isend_tui.ui.widgets.message_editor import VariablePicker

    async def offered() -> set[str]:
        app.screen.query_one("#message-text", TextArea).focus()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, VariablePicker)
        options = app.screen.query_one("#variable-list", OptionList)
        names = {str(options.get_option_at_index(i).id) for i in range(options.option_count)}
        await pilot.press("escape")
        await pilot.pause()
        return names

    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, app, "admin creation compte")
        account = await offered()
        assert {"client_name", "shop_name"} <= account
        assert not account & {"order_id", "order_reference", "tracking_number"}
        await pick(pilot, app, "admin creation compte")  # unticked
        await pick(pilot, app, "client suivi")  # the tracking number event
        tracking = await offered()
        assert {"order_reference", "tracking_number", "delivery_address_city"} <= tracking


async def test_a_promotional_text_is_flagged_as_marketing_while_typed(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notifications")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        area = app.screen.query_one("#message-text", TextArea)
        paste(area, "Votre commande {order_reference} est partie.")
        await settle(pilot)
        assert "marketing" not in screen_text(app, "#message-problems")
        paste(area, "Votre commande {order_reference} est partie. -15% avec le code promo !")
        await settle(pilot)
        problems = screen_text(app, "#message-problems")
        assert "ressemble à du marketing" in problems and "« -15% »" in problems
